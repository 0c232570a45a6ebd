package store

import (
	"context"
	"encoding/json"
	"errors"
)

// ListColumns gives the custom field keys a user chose as list columns.
func ListColumns(ctx context.Context, q Querier, userID, entity string) ([]string, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT columns FROM list_columns WHERE user_id = ? AND entity = ?`, userID, entity).Scan(&raw)
	if errors.Is(translate(err), ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var keys []string
	_ = json.Unmarshal([]byte(raw), &keys) // only PutListColumns writes it
	return keys, nil
}

// PutListColumns stores a user's list columns for an entity.
func PutListColumns(ctx context.Context, tx *Tx, userID, entity string, keys []string) error {
	raw, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO list_columns (user_id, entity, columns) VALUES (?, ?, ?)
		ON CONFLICT (user_id, entity) DO UPDATE SET columns = excluded.columns`, userID, entity, string(raw))
	return translate(err)
}
