package store

import (
	"context"
	"database/sql"
	"time"
)

// User is a person who logs in to Rolo.
type User struct {
	ID           string
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Language     string
	TimeZone     string // IANA name; "" follows the server's zone
	// RemindMinutes is how long before their due the tasks this user adds
	// ring, unless a task says otherwise (NoReminder: none). A new user
	// starts with the column's default, 10 minutes.
	RemindMinutes int
	DisabledAt    time.Time
	LastLoginAt   time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Disabled tells whether the account may no longer log in.
func (u User) Disabled() bool { return !u.DisabledAt.IsZero() }

const userColumns = `id, email, name, role, password_hash, language, time_zone, disabled_at, last_login_at, created_at, updated_at, remind_minutes`

// userInsertColumns leaves remind_minutes to its default.
const userInsertColumns = `id, email, name, role, password_hash, language, time_zone, disabled_at, last_login_at, created_at, updated_at`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var disabled, lastLogin sql.NullString
	var created, updated string
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Language, &u.TimeZone, &disabled, &lastLogin, &created, &updated, &u.RemindMinutes)
	if err != nil {
		return User{}, translate(err)
	}
	u.DisabledAt = parseNullTime(disabled)
	u.LastLoginAt = parseNullTime(lastLogin)
	u.CreatedAt = ParseTime(created)
	u.UpdatedAt = ParseTime(updated)
	return u, nil
}

// InsertUser adds u, stamping its times with the transaction's clock.
func InsertUser(ctx context.Context, tx *Tx, u User) error {
	_, err := tx.exec(ctx, `INSERT INTO users (`+userInsertColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
		u.ID, u.Email, u.Name, u.Role, u.PasswordHash, u.Language, u.TimeZone, nullTime(u.DisabledAt), FormatTime(tx.Now), FormatTime(tx.Now))
	return translate(err)
}

// UpdateUser writes every editable column of u.
func UpdateUser(ctx context.Context, tx *Tx, u User) error {
	res, err := tx.exec(ctx, `UPDATE users SET email = ?, name = ?, role = ?, password_hash = ?, language = ?,
		time_zone = ?, disabled_at = ?, remind_minutes = ?, updated_at = ? WHERE id = ?`,
		u.Email, u.Name, u.Role, u.PasswordHash, u.Language, u.TimeZone, nullTime(u.DisabledAt), u.RemindMinutes, FormatTime(tx.Now), u.ID)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// TouchUserLogin records a successful login.
func TouchUserLogin(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, FormatTime(tx.Now), id)
	return translate(err)
}

// UserByID loads one user.
func UserByID(ctx context.Context, r Querier, id string) (User, error) {
	return scanUser(r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
}

// UserByEmail loads one user by lower-cased email.
func UserByEmail(ctx context.Context, r Querier, email string) (User, error) {
	return scanUser(r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, email))
}

// ListUsers returns every user, active ones first, then by name. A team
// has tens of users, not thousands, so this list is not paged.
func ListUsers(ctx context.Context, r Querier) ([]User, error) {
	rows, err := r.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY disabled_at IS NOT NULL, name COLLATE NOCASE, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountUsers counts all users, disabled ones included.
func CountUsers(ctx context.Context, r Querier) (int, error) {
	var n int
	err := r.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// CountActiveAdmins counts admins who can still log in.
func CountActiveAdmins(ctx context.Context, r Querier) (int, error) {
	var n int
	err := r.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL`).Scan(&n)
	return n, err
}

func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
