package store

import (
	"context"
	"log/slog"
	"time"
)

// fillCardsSQL stores the cards of up to ? contacts that have none, found
// through the partial index contacts_card_missing.
var fillCardsSQL = `UPDATE contacts AS c SET card = ` + contactCardSQL + `
	WHERE c.id IN (SELECT id FROM contacts WHERE card IS NULL LIMIT ?)`

// cardBatch is how many cards one fill transaction stores: small enough
// that a person's save waits at most a few milliseconds behind it.
const cardBatch = 500

// FillContactCards stores the missing cards of up to n contacts in one
// write transaction and says how many it stored. Reads never depend on
// it (a missing card is built by the reading statement); it only makes
// the next reads cheaper.
func (db *DB) FillContactCards(ctx context.Context, n int) (int, error) {
	// Asking a reader first keeps the writer free when nothing is missing
	// (the usual case), and keeps the fill's own commit from waking
	// KeepContactCards for ever.
	var missing bool
	if err := db.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM contacts WHERE card IS NULL)`).Scan(&missing); err != nil || !missing {
		return 0, err
	}
	var filled int64
	err := db.Write(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, fillCardsSQL, n)
		if err != nil {
			return err
		}
		filled, err = res.RowsAffected()
		return err
	})
	return int(filled), err
}

// FillAllContactCards stores every missing card, a batch at a time, and
// says how many it stored (after an import, a demo load, a migration).
func (db *DB) FillAllContactCards(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := db.FillContactCards(ctx, cardBatch)
		total += n
		if err != nil || n < cardBatch {
			return total, err
		}
	}
}

// KeepContactCards stores missing cards until ctx ends: shortly after
// this process writes (a save sets its contact's card to NULL), and every
// idle interval for what other processes wrote (`rolo import` beside a
// running server). Serve runs it; commands that exit soon do not.
func (db *DB) KeepContactCards(ctx context.Context, idle time.Duration) {
	// Waiting a little after a write lets a burst of saves share one fill.
	const settle = 500 * time.Millisecond
	t := time.NewTicker(idle)
	defer t.Stop()
	for {
		if _, err := db.FillAllContactCards(ctx); err != nil && ctx.Err() == nil {
			slog.Warn("contact cards", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-db.cardsDirty:
			select {
			case <-ctx.Done():
				return
			case <-time.After(settle):
			}
		}
	}
}

// cardsMayBeMissing tells KeepContactCards that a write committed.
func (db *DB) cardsMayBeMissing() {
	select {
	case db.cardsDirty <- struct{}{}:
	default:
	}
}

// StaleContactCards lists up to limit contacts whose kept card differs
// from what their rows say now (doctor; the triggers should make this
// impossible, so any is a bug worth seeing).
func StaleContactCards(ctx context.Context, q Querier, limit int) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id FROM contacts c
		WHERE c.card IS NOT NULL AND c.card IS NOT (`+contactCardSQL+`) LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// StaleTagSortNames lists up to limit contacts whose tag links keep
// another sort name than theirs (the copy a tag's list walks by name,
// migration 0028; doctor).
func StaleTagSortNames(ctx context.Context, q Querier, limit int) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT l.contact_id FROM contact_tags l
		JOIN contacts c ON c.id = l.contact_id WHERE l.sort_name IS NOT c.sort_name LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// StaleTaskLinks lists up to limit tasks whose record links keep another
// state or due key than theirs (the copies a record's open tasks are
// walked by, migration 0031; doctor).
func StaleTaskLinks(ctx context.Context, q Querier, limit int) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT l.task_id FROM task_links l JOIN tasks t ON t.id = l.task_id
		WHERE l.open IS NOT (t.done_at IS NULL AND t.deleted_at IS NULL) OR l.due_key IS NOT t.due_key LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// StaleActivityLinks lists up to limit activities whose copy of their
// links differs from the links (migration 0033; doctor).
func StaleActivityLinks(ctx context.Context, q Querier, limit int) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id FROM activities a WHERE a.links IS NOT `+activityLinksSQL+` LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// copyActivityLinks stores every activity's links on its row again.
func copyActivityLinks(ctx context.Context, tx *Tx) error {
	_, err := tx.exec(ctx, `UPDATE activities AS a SET links = `+activityLinksSQL+` WHERE a.links IS NOT `+activityLinksSQL)
	return err
}

// RebuildContactCards drops every kept card and stores them again from
// the rows, and puts each contact's sort name back on its tag links, each
// task's state and due key on its record links and each activity's links
// on its row (doctor --fix).
func (db *DB) RebuildContactCards(ctx context.Context) (int, error) {
	err := db.Write(ctx, func(tx *Tx) error {
		if err := copyActivityLinks(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE task_links SET (open, due_key) =
			(SELECT t.done_at IS NULL AND t.deleted_at IS NULL, t.due_key FROM tasks t WHERE t.id = task_links.task_id)`); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE contact_tags SET sort_name = (SELECT sort_name FROM contacts WHERE id = contact_id)
			WHERE sort_name IS NOT (SELECT sort_name FROM contacts WHERE id = contact_id)`); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE contacts SET card = NULL WHERE card IS NOT NULL`)
		return err
	})
	if err != nil {
		return 0, err
	}
	return db.FillAllContactCards(ctx)
}
