package store

import (
	"context"
	"strconv"
	"time"
)

// Task is a reminder to do something, by a moment (DueAt) or on a day
// (DueDate), for an assignee, perhaps linked to records and repeating.
type Task struct {
	ID           string
	Title        string
	Notes        string
	DueAt        time.Time // a timed task's moment
	DueDate      string    // an all-day task's day, YYYY-MM-DD
	TimeZone     string    // IANA zone the due time and the recurrence are in
	AssigneeID   string
	Priority     string // low, normal, high
	DoneAt       time.Time
	DoneBy       string
	Recurrence   string // RRULE without DTSTART; "" for a one-off
	SeriesID     string
	SeriesStart  string // the series' first due, local wall time
	Occurrence   string // this occurrence's due, local wall time
	SnoozedUntil time.Time
	DueKey       string // when it next asks for attention (UTC text), or NoDueKey
	// RemindMinutes is how long before its due a timed task rings
	// (calendar alarm, banner); NoReminder for none.
	RemindMinutes int
	Links         []RecordRef
	Stamp
}

// NoDueKey is the due key of an undated task; it sorts after every time.
const NoDueKey = "~"

// NoReminder is a task's or a user's RemindMinutes when nothing rings.
const NoReminder = -1

// Done tells whether the task is completed.
func (t Task) Done() bool { return !t.DoneAt.IsZero() }

const taskColumns = `t.id, t.title, t.notes, t.due_at, t.due_date, t.time_zone, t.assignee_id, t.priority, t.done_at, t.done_by,
	t.recurrence, t.series_id, t.series_start, t.occurrence, t.snoozed_until, t.due_key,
	t.version, t.created_at, t.created_by, t.updated_at, t.updated_by, t.deleted_at, t.deleted_by, t.remind_minutes`

