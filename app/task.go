package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"rolo/store"
)

// Task is a to-do with a due date or time, an assignee and perhaps a
// recurrence.
type Task = store.Task

// Priorities are a task's priorities, lowest first.
var Priorities = []string{"low", "normal", "high"}

// TaskInput is what a form or the API says about a task.
type TaskInput struct {
	Title      string
	Notes      string
	DueDate    string    // YYYY-MM-DD in TimeZone; "" for no due date
	DueTime    string    // HH:MM; "" makes an all-day task
	DueAt      time.Time // an exact moment (the API's due_at); wins over DueDate and DueTime
	TimeZone   string    // IANA zone; "" means the actor's
	AssigneeID string    // on a new task, "" is whoever adds it (see newOwner)
	Unassigned bool      // a new task is to be nobody's; updates ignore it
	Priority   string
	Recurrence string // RRULE, e.g. FREQ=WEEKLY;BYDAY=MO
	Links      []RecordRef
	// RemindMinutes is how long before its due the task rings
	// (store.NoReminder: never); nil on a new task takes the assignee's
	// default from their profile.
	RemindMinutes *int
}

// TaskInputOf turns a stored task back into input, so that a partial
// update (API PATCH) changes only what it names.
func TaskInputOf(t Task) TaskInput {
	return TaskInput{Title: t.Title, Notes: t.Notes, DueDate: t.DueDate, DueAt: t.DueAt, TimeZone: t.TimeZone,
		AssigneeID: t.AssigneeID, Priority: t.Priority, Recurrence: t.Recurrence, Links: t.Links, RemindMinutes: &t.RemindMinutes}
}

// taskZone is the zone a task's due and recurrence are in.
func taskZone(t Task) *time.Location {
	loc, err := loadZone(t.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// dueKey is when t next asks for attention: its snooze, its moment, or
// the start of its day in its zone.
func dueKey(t Task) string {
	switch {
	case !t.SnoozedUntil.IsZero():
		return store.FormatTime(t.SnoozedUntil)
	case !t.DueAt.IsZero():
		return store.FormatTime(t.DueAt)
	case t.DueDate != "":
		if d, ok := parseWall(t.DueDate, taskZone(t)); ok {
			return store.FormatTime(d)
		}
	}
	return store.NoDueKey
}

// DueWall is a task's due as a wall time in its zone ("" when undated).
func DueWall(t Task) string {
	if !t.DueAt.IsZero() {
		return formatWall(t.DueAt, taskZone(t), false)
	}
	return t.DueDate
}

// validateTask checks in and returns the task to store (without id,
// series or stamps). kept are the links the task already has (see
// checkLinks).
func (a *App) validateTask(ctx context.Context, q store.Querier, actor Actor, in TaskInput, kept []RecordRef) (Task, error) {
	p := map[string]string{}
	var t Task
	var problem string
	if t.Title, problem = cleanText(in.Title, maxShortText, false); problem != "" {
		p["title"] = problem
	} else if t.Title == "" {
		p["title"] = "error.required"
	}
	if t.Notes, problem = cleanText(in.Notes, maxNotes, true); problem != "" {
		p["notes"] = problem
	}
	t.TimeZone = strings.TrimSpace(in.TimeZone)
	if t.TimeZone == "" {
		t.TimeZone = ZoneName(actor)
	}
	loc, err := loadZone(t.TimeZone)
	if err != nil || !validZone(t.TimeZone) {
		p["time_zone"] = "error.time_zone_invalid"
		loc = time.UTC
	}
	date, clock := strings.TrimSpace(in.DueDate), strings.TrimSpace(in.DueTime)
	switch {
	case !in.DueAt.IsZero():
		t.DueAt = in.DueAt.UTC().Truncate(time.Minute)
	case date != "":
		d, err := time.ParseInLocation(wallDay, date, loc)
		if err != nil || d.Year() < 1900 || d.Year() > 2200 {
			p["due_date"] = "error.date_invalid"
			break
		}
		if clock == "" {
			t.DueDate = d.Format(wallDay)
			break
		}
		c, err := time.Parse("15:04", clock)
		if err != nil {
			p["due_time"] = "error.time_invalid"
			break
		}
		t.DueAt = time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), 0, 0, loc).UTC()
	case clock != "":
		p["due_date"] = "error.due_date_for_time"
	}
	if y := t.DueAt.Year(); !t.DueAt.IsZero() && (y < 1900 || y > 2200) {
		p["due_at"] = "error.date_invalid"
	}
	t.Priority = strings.ToLower(strings.TrimSpace(in.Priority))
	if t.Priority == "" {
		t.Priority = "normal"
	} else if !contains(Priorities, t.Priority) {
		p["priority"] = "error.priority_invalid"
	}
	t.AssigneeID = strings.TrimSpace(in.AssigneeID)
	if err := checkOwner(ctx, q, t.AssigneeID, p); err != nil {
		return t, err
	}
	if p["owner_id"] != "" {
		delete(p, "owner_id")
		p["assignee_id"] = "error.user_unknown"
	}
	var ok bool
	if t.Recurrence, ok = normalizeRecurrence(in.Recurrence); !ok {
		p["recurrence"] = "error.recurrence_invalid"
	} else if t.Recurrence != "" && t.DueAt.IsZero() && t.DueDate == "" && p["due_date"] == "" {
		p["recurrence"] = "error.recurrence_needs_due"
	}
	if t.Links, err = a.checkLinks(ctx, q, actor, in.Links, kept, p); err != nil {
		return t, err
	}
	if t.RemindMinutes, err = remindMinutes(ctx, q, actor, t.AssigneeID, in.RemindMinutes, p); err != nil {
		return t, err
	}
	if len(p) > 0 {
		return t, Invalid(p)
	}
	return t, nil
}

