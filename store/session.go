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

// SessionByTokenHash finds the session a cookie belongs to and its user,
// in the one statement every request runs.
func SessionByTokenHash(ctx context.Context, r Querier, hash string) (Session, User, error) {
	var s Session
	var created, seen, expires string
	u, err := scanUser(withFirst(r.QueryRowContext(ctx, `SELECT s.id, s.user_id, s.token_hash, s.created_at, s.last_seen_at,
		s.expires_at, s.client_addr, s.user_agent, `+qualify("u", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, hash),
		&s.ID, &s.UserID, &s.TokenHash, &created, &seen, &expires, &s.ClientAddr, &s.UserAgent))
	if err != nil {
		return Session{}, User{}, err
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = ParseTime(created), ParseTime(seen), ParseTime(expires)
	return s, u, nil
}

// withFirst scans into first, then into what its caller scans into: a
// row that joins two tables can use the second's scan function.
func withFirst(sc rowScanner, first ...any) rowScanner { return prefixed{sc, first} }

type prefixed struct {
	sc    rowScanner
	first []any
}

func (p prefixed) Scan(dest ...any) error { return p.sc.Scan(append(p.first, dest...)...) }

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
