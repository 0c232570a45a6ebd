package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RecordRef names a record an activity or a task is linked to.
type RecordRef struct {
	Entity string // contact, company or deal
	ID     string
}

// Activity is something that happened with one or more records: a note,
// a call, an email, a meeting or a type an admin added.
type Activity struct {
	ID              string
	TypeID          string
	OccurredAt      time.Time
	DurationMinutes int // 0 when not given
	Outcome         string
	Body            string
	UserID          string // who did it
	Links           []RecordRef
	Stamp
}

const activityColumns = `a.id, a.type_id, a.occurred_at, a.duration_minutes, a.outcome, a.body, a.user_id,
	a.version, a.created_at, a.created_by, a.updated_at, a.updated_by, a.deleted_at, a.deleted_by`

// activityRecord is the activity a as two columns: its own columns as one
// JSON array, and its links as JSON rows (see decodeActivity), from the
// copy its row keeps (migration 0033).
const activityRecord = `json_array(` + activityColumns + `), a.links`

// activityLinksSQL is what an activity's copy of its links should hold
// (doctor compares, --fix stores).
const activityLinksSQL = `(SELECT json_group_array(json_array(k.entity, k.entity_id)) FROM activity_links k WHERE k.activity_id = a.id)`

// scanActivity scans one activityRecord.
func scanActivity(sc rowScanner) (Activity, error) {
	var row, links string
	if err := sc.Scan(&row, &links); err != nil {
		return Activity{}, translate(err)
	}
	var buf [14]string
	v, err := jsonValues(row, buf[:0])
	if err != nil || len(v) != len(buf) {
		return Activity{}, errJSONRows
	}
	a := Activity{ID: v[0], TypeID: v[1], OccurredAt: ParseTime(v[2]), Outcome: v[4], Body: v[5], UserID: v[6]}
	if v[3] != "" {
		if a.DurationMinutes, err = strconv.Atoi(v[3]); err != nil {
			return Activity{}, err
		}
	}
	if a.Version, err = strconv.Atoi(v[7]); err != nil {
		return Activity{}, err
	}
	a.Stamp = Stamp{Version: a.Version, CreatedAt: ParseTime(v[8]), CreatedBy: v[9], UpdatedAt: ParseTime(v[10]), UpdatedBy: v[11],
		DeletedAt: ParseTime(v[12]), DeletedBy: v[13]}
	err = jsonRows(links, func(v []string) {
		if len(v) == 2 {
			a.Links = append(a.Links, RecordRef{Entity: v[0], ID: v[1]})
		}
	})
	sortRefs(a.Links)
	return a, err
}

// sortRefs puts links in the order their tables keep them.
func sortRefs(refs []RecordRef) {
	slices.SortFunc(refs, func(a, b RecordRef) int {
		return cmp.Or(strings.Compare(a.Entity, b.Entity), strings.Compare(a.ID, b.ID))
	})
}

func nullInt(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n != 0} }

// InsertActivity adds a with its links.
func InsertActivity(ctx context.Context, tx *Tx, a Activity) error {
	created := orNow(a.CreatedAt, tx)
	_, err := tx.exec(ctx, `INSERT INTO activities (id, type_id, occurred_at, duration_minutes, outcome, body, user_id,
		version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
		a.ID, a.TypeID, FormatTime(a.OccurredAt), nullInt(a.DurationMinutes), a.Outcome, a.Body, nullString(a.UserID),
		created, nullString(a.CreatedBy), created, nullString(a.CreatedBy))
	if err != nil {
		return translate(err)
	}
	return insertActivityLinks(ctx, tx, a)
}

func insertActivityLinks(ctx context.Context, tx *Tx, a Activity) error {
	for _, l := range a.Links {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO activity_links (entity, entity_id, activity_id, occurred_at) VALUES (?, ?, ?, ?)`,
			l.Entity, l.ID, a.ID, FormatTime(a.OccurredAt)); err != nil {
			return translate(err)
		}
	}
	return nil
}

