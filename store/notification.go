package store

import (
	"context"
	"database/sql"
	"time"
)

// Notification is one line under a user's bell.
type Notification struct {
	ID        string
	UserID    string
	Kind      string
	Text      string
	Link      string
	ReadAt    time.Time
	CreatedAt time.Time
}

// InsertNotification stores a notification.
func InsertNotification(ctx context.Context, tx *Tx, n Notification) error {
	_, err := tx.exec(ctx, `INSERT INTO notifications (id, user_id, kind, text, link, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		n.ID, n.UserID, n.Kind, n.Text, n.Link, FormatTime(tx.Now))
	return translate(err)
}

// NotificationsOf lists a user's latest notifications, newest first.
func NotificationsOf(ctx context.Context, q Querier, userID string, limit int) ([]Notification, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, kind, text, link, read_at, created_at FROM notifications
		WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, userID, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var read sql.NullString
		var created string
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Text, &n.Link, &read, &created); err != nil {
			return nil, translate(err)
		}
		n.ReadAt, n.CreatedAt = parseNullTime(read), ParseTime(created)
		out = append(out, n)
	}
	return out, translate(rows.Err())
}

// UnreadNotifications counts a user's unread notifications (the badge).
func UnreadNotifications(ctx context.Context, q Querier, userID string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	return n, translate(err)
}

// MarkNotificationsRead marks one of a user's notifications read, or all
// of them when id is "".
func MarkNotificationsRead(ctx context.Context, tx *Tx, userID, id string) error {
	var err error
	if id == "" {
		_, err = tx.ExecContext(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, FormatTime(tx.Now), userID)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE user_id = ? AND id = ?`, FormatTime(tx.Now), userID, id)
	}
	return translate(err)
}

// ActiveUsers lists the id and name of every enabled user (for @mentions).
func ActiveUsers(ctx context.Context, q Querier) ([][2]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM users WHERE disabled_at IS NULL`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, translate(err)
		}
		out = append(out, [2]string{id, name})
	}
	return out, translate(rows.Err())
}

// RecordName is a record's display name, for a notification's text.
func RecordName(ctx context.Context, tx *Tx, entity, id string) (string, error) {
	query := map[string]string{
		"contact": `SELECT display_name FROM contacts WHERE id = ?`,
		"company": `SELECT name FROM companies WHERE id = ?`,
		"deal":    `SELECT title FROM deals WHERE id = ?`,
		"task":    `SELECT title FROM tasks WHERE id = ?`,
	}[entity]
	if query == "" {
		return "", ErrNotFound
	}
	var name string
	err := tx.queryRow(ctx, query, id).Scan(&name)
	return name, translate(err)
}

// NotificationMutes lists the kinds a user turned off.
func NotificationMutes(ctx context.Context, q Querier, userID string) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind FROM notification_mutes WHERE user_id = ?`, userID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, translate(err)
		}
		out[k] = true
	}
	return out, translate(rows.Err())
}

// SetNotificationMutes replaces the kinds a user turned off.
func SetNotificationMutes(ctx context.Context, tx *Tx, userID string, kinds []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM notification_mutes WHERE user_id = ?`, userID); err != nil {
		return translate(err)
	}
	for _, k := range kinds {
		if _, err := tx.ExecContext(ctx, `INSERT INTO notification_mutes (user_id, kind) VALUES (?, ?)`, userID, k); err != nil {
			return translate(err)
		}
	}
	return nil
}

// NotificationMuted tells whether a user turned a kind off.
func NotificationMuted(ctx context.Context, tx *Tx, userID, kind string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM notification_mutes WHERE user_id = ? AND kind = ?`, userID, kind).Scan(&n)
	return n > 0, translate(err)
}
