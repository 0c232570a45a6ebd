package store

import (
	"context"
	"database/sql"
	"time"
)

// KeepInTouch is a contact's cadence: someone wants to hear from them at
// least every EveryDays days.
type KeepInTouch struct {
	ContactID   string
	EveryDays   int
	UserID      string // who is reminded
	LastTouchAt time.Time
	DueAt       time.Time
}

// PutKeepInTouch sets a contact's cadence.
func PutKeepInTouch(ctx context.Context, tx *Tx, k KeepInTouch) error {
	_, err := tx.exec(ctx, `INSERT INTO keep_in_touch (contact_id, every_days, user_id, last_touch_at, due_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (contact_id) DO UPDATE SET every_days = excluded.every_days,
		user_id = excluded.user_id, last_touch_at = excluded.last_touch_at, due_at = excluded.due_at, updated_at = excluded.updated_at`,
		k.ContactID, k.EveryDays, k.UserID, FormatTime(k.LastTouchAt), FormatTime(k.DueAt), FormatTime(tx.Now))
	return translate(err)
}

// DeleteKeepInTouch removes a contact's cadence.
func DeleteKeepInTouch(ctx context.Context, tx *Tx, contactID string) error {
	_, err := tx.exec(ctx, `DELETE FROM keep_in_touch WHERE contact_id = ?`, contactID)
	return err
}

// KeepInTouchOf loads a contact's cadence; ErrNotFound when it has none.
func KeepInTouchOf(ctx context.Context, q Querier, contactID string) (KeepInTouch, error) {
	var k KeepInTouch
	var last, due string
	err := q.QueryRowContext(ctx, `SELECT contact_id, every_days, user_id, last_touch_at, due_at FROM keep_in_touch WHERE contact_id = ?`,
		contactID).Scan(&k.ContactID, &k.EveryDays, &k.UserID, &last, &due)
	k.LastTouchAt, k.DueAt = ParseTime(last), ParseTime(due)
	return k, translate(err)
}

// KeepInTouchDue is a cadence that has run out, with its contact's name.
type KeepInTouchDue struct {
	KeepInTouch
	DisplayName string
}

// keepInTouchDueSQL lists a user's cadences due before a moment (the
// first two parameters) of live contacts, with how many there are in
// all. The count reads only the cadences' index: a trashed contact is
// left out by looking it up among the few trashed ones, not by reading
// every due contact.
const keepInTouchDueSQL = `SELECT k.contact_id, k.every_days, k.user_id, k.last_touch_at, k.due_at, c.display_name,
	(SELECT count(*) FROM keep_in_touch n WHERE n.user_id = ?1 AND n.due_at < ?2
		AND n.contact_id NOT IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL))
	FROM keep_in_touch k JOIN contacts c ON c.id = k.contact_id
	WHERE k.user_id = ?1 AND k.due_at < ?2 AND c.deleted_at IS NULL ORDER BY k.due_at, k.contact_id LIMIT ?3`

// KeepInTouchDueFor lists the user's live contacts whose cadence ran out
// before the moment given, longest overdue first, and how many there are.
func KeepInTouchDueFor(ctx context.Context, q Querier, userID string, before time.Time, limit int) ([]KeepInTouchDue, int, error) {
	rows, err := q.QueryContext(ctx, keepInTouchDueSQL, userID, FormatTime(before), clampLimit(limit))
	if err != nil {
		return nil, 0, err
	}
	var out []KeepInTouchDue
	var total int
	err = eachRow(rows, func() error {
		var k KeepInTouchDue
		var last, due string
		err := rows.Scan(&k.ContactID, &k.EveryDays, &k.UserID, &last, &due, &k.DisplayName, &total)
		k.LastTouchAt, k.DueAt = ParseTime(last), ParseTime(due)
		out = append(out, k)
		return err
	})
	return out, total, err // no row due: none in all
}

// DateReminder is a rule that turns a date field into a yearly reminder.
type DateReminder struct {
	ID         string
	Entity     string
	Field      string // birthday, or custom.<id> once custom date fields exist
	DaysBefore int
	Enabled    bool
}

