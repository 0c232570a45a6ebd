package store

import (
	"context"
	"database/sql"
	"time"
)

// APIKey is a personal key for the JSON API. Only the SHA-256 of the token
// is kept.
type APIKey struct {
	ID         string
	UserID     string
	Name       string
	Prefix     string
	TokenHash  string
	Scope      string // read or write
	ExpiresAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
	CreatedAt  time.Time
}

const apiKeyColumns = `id, user_id, name, prefix, token_hash, scope, expires_at, last_used_at, revoked_at, created_at`

func scanAPIKey(row interface{ Scan(...any) error }) (APIKey, error) {
	var k APIKey
	var expires, used, revoked sql.NullString
	var created string
	if err := row.Scan(&k.ID, &k.UserID, &k.Name, &k.Prefix, &k.TokenHash, &k.Scope, &expires, &used, &revoked, &created); err != nil {
		return APIKey{}, translate(err)
	}
	k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.CreatedAt = parseNullTime(expires), parseNullTime(used), parseNullTime(revoked), ParseTime(created)
	return k, nil
}

// InsertAPIKey stores a new key.
func InsertAPIKey(ctx context.Context, tx *Tx, k APIKey) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO api_keys (id, user_id, name, prefix, token_hash, scope, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, k.ID, k.UserID, k.Name, k.Prefix, k.TokenHash, k.Scope, nullTime(k.ExpiresAt), FormatTime(tx.Now))
	return translate(err)
}

// APIKeyByTokenHash finds the key a Bearer token belongs to and its user,
// in the one statement every API request runs.
func APIKeyByTokenHash(ctx context.Context, q Querier, hash string) (APIKey, User, error) {
	var k APIKey
	var expires, used, revoked sql.NullString
	var created string
	u, err := scanUser(withFirst(q.QueryRowContext(ctx, `SELECT `+qualify("k", apiKeyColumns)+`, `+qualify("u", userColumns)+`
		FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.token_hash = ?`, hash),
		&k.ID, &k.UserID, &k.Name, &k.Prefix, &k.TokenHash, &k.Scope, &expires, &used, &revoked, &created))
	if err != nil {
		return APIKey{}, User{}, err
	}
	k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.CreatedAt = parseNullTime(expires), parseNullTime(used), parseNullTime(revoked), ParseTime(created)
	return k, u, nil
}

// APIKeyByID loads one key.
func APIKeyByID(ctx context.Context, q Querier, id string) (APIKey, error) {
	return scanAPIKey(q.QueryRowContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE id = ?`, id))
}

// APIKeysOf lists a user's keys, newest first.
func APIKeysOf(ctx context.Context, q Querier, userID string) ([]APIKey, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, translate(rows.Err())
}

// RevokeAPIKey stops a key working; revoking twice is harmless.
func RevokeAPIKey(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, FormatTime(tx.Now), id)
	return translate(err)
}

// TouchAPIKey records when a key was last used.
func TouchAPIKey(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.ExecContext(ctx, `UPDATE api_keys SET last_used_at = ? WHERE id = ?`, FormatTime(tx.Now), id)
	return translate(err)
}
