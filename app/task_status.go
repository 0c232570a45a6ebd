package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"rolo/store"
)

// CompleteTask marks a task done. For a recurring task it adds the next
// occurrence, exactly once: a task already done changes nothing, and the
// series' unique (series_id, occurrence) index refuses a second copy. next
// is the new occurrence, or nil.
func (a *App) CompleteTask(ctx context.Context, actor Actor, id string) (t Task, next *Task, err error) {
	if err := a.can(actor, AreaActivities, LevelEdit); err != nil {
		return Task{}, nil, err
	}
	if err := a.checkTaskVisible(ctx, actor, id); err != nil {
		return Task{}, nil, err
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		current, err := store.TaskByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && current.Trashed()) {
			return errorf(ENotFound, "error.task_not_found")
		}
		if err != nil || current.Done() {
			return err // done already: a second click is a no-op
		}
		done, err := a.changeTask(ctx, tx, actor, id, -1, ActionTaskCompleted, func(t *Task) error {
			t.DoneAt, t.DoneBy = tx.Now, actorID(actor)
			return nil
		})
		if err != nil || done.Recurrence == "" {
			return err
		}
		n, ok := nextTask(done, tx.Now, a.cfg.NewID())
		if !ok {
			return nil // the series has ended
		}
		n.CreatedBy = actorID(actor)
		inserted, err := store.InsertTask(ctx, tx, n)
		if err != nil || !inserted {
			return err
		}
		next = &n
		return a.record(ctx, tx, actorID(actor), taskChange(ActionTaskCreated, n))
	})
	if err != nil {
		return Task{}, nil, err
	}
	t, err = a.Task(ctx, actor, id)
	return t, next, err
}

// nextTask is the occurrence after done in its series, not earlier than
// now; ok is false when the series has ended.
func nextTask(done Task, now time.Time, id string) (Task, bool) {
	loc := taskZone(done)
	wall, ok := nextOccurrence(done.Recurrence, done.SeriesStart, done.Occurrence, loc, now)
	if !ok {
		return Task{}, false
	}
	n := Task{ID: id, Title: done.Title, Notes: done.Notes, TimeZone: done.TimeZone, AssigneeID: done.AssigneeID,
		Priority: done.Priority, Recurrence: done.Recurrence, SeriesID: done.SeriesID, SeriesStart: done.SeriesStart,
		Occurrence: wall, Links: done.Links, RemindMinutes: done.RemindMinutes}
	if len(wall) == len(wallDay) {
		n.DueDate = wall
	} else {
		at, _ := parseWall(wall, loc)
		n.DueAt = at.UTC()
	}
	n.DueKey = dueKey(n)
	return n, true
}

// ReopenTask marks a done task open again. The next occurrence of a
// recurring task, if already added, stays.
func (a *App) ReopenTask(ctx context.Context, actor Actor, id string) (Task, error) {
	if err := a.can(actor, AreaActivities, LevelEdit); err != nil {
		return Task{}, err
	}
	if err := a.checkTaskVisible(ctx, actor, id); err != nil {
		return Task{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		_, err := a.changeTask(ctx, tx, actor, id, -1, ActionTaskReopened, func(t *Task) error {
			t.DoneAt, t.DoneBy = time.Time{}, ""
			return nil
		})
		return err
	})
	if err != nil {
		return Task{}, err
	}
	return a.Task(ctx, actor, id)
}

// SnoozeTask hides a task until the moment given; it shows again then.
func (a *App) SnoozeTask(ctx context.Context, actor Actor, id string, until time.Time) (Task, error) {
	if err := a.can(actor, AreaActivities, LevelEdit); err != nil {
		return Task{}, err
	}
	if err := a.checkTaskVisible(ctx, actor, id); err != nil {
		return Task{}, err
	}
	if until.IsZero() || !until.After(a.now()) || until.Year() > 2200 {
		return Task{}, Invalid(map[string]string{"until": "error.snooze_invalid"})
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		_, err := a.changeTask(ctx, tx, actor, id, -1, ActionTaskSnoozed, func(t *Task) error {
			if t.Done() {
				return errorf(EConflict, "error.task_done")
			}
			t.SnoozedUntil = until.UTC().Truncate(time.Minute)
			return nil
		})
		return err
	})
	if err != nil {
		return Task{}, err
	}
	return a.Task(ctx, actor, id)
}

// SnoozeOptions are the choices of the snooze menu.
var SnoozeOptions = []string{"later", "tomorrow", "next_week"}

// SnoozeUntil turns a snooze choice into a moment in the actor's zone:
// later today (three hours from now), tomorrow at 9:00, next Monday at
// 9:00, or date (YYYY-MM-DD, at 9:00 or at clock HH:MM).
func (a *App) SnoozeUntil(actor Actor, option, date, clock string) (time.Time, error) {
	loc := Location(actor)
	now := a.now().In(loc)
	nine := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, loc) }
	switch option {
	case "later":
		return now.Add(3 * time.Hour).Truncate(time.Minute), nil
	case "tomorrow":
		return nine(now.AddDate(0, 0, 1)), nil
	case "next_week":
		days := (8 - int(now.Weekday())) % 7
		if days == 0 {
			days = 7
		}
		return nine(now.AddDate(0, 0, days)), nil
	case "date", "":
		d, err := time.ParseInLocation(wallDay, strings.TrimSpace(date), loc)
		if err != nil {
			return time.Time{}, Invalid(map[string]string{"date": "error.date_invalid"})
		}
		at := nine(d)
		if clock = strings.TrimSpace(clock); clock != "" {
			c, err := time.Parse("15:04", clock)
			if err != nil {
				return time.Time{}, Invalid(map[string]string{"time": "error.time_invalid"})
			}
			at = time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), 0, 0, loc)
		}
		return at, nil
	}
	return time.Time{}, Invalid(map[string]string{"option": "error.snooze_invalid"})
}
