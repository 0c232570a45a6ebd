package store

import (
	"context"
	"database/sql"
	"time"
)

// Seen names the once-only marks a time-based lookup skips: a rule's
// (automation_fired) or, with RuleID empty, an event's for webhooks
// (timed_events).
type Seen struct {
	RuleID string
	Event  string
}

// notSeen is the condition "no mark for the record in idColumn with key".
func (s Seen) notSeen(idColumn, keyExpr string) (string, []any) {
	if s.RuleID != "" {
		return ` AND NOT EXISTS (SELECT 1 FROM automation_fired f WHERE f.rule_id = ? AND f.entity_id = ` + idColumn + ` AND f.key = ` + keyExpr + `)`, []any{s.RuleID}
	}
	return ` AND NOT EXISTS (SELECT 1 FROM timed_events f WHERE f.event = ? AND f.entity_id = ` + idColumn + ` AND f.key = ` + keyExpr + `)`, []any{s.Event}
}

// MarkTimedEvent records that event was sent for a record and occasion;
// false when it had been already.
func MarkTimedEvent(ctx context.Context, tx *Tx, event, entityID, key string) (bool, error) {
	return insertedOne(tx.ExecContext(ctx, `INSERT INTO timed_events (event, entity_id, key, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		event, entityID, key, FormatTime(tx.Now)))
}

// insertedOne tells whether an INSERT … ON CONFLICT DO NOTHING wrote its row.
func insertedOne(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, translate(err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// DateField is a date the date.arriving trigger watches: a contact's
// birthday (FieldID empty; it comes back every year) or a custom date
// field of contacts, companies or deals (its one date).
type DateField struct {
	Entity  string
	FieldID string
	Key     string
}

// DateFields lists every date field: the birthday, then the custom date
// fields.
func DateFields(ctx context.Context, q Querier) ([]DateField, error) {
	out := []DateField{{Entity: "contact", Key: "birthday"}}
	rows, err := q.QueryContext(ctx, `SELECT entity, id, key FROM custom_fields WHERE type = 'date' ORDER BY entity, position, key`)
	if err != nil {
		return nil, translate(err)
	}
	err = eachRow(rows, func() error {
		var f DateField
		err := rows.Scan(&f.Entity, &f.FieldID, &f.Key)
		out = append(out, f)
		return err
	})
	return out, err
}

var liveTables = map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}

// DatesOn lists live records whose field falls on day (YYYY-MM-DD; a
// birthday by its month and day, also in monthDays) and that carry no
// mark keyed key. Birthdays are found through contacts_birthday (a skip
// over its owners), custom dates through custom_values_value.
func DatesOn(ctx context.Context, q Querier, f DateField, day string, monthDays []string, key string, seen Seen, limit int) ([]string, error) {
	var query string
	var args []any
	skip, skipArgs := seen.notSeen("r.id", "?")
	if f.FieldID == "" {
		query = `SELECT r.id FROM contacts r WHERE substr(r.birthday, -5) IN (` + placeholders(len(monthDays)) + `)
			AND r.birthday <> '' AND r.deleted_at IS NULL` + skip + ` LIMIT ?`
		for _, md := range monthDays {
			args = append(args, md)
		}
	} else {
		query = `SELECT r.id FROM custom_values v JOIN ` + liveTables[f.Entity] + ` r ON r.id = v.record_id
			WHERE v.field_id = ? AND v.value = ? AND r.deleted_at IS NULL` + skip + ` LIMIT ?`
		args = []any{f.FieldID, day}
	}
	args = append(append(append(args, skipArgs...), key), limit)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	var out []string
	err = eachRow(rows, func() error {
		var id string
		err := rows.Scan(&id)
		out = append(out, id)
		return err
	})
	return out, err
}

// OverdueTasks lists open, live tasks whose due passed between from and
// now and that carry no mark for that due, with the due key naming the
// occasion.
func OverdueTasks(ctx context.Context, q Querier, from, now time.Time, seen Seen, limit int) ([][2]string, error) {
	skip, skipArgs := seen.notSeen("t.id", "t.due_key")
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.due_key FROM tasks t WHERE t.deleted_at IS NULL AND t.done_at IS NULL
		AND t.due_key >= ? AND t.due_key < ?`+skip+` ORDER BY t.due_key LIMIT ?`,
		append(append([]any{FormatTime(from), FormatTime(now)}, skipArgs...), limit)...)
	return scanPairs(rows, err)
}

// QuietContacts lists live contacts whose last activity (or, without any,
// their creation) is between from and since and that carry no mark for
// that silence, with the time it began.
func QuietContacts(ctx context.Context, q Querier, from, since time.Time, seen Seen, limit int) ([][2]string, error) {
	skip, skipArgs := seen.notSeen("id", "last")
	rows, err := q.QueryContext(ctx, `SELECT id, last FROM (
			SELECT c.id, COALESCE((SELECT max(l.occurred_at) FROM activity_links l WHERE l.entity = 'contact' AND l.entity_id = c.id), c.created_at) AS last
			FROM contacts c WHERE c.deleted_at IS NULL)
		WHERE last >= ? AND last < ?`+skip+` LIMIT ?`, append(append([]any{FormatTime(from), FormatTime(since)}, skipArgs...), limit)...)
	return scanPairs(rows, err)
}

func scanPairs(rows *sql.Rows, err error) ([][2]string, error) {
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, translate(err)
		}
		out = append(out, [2]string{a, b})
	}
	return out, translate(rows.Err())
}
