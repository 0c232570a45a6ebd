package store

import (
	"context"
	"database/sql"
	"errors"
)

// SetContactPhoto stores data as the contact's photo, replacing the one
// it had.
func SetContactPhoto(ctx context.Context, tx *Tx, contactID string, data []byte) error {
	_, err := tx.exec(ctx, `INSERT INTO contact_photos (contact_id, updated_at, data) VALUES (?, ?, ?)
		ON CONFLICT (contact_id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data`,
		contactID, FormatTime(tx.Now), data)
	return translate(err)
}

// DeleteContactPhoto removes the contact's photo; it tells whether there
// was one.
func DeleteContactPhoto(ctx context.Context, tx *Tx, contactID string) (bool, error) {
	res, err := tx.exec(ctx, `DELETE FROM contact_photos WHERE contact_id = ?`, contactID)
	if err != nil {
		return false, translate(err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// ContactPhoto reads the contact's photo and when it was stored (its
// version); ErrNotFound when it has none.
func ContactPhoto(ctx context.Context, q Querier, contactID string) (data []byte, version string, err error) {
	err = q.QueryRowContext(ctx, `SELECT data, updated_at FROM contact_photos WHERE contact_id = ?`, contactID).Scan(&data, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", ErrNotFound
	}
	return data, version, err
}

// ContactPhotoVersion is when the contact's photo was stored, "" when it
// has none; it does not read the image.
func ContactPhotoVersion(ctx context.Context, q Querier, contactID string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT updated_at FROM contact_photos WHERE contact_id = ?`, contactID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}