// CreateTask adds a task.
func (a *App) CreateTask(ctx context.Context, actor Actor, in TaskInput) (Task, error) {
	if err := a.can(actor, AreaActivities, LevelCreate); err != nil {
		return Task{}, err
	}
	var id string
	in.AssigneeID = newOwner(actor, in.AssigneeID, in.Unassigned)
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		t, err := a.validateTask(ctx, tx, actor, in, nil)
		if err != nil {
			return err
		}
		t.ID, t.CreatedBy = a.cfg.NewID(), actorID(actor)
		id = t.ID
		startSeries(&t)
		t.DueKey = dueKey(t)
		if _, err := store.InsertTask(ctx, tx, t); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), taskChange(ActionTaskCreated, t))
	})
	if err != nil {
		return Task{}, err
	}
	return a.Task(ctx, actor, id)
}

// startSeries makes a recurring task the first of its series (or restarts
// the series from its new due), and a one-off task no series at all.
func startSeries(t *Task) {
	if t.Recurrence == "" {
		t.SeriesID, t.SeriesStart, t.Occurrence = "", "", ""
		return
	}
	if t.SeriesID == "" {
		t.SeriesID = t.ID
	}
	t.SeriesStart = DueWall(*t)
	t.Occurrence = t.SeriesStart
}

// taskChange is a task's audit entry; a new task's assignee is told.
func taskChange(action AuditAction, t Task) Change {
	return Change{Action: action, Entity: "task", ID: t.ID, Name: t.Title, Owner: t.AssigneeID,
		Details: map[string]any{"due": DueWall(t), "assignee_id": t.AssigneeID, "recurrence": t.Recurrence}}
}

// Task loads one task; trashed ones are not found.
func (a *App) Task(ctx context.Context, actor Actor, id string) (Task, error) {
	if err := a.can(actor, AreaActivities, LevelView); err != nil {
		return Task{}, err
	}
	if err := a.checkTaskVisible(ctx, actor, id); err != nil {
		return Task{}, err
	}
	t, err := store.TaskByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && t.Trashed()) {
		return t, errorf(ENotFound, "error.task_not_found")
	}
	return t, err
}

