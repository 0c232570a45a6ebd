package app

import (
	"context"
	"errors"
	"time"

	"rolo/store"
)

// NoReminder is a lead time meaning the task does not ring.
const NoReminder = store.NoReminder

// RemindOptions are the lead times the profile and task forms offer, in
// minutes before the due: none, at the due time, 5, 10, 15, 30 minutes,
// an hour, a day. The API takes any whole number up to maxRemindMinutes.
var RemindOptions = []int{store.NoReminder, 0, 5, 10, 15, 30, 60, 1440}

// maxRemindMinutes is a week: a reminder further ahead is a task of its own.
const maxRemindMinutes = 7 * 24 * 60

// reminderGrace is how long after its due an undismissed reminder stays in
// the banner: long enough to come back from lunch, not a list of the past.
const reminderGrace = 24 * time.Hour

func validRemind(n int) bool { return n == store.NoReminder || n >= 0 && n <= maxRemindMinutes }

// remindMinutes is a task's lead time: the one asked for, else the
// assignee's default (the actor's when nobody is assigned).
func remindMinutes(ctx context.Context, q store.Querier, actor Actor, assignee string, asked *int, p map[string]string) (int, error) {
	if asked != nil {
		if !validRemind(*asked) {
			p["remind_minutes"] = "error.remind_invalid"
		}
		return *asked, nil
	}
	if assignee != "" && assignee != actorID(actor) {
		u, err := store.UserByID(ctx, q, assignee)
		if errors.Is(err, store.ErrNotFound) {
			return 0, nil // checkOwner names the problem
		}
		return u.RemindMinutes, err
	}
	if actor != nil {
		return actor.RemindMinutes, nil
	}
	return defaultRemindMinutes, nil
}

// defaultRemindMinutes is the lead time of tasks made by nobody (rules,
// the command line): the users table's default.
const defaultRemindMinutes = 10

// Reminder is a task ringing: its due (or snooze) moment and when it rang.
type Reminder struct {
	Task     Task
	DueAt    time.Time
	RemindAt time.Time
}

// RemindAt is when t rings: its lead time before its due, or the end of
// its snooze; ok is false for all-day and undated tasks and for tasks
// that ring not at all.
func RemindAt(t Task) (due, at time.Time, ok bool) {
	switch {
	case !t.SnoozedUntil.IsZero():
		return t.SnoozedUntil, t.SnoozedUntil, true // the moment asked for, no lead
	case t.DueAt.IsZero() || t.RemindMinutes == store.NoReminder:
		return time.Time{}, time.Time{}, false
	}
	return t.DueAt, t.DueAt.Add(-time.Duration(t.RemindMinutes) * time.Minute), true
}

// DueReminders are the actor's open timed tasks whose reminder has rung
// (due minus lead time has passed) and that they have not dismissed,
// up to a day after the due; soonest due first.
func (a *App) DueReminders(ctx context.Context, actor Actor) ([]Reminder, error) {
	now := a.now()
	open := false
	page, err := store.ListTasks(ctx, a.db.Reader(), store.TaskQuery{AssigneeID: actorID(actor), Done: &open,
		DueFrom: now.Add(-reminderGrace), DueTo: now.Add(maxRemindMinutes*time.Minute + time.Second), Limit: 200})
	if err != nil {
		return nil, err
	}
	var out []Reminder
	var ids []string
	for _, t := range page.Tasks {
		if due, at, ok := RemindAt(t); ok && !at.After(now) {
			out = append(out, Reminder{Task: t, DueAt: due, RemindAt: at})
			ids = append(ids, t.ID)
		}
	}
	dismissed, err := store.DismissedReminders(ctx, a.db.Reader(), actorID(actor), ids)
	if err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, r := range out {
		if !dismissed[[2]string{r.Task.ID, store.FormatTime(r.DueAt)}] {
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// DismissReminder hides the reminder of task id for its due moment dueAt
// in every tab of the actor's; a later snooze or due rings again.
func (a *App) DismissReminder(ctx context.Context, actor Actor, id string, dueAt time.Time) error {
	if actor == nil {
		return errorf(EUnauthorized, "error.login_required")
	}
	if err := a.checkTaskVisible(ctx, actor, id); err != nil {
		return err
	}
	if dueAt.IsZero() {
		return Invalid(map[string]string{"due_at": "error.date_invalid"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := store.TaskByID(ctx, tx, id); errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.task_not_found")
		} else if err != nil {
			return err
		}
		return store.DismissReminder(ctx, tx, actor.ID, id, dueAt.UTC().Truncate(time.Second))
	})
}
