package app

import (
	"context"
	"time"

	"rolo/store"
)

// Today is what the home page shows a user: their tasks by when they are
// due, the contacts they meant to keep in touch with, and dates coming up.
type Today struct {
	Now   time.Time
	Zone  *time.Location
	Start time.Time // midnight today in Zone

	Overdue, DueToday, Upcoming TaskSection
	KeepInTouch                 []store.KeepInTouchDue
	KeepInTouchTotal            int
	Dates                       []DateDue
}

// TaskSection is one group of the Today view and how many it holds in all.
type TaskSection struct {
	Tasks []Task
	Total int
}

// todayShown bounds each section; the task list pages through the rest.
const todayShown = 25

// upcomingDays is how far ahead "upcoming" looks.
const upcomingDays = 7

// Today gathers the user's day, in their time zone.
func (a *App) Today(ctx context.Context, actor Actor) (Today, error) {
	loc := Location(actor)
	now := a.now()
	start := startOfDay(now, loc)
	tomorrow := start.AddDate(0, 0, 1)
	t := Today{Now: now, Zone: loc, Start: start}
	open := false
	section := func(from, to time.Time) (TaskSection, error) {
		q := store.TaskQuery{AssigneeID: actorID(actor), Done: &open, DueFrom: from, DueTo: to, Limit: todayShown}
		page, err := store.ListTasks(ctx, a.db.Reader(), q)
		if err != nil {
			return TaskSection{}, err
		}
		n := len(page.Tasks)
		if page.NextCursor != "" {
			if n, err = store.CountTasks(ctx, a.db.Reader(), q); err != nil {
				return TaskSection{}, err
			}
		}
		return TaskSection{Tasks: page.Tasks, Total: n}, nil
	}
	var err error
	if t.Overdue, err = section(time.Time{}, start); err != nil {
		return t, err
	}
	if t.DueToday, err = section(start, tomorrow); err != nil {
		return t, err
	}
	if t.Upcoming, err = section(tomorrow, start.AddDate(0, 0, upcomingDays+1)); err != nil {
		return t, err
	}
	if actor == nil {
		return t, nil
	}
	if t.KeepInTouch, t.KeepInTouchTotal, err = store.KeepInTouchDueFor(ctx, a.db.Reader(), actor.ID, now, 20); err != nil {
		return t, err
	}
	t.Dates, err = a.datesComingUp(ctx, actor, now, loc, 30)
	return t, err
}

// TodayCount is the number the navigation shows beside "Today": the
// user's open tasks that are overdue or due today.
func (a *App) TodayCount(ctx context.Context, actor Actor) (int, error) {
	if actor == nil {
		return 0, nil
	}
	open := false
	tomorrow := startOfDay(a.now(), Location(actor)).AddDate(0, 0, 1)
	return store.CountTasks(ctx, a.db.Reader(), store.TaskQuery{AssigneeID: actor.ID, Done: &open, DueTo: tomorrow})
}

// DueNow lists the user's open timed tasks that came due in the last
// window, for browser notifications while a Rolo tab is open.
func (a *App) DueNow(ctx context.Context, actor Actor, window time.Duration) ([]Task, error) {
	now := a.now()
	open := false
	page, err := store.ListTasks(ctx, a.db.Reader(), store.TaskQuery{AssigneeID: actorID(actor), Done: &open,
		DueFrom: now.Add(-window), DueTo: now.Add(time.Second), Limit: 20})
	if err != nil {
		return nil, err
	}
	out := page.Tasks[:0]
	for _, t := range page.Tasks {
		if !t.DueAt.IsZero() || !t.SnoozedUntil.IsZero() {
			out = append(out, t) // all-day tasks have no moment to ring at
		}
	}
	return out, nil
}

// Now is the app's clock, so pages judge "late" by the same time as the app.
func (a *App) Now() time.Time { return a.now() }
