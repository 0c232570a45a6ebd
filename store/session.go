package store

import (
	"context"
	"time"
)

// Session is a logged-in browser. Only the SHA-256 of its cookie token is
// kept, so a copy of the database cannot be used to log in.
type Session struct {
	ID         string
	UserID     string
	TokenHash  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	ClientAddr string
	UserAgent  string
}

// InsertSession stores a new session.
func InsertSession(ctx context.Context, tx *Tx, s Session) error {
	_, err := tx.exec(ctx, `INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, client_addr, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.UserID, s.TokenHash, FormatTime(tx.Now), FormatTime(tx.Now), FormatTime(s.ExpiresAt), s.ClientAddr, s.UserAgent)
	return translate(err)
}

// SessionByTokenHash finds the session a cookie belongs to.
func SessionByTokenHash(ctx context.Context, r Querier, hash string) (Session, error) {
	var s Session
	var created, seen, expires string
	err := r.QueryRowContext(ctx, `SELECT id, user_id, token_hash, created_at, last_seen_at, expires_at, client_addr, user_agent
		FROM sessions WHERE token_hash = ?`, hash).
		Scan(&s.ID, &s.UserID, &s.TokenHash, &created, &seen, &expires, &s.ClientAddr, &s.UserAgent)
	if err != nil {
		return Session{}, translate(err)
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = ParseTime(created), ParseTime(seen), ParseTime(expires)
	return s, nil
}

// TouchSession moves a session's idle clock forward.
func TouchSession(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, FormatTime(tx.Now), id)
	return translate(err)
}

// DeleteSession ends one session.
func DeleteSession(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	return translate(err)
}

// DeleteUserSessions logs a user out everywhere (password reset, disable).
func DeleteUserSessions(ctx context.Context, tx *Tx, userID string) error {
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return translate(err)
}

// DeleteExpiredSessions removes sessions past their absolute expiry or
// idle for longer than idle.
func DeleteExpiredSessions(ctx context.Context, tx *Tx, idle time.Duration) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`,
		FormatTime(tx.Now), FormatTime(tx.Now.Add(-idle)))
	if err != nil {
		return 0, translate(err)
	}
	return res.RowsAffected()
}

// DeleteOtherSessions logs a user out of every browser but keep.
func DeleteOtherSessions(ctx context.Context, tx *Tx, userID, keep string) error {
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND id <> ?`, userID, keep)
	return translate(err)
}
