package store

import "context"

// Setting reads one instance-wide setting; missing keys give def.
func Setting(ctx context.Context, r Querier, key, def string) (string, error) {
	var v string
	err := r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err = translate(err); err == ErrNotFound {
		return def, nil
	}
	return v, err
}

// PutSetting stores one instance-wide setting.
func PutSetting(ctx context.Context, tx *Tx, key, value string) error {
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return translate(err)
}
