package store

import "context"

// FieldProtections gives, per custom field id, the roles it is hidden
// from or read-only for ("hidden" or "read_only").
func FieldProtections(ctx context.Context, q Querier) (map[string]map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT field_id, role, mode FROM field_protection`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var field, role, mode string
		if err := rows.Scan(&field, &role, &mode); err != nil {
			return nil, err
		}
		if out[field] == nil {
			out[field] = map[string]string{}
		}
		out[field][role] = mode
	}
	return out, rows.Err()
}

// SetFieldProtection hides a field from a role, makes it read-only for
// it, or (mode "") lifts the protection.
func SetFieldProtection(ctx context.Context, tx *Tx, fieldID, role, mode string) error {
	if mode == "" {
		_, err := tx.exec(ctx, `DELETE FROM field_protection WHERE field_id = ? AND role = ?`, fieldID, role)
		return translate(err)
	}
	_, err := tx.exec(ctx, `INSERT INTO field_protection (field_id, role, mode) VALUES (?, ?, ?)
		ON CONFLICT (field_id, role) DO UPDATE SET mode = excluded.mode`, fieldID, role, mode)
	return translate(err)
}