// InsertTask adds t with its links. A recurring occurrence that its series
// already has is not added again: inserted is then false.
func InsertTask(ctx context.Context, tx *Tx, t Task) (inserted bool, err error) {
	created := orNow(t.CreatedAt, tx)
	res, err := tx.exec(ctx, `INSERT INTO tasks (id, title, notes, due_at, due_date, time_zone, assignee_id, priority,
		done_at, done_by, recurrence, series_id, series_start, occurrence, snoozed_until, due_key,
		version, created_at, created_by, updated_at, updated_by, remind_minutes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
		ON CONFLICT (series_id, occurrence) WHERE series_id IS NOT NULL DO NOTHING`,
		t.ID, t.Title, t.Notes, nullTime(t.DueAt), nullString(t.DueDate), t.TimeZone, nullString(t.AssigneeID), t.Priority,
		nullTime(t.DoneAt), nullString(t.DoneBy), t.Recurrence, nullString(t.SeriesID), nullString(t.SeriesStart),
		nullString(t.Occurrence), nullTime(t.SnoozedUntil), t.DueKey, created, nullString(t.CreatedBy), created, nullString(t.CreatedBy),
		t.RemindMinutes)
	if err != nil {
		return false, translate(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, insertTaskLinks(ctx, tx, t)
}

func insertTaskLinks(ctx context.Context, tx *Tx, t Task) error {
	for _, l := range t.Links {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO task_links (entity, entity_id, task_id) VALUES (?, ?, ?)`,
			l.Entity, l.ID, t.ID); err != nil {
			return translate(err)
		}
	}
	return nil
}

// UpdateTask saves every field of t if its stored version is still
// t.Version, and replaces its links.
func UpdateTask(ctx context.Context, tx *Tx, t Task) error {
	res, err := tx.exec(ctx, `UPDATE tasks SET title = ?, notes = ?, due_at = ?, due_date = ?, time_zone = ?, assignee_id = ?,
		priority = ?, done_at = ?, done_by = ?, recurrence = ?, series_id = ?, series_start = ?, occurrence = ?, snoozed_until = ?,
		due_key = ?, remind_minutes = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		t.Title, t.Notes, nullTime(t.DueAt), nullString(t.DueDate), t.TimeZone, nullString(t.AssigneeID), t.Priority,
		nullTime(t.DoneAt), nullString(t.DoneBy), t.Recurrence, nullString(t.SeriesID), nullString(t.SeriesStart),
		nullString(t.Occurrence), nullTime(t.SnoozedUntil), t.DueKey, t.RemindMinutes, FormatTime(tx.Now), nullString(t.UpdatedBy), t.ID, t.Version)
	if err != nil {
		return translate(err)
	}
	if err := staleOrMissing(ctx, tx, res, "tasks", t.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM task_links WHERE task_id = ?`, t.ID); err != nil {
		return err
	}
	return insertTaskLinks(ctx, tx, t)
}

// TrashTask marks a task deleted.
func TrashTask(ctx context.Context, tx *Tx, id, by string) error {
	res, err := tx.exec(ctx, `UPDATE tasks SET deleted_at = ?, deleted_by = ?, version = version + 1
		WHERE id = ? AND deleted_at IS NULL`, FormatTime(tx.Now), nullString(by), id)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// TaskByID loads one task, trashed or not, with its links.
func TaskByID(ctx context.Context, q Querier, id string) (Task, error) {
	var row, links string
	if err := q.QueryRowContext(ctx, `SELECT `+taskRecord+` FROM tasks t WHERE t.id = ?`, id).Scan(&row, &links); err != nil {
		return Task{}, translate(err)
	}
	return decodeTask(row, links)
}

// taskRecord is the task t as two columns: its own columns as one JSON
// array, and its links as JSON rows (see decodeTask).
const taskRecord = `json_array(` + taskColumns + `),
	(SELECT json_group_array(json_array(l.entity, l.entity_id)) FROM task_links l WHERE l.task_id = t.id)`

// decodeTask reads a taskRecord; links come sorted as the link table keeps
// them.
func decodeTask(row, links string) (Task, error) {
	var buf [24]string
	v, err := jsonValues(row, buf[:0])
	if err != nil || len(v) != len(buf) {
		return Task{}, errJSONRows
	}
	t := Task{ID: v[0], Title: v[1], Notes: v[2], DueAt: ParseTime(v[3]), DueDate: v[4], TimeZone: v[5], AssigneeID: v[6],
		Priority: v[7], DoneAt: ParseTime(v[8]), DoneBy: v[9], Recurrence: v[10], SeriesID: v[11], SeriesStart: v[12],
		Occurrence: v[13], SnoozedUntil: ParseTime(v[14]), DueKey: v[15]}
	t.Version, err = strconv.Atoi(v[16])
	t.Stamp = Stamp{Version: t.Version, CreatedAt: ParseTime(v[17]), CreatedBy: v[18], UpdatedAt: ParseTime(v[19]), UpdatedBy: v[20],
		DeletedAt: ParseTime(v[21]), DeletedBy: v[22]}
	if err == nil {
		t.RemindMinutes, err = strconv.Atoi(v[23])
	}
	if err == nil {
		err = jsonRows(links, func(v []string) {
			if len(v) == 2 {
				t.Links = append(t.Links, RecordRef{Entity: v[0], ID: v[1]})
			}
		})
	}
	sortRefs(t.Links)
	return t, err
}

// TaskQuery filters the task list, soonest due first.
type TaskQuery struct {
	AssigneeID string // a user id, or NoneValue for unassigned tasks
	Done       *bool
	DueFrom    time.Time // due (snooze included) at or after
	DueTo      time.Time // due before
	Record     RecordRef
	Cursor     string
	Limit      int
}

// TaskPage is one page of tasks with their links.
type TaskPage struct {
	Tasks      []Task
	NextCursor string
}

func taskFilter(tq TaskQuery) (string, where) {
	var w where
	from := ` FROM tasks t`
	switch {
	case recordsOpenTasks(tq):
		// The links' copies (migration 0031) walk the open tasks in order.
		from = ` FROM task_links l CROSS JOIN tasks t ON t.id = l.task_id`
		w.add("l.entity = ? AND l.entity_id = ? AND l.open = 1", tq.Record.Entity, tq.Record.ID)
	case tq.Record.ID != "":
		from = ` FROM task_links l JOIN tasks t ON t.id = l.task_id`
		w.add("l.entity = ? AND l.entity_id = ?", tq.Record.Entity, tq.Record.ID)
	}
	w.add("t.deleted_at IS NULL")
	w.refFilter("t.assignee_key", tq.AssigneeID)
	if tq.Done != nil {
		done := 0
		if *tq.Done {
			done = 1
		}
		w.add("t.done = ?", done)
	}
	if !tq.DueFrom.IsZero() {
		w.add("t.due_key >= ?", FormatTime(tq.DueFrom))
	}
	if !tq.DueTo.IsZero() {
		w.add("t.due_key < ?", FormatTime(tq.DueTo))
	}
	return from, w
}

func taskListSQL(tq TaskQuery) (string, []any, error) {
	from, w := taskFilter(tq)
	keys := "t.due_key, t.id"
	if recordsOpenTasks(tq) {
		keys = "l.due_key, l.task_id"
	}
	if tq.Cursor != "" {
		v, err := decodeCursor(tq.Cursor, dueMark, 2)
		if err != nil {
			return "", nil, err
		}
		w.add("("+keys+") > (?, ?)", v[0], v[1])
	}
	return `SELECT ` + taskRecord + from + w.sql() + ` ORDER BY ` + keys + ` LIMIT ?`, append(w.args, clampLimit(tq.Limit)+1), nil
}

// recordsOpenTasks tells whether tq asks for a record's open tasks, which
// are read in due order from the record's links.
func recordsOpenTasks(tq TaskQuery) bool {
	return tq.Record.ID != "" && tq.Done != nil && !*tq.Done
}

// ListTasks returns one page of tasks, soonest due first, undated last.
func ListTasks(ctx context.Context, q Querier, tq TaskQuery) (TaskPage, error) {
	query, args, err := taskListSQL(tq)
	if err != nil {
		return TaskPage{}, err
	}
	limit := clampLimit(tq.Limit)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return TaskPage{}, err
	}
	page := TaskPage{Tasks: make([]Task, 0, limit+1)}
	err = eachRow(rows, func() error {
		var row, links string
		if err := rows.Scan(&row, &links); err != nil {
			return err
		}
		t, err := decodeTask(row, links)
		page.Tasks = append(page.Tasks, t)
		return err
	})
	if err != nil {
		return TaskPage{}, err
	}
	if len(page.Tasks) > limit {
		page.Tasks = page.Tasks[:limit]
		last := page.Tasks[limit-1]
		page.NextCursor = encodeCursor(dueMark, []string{last.DueKey, last.ID})
	}
	return page, nil
}

// CountTasks counts what tq's filters match.
func CountTasks(ctx context.Context, q Querier, tq TaskQuery) (int, error) {
	query, args := taskCountSQL(tq)
	var n int
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

func taskCountSQL(tq TaskQuery) (string, []any) {
	from, w := taskFilter(tq)
	return `SELECT count(*)` + from + w.sql(), w.args
}