// changeTask loads a live task inside tx, lets change edit it and saves it
// with an audit entry; version -1 skips the optimistic lock (one-click
// actions that do not overwrite what others typed).
func (a *App) changeTask(ctx context.Context, tx *store.Tx, actor Actor, id string, version int, action AuditAction,
	change func(t *Task) error) (Task, error) {
	t, err := store.TaskByID(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && t.Trashed()) {
		return t, errorf(ENotFound, "error.task_not_found")
	}
	if err != nil {
		return t, err
	}
	if version >= 0 && t.Version != version {
		return t, errorf(EConflict, "error.stale")
	}
	if err := change(&t); err != nil {
		return t, err
	}
	t.DueKey, t.UpdatedBy = dueKey(t), actorID(actor)
	if err := store.UpdateTask(ctx, tx, t); err != nil {
		if errors.Is(err, store.ErrStale) {
			return t, errorf(EConflict, "error.stale")
		}
		if errors.Is(err, store.ErrConflict) {
			return t, errorf(EConflict, "error.task_occurrence_taken")
		}
		return t, err
	}
	return t, a.record(ctx, tx, actorID(actor), taskChange(action, t))
}

// UpdateTask replaces a task's fields, provided nobody saved it since the
// caller read version. A new due date ends any snooze.
func (a *App) UpdateTask(ctx context.Context, actor Actor, id string, version int, in TaskInput) (Task, error) {
	if err := a.can(actor, AreaActivities, LevelEdit); err != nil {
		return Task{}, err
	}
	if err := a.checkTaskVisible(ctx, actor, id); err != nil {
		return Task{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		_, err := a.changeTask(ctx, tx, actor, id, version, ActionTaskUpdated, func(t *Task) error {
			next, err := a.validateTask(ctx, tx, actor, in, t.Links)
			if err != nil {
				return err
			}
			dueChanged := DueWall(next) != DueWall(*t) || next.TimeZone != t.TimeZone
			if dueChanged {
				t.SnoozedUntil = time.Time{}
			}
			restart := dueChanged || next.Recurrence != t.Recurrence
			t.Title, t.Notes, t.DueAt, t.DueDate, t.TimeZone = next.Title, next.Notes, next.DueAt, next.DueDate, next.TimeZone
			t.AssigneeID, t.Priority, t.Recurrence, t.Links = next.AssigneeID, next.Priority, next.Recurrence, next.Links
			t.RemindMinutes = next.RemindMinutes
			if restart {
				startSeries(t)
			}
			return nil
		})
		return err
	})
	if err != nil {
		return Task{}, err
	}
	return a.Task(ctx, actor, id)
}

// TrashTask deletes a task.
func (a *App) TrashTask(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaActivities, LevelDelete); err != nil {
		return err
	}
	if err := a.checkTaskVisible(ctx, actor, id); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		t, err := store.TaskByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && t.Trashed()) {
			return errorf(ENotFound, "error.task_not_found")
		}
		if err != nil {
			return err
		}
		if err := store.TrashTask(ctx, tx, id, actorID(actor)); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), taskChange(ActionTaskDeleted, t))
	})
}

// TaskList is one page of tasks and how many match.
type TaskList struct {
	store.TaskPage
	Total int
}

// ListTasks pages through tasks, soonest due first.
func (a *App) ListTasks(ctx context.Context, actor Actor, q store.TaskQuery) (TaskList, error) {
	if q.Limit < 0 || q.Limit > 500 {
		return TaskList{}, Invalid(map[string]string{"limit": "error.limit_invalid"})
	}
	if err := a.can(actor, AreaActivities, LevelView); err != nil {
		return TaskList{}, err
	}
	if !a.scopeTasks(ctx, actor, &q) {
		return TaskList{}, nil
	}
	page, err := store.ListTasks(ctx, a.db.Reader(), q)
	if errors.Is(err, store.ErrBadCursor) {
		return TaskList{}, Invalid(map[string]string{"cursor": "error.cursor_invalid"})
	}
	if err != nil {
		return TaskList{}, err
	}
	if q.Cursor == "" && page.NextCursor == "" {
		return TaskList{TaskPage: page, Total: len(page.Tasks)}, nil // the one page holds them all
	}
	total, err := store.CountTasks(ctx, a.db.Reader(), q)
	return TaskList{TaskPage: page, Total: total}, err
}