// DateReminders lists every rule.
func DateReminders(ctx context.Context, q Querier) ([]DateReminder, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, entity, field, days_before, enabled FROM date_reminders ORDER BY entity, field`)
	if err != nil {
		return nil, err
	}
	var out []DateReminder
	err = eachRow(rows, func() error {
		var d DateReminder
		err := rows.Scan(&d.ID, &d.Entity, &d.Field, &d.DaysBefore, &d.Enabled)
		out = append(out, d)
		return err
	})
	return out, err
}

// UpdateDateReminder saves a rule's lead time and whether it is on.
func UpdateDateReminder(ctx context.Context, tx *Tx, d DateReminder) error {
	res, err := tx.exec(ctx, `UPDATE date_reminders SET days_before = ?, enabled = ?, updated_at = ? WHERE id = ?`,
		d.DaysBefore, d.Enabled, FormatTime(tx.Now), d.ID)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// birthdaysSQL reads the month-day index; a window over the new year is
// two ranges of it.
func birthdaysSQL(ownerID, from, to string, limit int) (string, []any) {
	cond := `substr(birthday, -5) BETWEEN ? AND ?`
	if from > to {
		cond = `(substr(birthday, -5) >= ? OR substr(birthday, -5) <= ?)`
	}
	return `SELECT id, display_name, birthday FROM contacts
		WHERE owner_key = ? AND birthday <> '' AND deleted_at IS NULL AND ` + cond + `
		ORDER BY substr(birthday, -5), sort_name LIMIT ?`, []any{ownerID, from, to, clampLimit(limit)}
}

// BirthdayRow is a contact whose birthday falls in a window.
type BirthdayRow struct {
	ContactID   string
	DisplayName string
	Birthday    string // YYYY-MM-DD or --MM-DD
}

// BirthdaysBetween lists the live contacts owned by ownerID whose
// birthday's month-day ("MM-DD") lies in [from, to], both inclusive;
// from > to wraps over the new year.
func BirthdaysBetween(ctx context.Context, q Querier, ownerID, from, to string, limit int) ([]BirthdayRow, error) {
	query, args := birthdaysSQL(ownerID, from, to, limit)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []BirthdayRow
	err = eachRow(rows, func() error {
		var b BirthdayRow
		err := rows.Scan(&b.ContactID, &b.DisplayName, &b.Birthday)
		out = append(out, b)
		return err
	})
	return out, err
}

// CalendarFeed is a user's private calendar feed.
type CalendarFeed struct {
	UserID    string
	TokenHash string
	Nonce     string
	CreatedAt time.Time
}

// PutCalendarFeed creates or replaces a user's feed.
func PutCalendarFeed(ctx context.Context, tx *Tx, f CalendarFeed) error {
	_, err := tx.exec(ctx, `INSERT INTO calendar_feeds (user_id, token_hash, nonce, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, nonce = excluded.nonce, created_at = excluded.created_at`,
		f.UserID, f.TokenHash, f.Nonce, FormatTime(tx.Now))
	return translate(err)
}

// CalendarFeedOf loads a user's feed; ErrNotFound when they have none yet.
func CalendarFeedOf(ctx context.Context, q Querier, userID string) (CalendarFeed, error) {
	return scanFeed(q.QueryRowContext(ctx, `SELECT user_id, token_hash, nonce, created_at FROM calendar_feeds WHERE user_id = ?`, userID))
}

// CalendarFeedByHash finds the feed whose token hashes to hash.
func CalendarFeedByHash(ctx context.Context, q Querier, hash string) (CalendarFeed, error) {
	return scanFeed(q.QueryRowContext(ctx, `SELECT user_id, token_hash, nonce, created_at FROM calendar_feeds WHERE token_hash = ?`, hash))
}

func scanFeed(row *sql.Row) (CalendarFeed, error) {
	var f CalendarFeed
	var created string
	err := row.Scan(&f.UserID, &f.TokenHash, &f.Nonce, &created)
	f.CreatedAt = ParseTime(created)
	return f, translate(err)
}