// UpdateActivity saves a if its stored version is still a.Version, and
// replaces its links.
func UpdateActivity(ctx context.Context, tx *Tx, a Activity) error {
	res, err := tx.exec(ctx, `UPDATE activities SET type_id = ?, occurred_at = ?, duration_minutes = ?, outcome = ?, body = ?,
		user_id = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		a.TypeID, FormatTime(a.OccurredAt), nullInt(a.DurationMinutes), a.Outcome, a.Body, nullString(a.UserID),
		FormatTime(tx.Now), nullString(a.UpdatedBy), a.ID, a.Version)
	if err != nil {
		return translate(err)
	}
	if err := staleOrMissing(ctx, tx, res, "activities", a.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM activity_links WHERE activity_id = ?`, a.ID); err != nil {
		return err
	}
	return insertActivityLinks(ctx, tx, a)
}

// TrashActivity marks an activity deleted; its links stay, so a restore
// would bring it back where it was.
func TrashActivity(ctx context.Context, tx *Tx, id, by string) error {
	res, err := tx.exec(ctx, `UPDATE activities SET deleted_at = ?, deleted_by = ?, version = version + 1
		WHERE id = ? AND deleted_at IS NULL`, FormatTime(tx.Now), nullString(by), id)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// ActivityByID loads one activity, trashed or not, with its links.
func ActivityByID(ctx context.Context, q Querier, id string) (Activity, error) {
	return scanActivity(q.QueryRowContext(ctx, `SELECT `+activityRecord+` FROM activities a WHERE a.id = ?`, id))
}

// ActivityQuery filters the activity list, newest first.
type ActivityQuery struct {
	TypeID string
	UserID string
	From   time.Time // occurred at or after
	To     time.Time // occurred before
	Record RecordRef // linked to this record
	Cursor string
	Limit  int
}

// ActivityPage is one page of activities, with their links.
type ActivityPage struct {
	Activities []Activity
	NextCursor string
}

// activityFilter writes the conditions of aq over activities a (and the
// link l when it names a record), on the index its filters allow.
func activityFilter(aq ActivityQuery) (string, where) {
	var w where
	from := ` FROM activities a`
	col := "a.occurred_at"
	if aq.Record.ID != "" {
		from = ` FROM activity_links l JOIN activities a ON a.id = l.activity_id`
		w.add("l.entity = ? AND l.entity_id = ?", aq.Record.Entity, aq.Record.ID)
		col = "l.occurred_at"
	}
	w.add("a.deleted_at IS NULL")
	if aq.TypeID != "" {
		w.add("a.type_id = ?", aq.TypeID)
	}
	if aq.UserID != "" {
		w.add("a.user_key = ?", aq.UserID)
	}
	if !aq.From.IsZero() {
		w.add(col+" >= ?", FormatTime(aq.From))
	}
	if !aq.To.IsZero() {
		w.add(col+" < ?", FormatTime(aq.To))
	}
	return from, w
}

// activityListSQL is the query of one page of activities (limit+1 rows,
// to tell whether another page follows).
func activityListSQL(aq ActivityQuery) (string, []any, error) {
	from, w := activityFilter(aq)
	keys := "a.occurred_at DESC, a.id DESC"
	seek := "(a.occurred_at, a.id) < (?, ?)"
	if aq.Record.ID != "" {
		keys, seek = "l.occurred_at DESC, l.activity_id DESC", "(l.occurred_at, l.activity_id) < (?, ?)"
	}
	if aq.Cursor != "" {
		v, err := decodeCursor(aq.Cursor, timeMark, 2)
		if err != nil {
			return "", nil, err
		}
		w.add(seek, v[0], v[1])
	}
	return `SELECT ` + activityRecord + from + w.sql() + ` ORDER BY ` + keys + ` LIMIT ?`, append(w.args, clampLimit(aq.Limit)+1), nil
}

// ListActivities returns one page of activities, newest first.
func ListActivities(ctx context.Context, q Querier, aq ActivityQuery) (ActivityPage, error) {
	query, args, err := activityListSQL(aq)
	if err != nil {
		return ActivityPage{}, err
	}
	limit := clampLimit(aq.Limit)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return ActivityPage{}, err
	}
	page := ActivityPage{Activities: make([]Activity, 0, limit+1)}
	err = eachRow(rows, func() error {
		a, err := scanActivity(rows)
		page.Activities = append(page.Activities, a)
		return err
	})
	if err != nil {
		return ActivityPage{}, err
	}
	if len(page.Activities) > limit {
		page.Activities = page.Activities[:limit]
		last := page.Activities[limit-1]
		page.NextCursor = encodeCursor(timeMark, []string{FormatTime(last.OccurredAt), last.ID})
	}
	return page, nil
}

