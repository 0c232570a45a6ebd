package store

import (
	"context"
	"time"
)

// CustomField is the definition of one field an admin added to contacts,
// companies or deals.
type CustomField struct {
	ID        string
	Entity    string // contact, company, deal
	Key       string // stable slug, unique per entity
	Label     string
	Type      string
	Help      string
	Required  bool
	Group     string
	Position  int
	Currency  string // money fields
	Options   []FieldOption
	CreatedAt time.Time
	UpdatedAt time.Time
}

// FieldOption is one choice of a select field; values keep its id.
type FieldOption struct {
	ID       string
	Label    string
	Position int
}

// CustomValue is one stored value (a multi select has one per option).
type CustomValue struct {
	FieldID  string
	RecordID string
	Value    any // float64, int64, or string, per the field's type
	Currency string
}

const customFieldColumns = `id, entity, key, label, type, help, required, group_name, position, currency, created_at, updated_at`

// CustomFields lists an entity's fields in form order, with their options.
func CustomFields(ctx context.Context, q Querier, entity string) ([]CustomField, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+customFieldColumns+` FROM custom_fields
		WHERE entity = ? ORDER BY group_name, position, label`, entity)
	if err != nil {
		return nil, err
	}
	var fields []CustomField
	for rows.Next() {
		f, err := scanCustomField(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		fields = append(fields, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range fields {
		if fields[i].Options, err = fieldOptions(ctx, q, fields[i].ID); err != nil {
			return nil, err
		}
	}
	return fields, nil
}

// CustomFieldByID loads one field with its options.
func CustomFieldByID(ctx context.Context, q Querier, id string) (CustomField, error) {
	f, err := scanCustomField(q.QueryRowContext(ctx, `SELECT `+customFieldColumns+` FROM custom_fields WHERE id = ?`, id))
	if err != nil {
		return f, err
	}
	f.Options, err = fieldOptions(ctx, q, id)
	return f, err
}

func scanCustomField(row rowScanner) (CustomField, error) {
	var f CustomField
	var created, updated string
	err := row.Scan(&f.ID, &f.Entity, &f.Key, &f.Label, &f.Type, &f.Help, &f.Required, &f.Group, &f.Position,
		&f.Currency, &created, &updated)
	f.CreatedAt, f.UpdatedAt = ParseTime(created), ParseTime(updated)
	return f, translate(err)
}

func fieldOptions(ctx context.Context, q Querier, fieldID string) ([]FieldOption, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, label, position FROM custom_field_options WHERE field_id = ? ORDER BY position`, fieldID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FieldOption
	for rows.Next() {
		var o FieldOption
		if err := rows.Scan(&o.ID, &o.Label, &o.Position); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// PutCustomField inserts or updates a field definition and replaces its
// option list (options keep their ids, so values survive a rename).
func PutCustomField(ctx context.Context, tx *Tx, f CustomField) error {
	now := FormatTime(tx.Now)
	created := now
	if !f.CreatedAt.IsZero() {
		created = FormatTime(f.CreatedAt)
	}
	_, err := tx.exec(ctx, `INSERT INTO custom_fields (`+customFieldColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET label = excluded.label, type = excluded.type, help = excluded.help,
		required = excluded.required, group_name = excluded.group_name, position = excluded.position,
		currency = excluded.currency, updated_at = excluded.updated_at`,
		f.ID, f.Entity, f.Key, f.Label, f.Type, f.Help, f.Required, f.Group, f.Position, f.Currency, created, now)
	if err != nil {
		return translate(err)
	}
	keep := map[string]bool{}
	for i, o := range f.Options {
		keep[o.ID] = true
		if _, err := tx.exec(ctx, `INSERT INTO custom_field_options (id, field_id, label, position) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET label = excluded.label, position = excluded.position`, o.ID, f.ID, o.Label, i); err != nil {
			return translate(err)
		}
	}
	old, err := fieldOptions(ctx, tx, f.ID)
	if err != nil {
		return err
	}
	for _, o := range old {
		if keep[o.ID] {
			continue
		}
		// A removed option takes its values with it; the app refuses the
		// removal while records still use it.
		if _, err := tx.exec(ctx, `DELETE FROM custom_field_options WHERE id = ?`, o.ID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteCustomField removes a field; its values and options go with it.
func DeleteCustomField(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM custom_fields WHERE id = ?`, id)
	return translate(err)
}

// CustomValuesOf loads the values of the records ids, by record.
func CustomValuesOf(ctx context.Context, q Querier, ids []string) (map[string][]CustomValue, error) {
	out := map[string][]CustomValue{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT field_id, record_id, value, currency FROM custom_values
		WHERE record_id IN (`+placeholders(len(ids))+`)`, anySlice(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v CustomValue
		if err := rows.Scan(&v.FieldID, &v.RecordID, &v.Value, &v.Currency); err != nil {
			return nil, err
		}
		if b, ok := v.Value.([]byte); ok {
			v.Value = string(b)
		}
		out[v.RecordID] = append(out[v.RecordID], v)
	}
	return out, rows.Err()
}

// FieldValues loads every value of one field (type changes, deletes).
func FieldValues(ctx context.Context, q Querier, fieldID string) ([]CustomValue, error) {
	rows, err := q.QueryContext(ctx, `SELECT field_id, record_id, value, currency FROM custom_values WHERE field_id = ?`, fieldID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CustomValue
	for rows.Next() {
		var v CustomValue
		if err := rows.Scan(&v.FieldID, &v.RecordID, &v.Value, &v.Currency); err != nil {
			return nil, err
		}
		if b, ok := v.Value.([]byte); ok {
			v.Value = string(b)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SetFieldValues replaces a record's values of one field (none clears it).
func SetFieldValues(ctx context.Context, tx *Tx, fieldID, recordID string, values []CustomValue) error {
	if _, err := tx.exec(ctx, `DELETE FROM custom_values WHERE field_id = ? AND record_id = ?`, fieldID, recordID); err != nil {
		return err
	}
	for _, v := range values {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO custom_values (field_id, record_id, value, currency) VALUES (?, ?, ?, ?)`,
			fieldID, recordID, v.Value, v.Currency); err != nil {
			return translate(err)
		}
	}
	return nil
}

// CountOptionUse counts the records that chose an option.
func CountOptionUse(ctx context.Context, q Querier, fieldID, optionID string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM custom_values WHERE field_id = ? AND value = ?`, fieldID, optionID).Scan(&n)
	return n, err
}

// AuditByID loads one audit entry (restoring a deleted field reads it).
func AuditByID(ctx context.Context, q Querier, id string) (AuditEntry, error) {
	var e AuditEntry
	var at string
	var actor *string
	err := q.QueryRowContext(ctx, `SELECT id, at, actor_id, action, entity, entity_id, details FROM audit_log WHERE id = ?`, id).
		Scan(&e.ID, &at, &actor, &e.Action, &e.Entity, &e.EntityID, &e.Details)
	if actor != nil {
		e.ActorID = *actor
	}
	e.At = ParseTime(at)
	return e, translate(err)
}

// InsertFieldValues stores values of records that have none yet (a bulk
// load); each value names its field and record.
func InsertFieldValues(ctx context.Context, tx *Tx, values []CustomValue) error {
	for _, v := range values {
		if _, err := tx.exec(ctx, `INSERT INTO custom_values (field_id, record_id, value, currency) VALUES (?, ?, ?, ?)`,
			v.FieldID, v.RecordID, v.Value, v.Currency); err != nil {
			return translate(err)
		}
	}
	return nil
}