// activityCountSQL counts what aq's filters match; "" for no filter,
// which the count kept by triggers answers without reading a million rows.
func activityCountSQL(aq ActivityQuery) (string, []any) {
	if aq == (ActivityQuery{Cursor: aq.Cursor, Limit: aq.Limit}) {
		return "", nil
	}
	from, w := activityFilter(aq)
	return `SELECT count(*)` + from + w.sql(), w.args
}

// CountActivities counts what aq's filters match.
func CountActivities(ctx context.Context, q Querier, aq ActivityQuery) (int, error) {
	query, args := activityCountSQL(aq)
	if query == "" {
		return keptCount(ctx, q, "activities", "")
	}
	var n int
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

const lastActivitySQL = `SELECT max(l.occurred_at) FROM activity_links l JOIN activities a ON a.id = l.activity_id
	WHERE l.entity = ? AND l.entity_id = ? AND a.deleted_at IS NULL`

// LastActivityAt is when the newest live activity linked to a record
// happened; zero when there is none.
func LastActivityAt(ctx context.Context, q Querier, ref RecordRef) (time.Time, error) {
	var at sql.NullString
	err := q.QueryRowContext(ctx, lastActivitySQL, ref.Entity, ref.ID).Scan(&at)
	return parseNullTime(at), err
}

// ActivityType is a kind of activity.
type ActivityType struct {
	ID          string
	Name        string // "" for built-ins, which the catalog names
	Icon        string
	Color       string
	HasDuration bool
	Builtin     bool
	Position    int
	ArchivedAt  time.Time
	Version     int // bumped by each change (the API's optimistic check)
}

// Archived tells whether the type is no longer offered for new activities.
func (t ActivityType) Archived() bool { return !t.ArchivedAt.IsZero() }

// ActivityTypes lists every type, archived ones too, in menu order.
func ActivityTypes(ctx context.Context, q Querier) ([]ActivityType, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, icon, color, has_duration, builtin, position, archived_at, version
		FROM activity_types ORDER BY position, name COLLATE NOCASE, id`)
	if err != nil {
		return nil, err
	}
	var out []ActivityType
	err = eachRow(rows, func() error {
		var t ActivityType
		var archived sql.NullString
		err := rows.Scan(&t.ID, &t.Name, &t.Icon, &t.Color, &t.HasDuration, &t.Builtin, &t.Position, &archived, &t.Version)
		t.ArchivedAt = parseNullTime(archived)
		out = append(out, t)
		return err
	})
	return out, err
}

// PutActivityType inserts or updates t.
func PutActivityType(ctx context.Context, tx *Tx, t ActivityType) error {
	now := FormatTime(tx.Now)
	_, err := tx.exec(ctx, `INSERT INTO activity_types (id, name, icon, color, has_duration, builtin, position, archived_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, icon = excluded.icon, color = excluded.color,
			has_duration = excluded.has_duration, position = excluded.position, archived_at = excluded.archived_at,
			updated_at = excluded.updated_at, version = activity_types.version + 1`,
		t.ID, strings.TrimSpace(t.Name), t.Icon, t.Color, t.HasDuration, t.Builtin, t.Position, nullTime(t.ArchivedAt), now, now)
	return translate(err)
}
