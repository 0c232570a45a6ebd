package app

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"rolo/store"
)

// RunScheduler does the work that comes due by the clock — delayed rule
// runs, time-based triggers, webhook deliveries and retries — every
// interval until ctx ends. Everything due is found by comparing with the
// current time, so what came due while the laptop slept runs at the first
// tick after it wakes. No cron.
func (a *App) RunScheduler(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := a.RunDue(ctx); err != nil && ctx.Err() == nil {
			slog.Error("scheduler", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SchedulerLastRun is when the scheduler last finished a pass (zero before
// the first), for the settings page.
func (a *App) SchedulerLastRun() time.Time {
	n := a.hooks.lastRun.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n).UTC()
}

// RunDue does one pass of everything due now.
func (a *App) RunDue(ctx context.Context) error {
	err := errors.Join(a.runQueued(ctx), a.fireOverdueTasks(ctx), a.fireQuietContacts(ctx))
	if _, derr := a.DeliverWebhooks(ctx); derr != nil {
		err = errors.Join(err, derr)
	}
	a.hooks.lastRun.Store(a.now().UnixMilli())
	return err
}

// runQueued runs the delayed rule runs that are due, each in its own
// transaction; one that fails for a reason outside the rule (the database)
// is retried later.
func (a *App) runQueued(ctx context.Context) error {
	due, err := store.DueRuns(ctx, a.db.Reader(), a.now(), 500)
	if err != nil {
		return err
	}
	for _, q := range due {
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			if err := store.FinishRun(ctx, tx, q.ID); err != nil {
				return err
			}
			s, err := store.RuleByID(ctx, tx, q.RuleID)
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			r, err := toRule(s)
			if err != nil || !r.Enabled {
				return err
			}
			var ev Event
			if err := json.Unmarshal([]byte(q.Event), &ev); err != nil {
				return err
			}
			return a.runRule(ctx, tx, r, ev, true, newRecordCache(ctx, tx, ev))
		})
		if err != nil {
			backoff := time.Duration(q.Attempts+1) * time.Minute
			if werr := a.db.Write(ctx, func(tx *store.Tx) error {
				return store.RetryRun(ctx, tx, q.ID, tx.Now.Add(backoff), err.Error())
			}); werr != nil {
				return errors.Join(err, werr)
			}
		}
	}
	return nil
}

// fireOverdueTasks starts the task.overdue rules once per task and due.
func (a *App) fireOverdueTasks(ctx context.Context) error {
	hs, err := a.hookSet(ctx)
	if err != nil || len(hs.rules["task.overdue"]) == 0 {
		return err
	}
	tasks, err := store.OverdueTasks(ctx, a.db.Reader(), a.now(), 1000)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			for _, r := range hs.rules["task.overdue"] {
				first, err := store.MarkFired(ctx, tx, r.ID, t[0], t[1])
				if err != nil {
					return err
				}
				if !first {
					continue
				}
				ev := Event{Type: "task.overdue", Entity: "task", EntityID: t[0]}
				if err := a.runRule(ctx, tx, r, ev, false, newRecordCache(ctx, tx, ev)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// fireQuietContacts starts the contact.inactive rules ("no activity for N
// days", N in the trigger's value, 30 by default) once per contact and
// silence: a new activity and another N quiet days fire it again.
func (a *App) fireQuietContacts(ctx context.Context) error {
	hs, err := a.hookSet(ctx)
	if err != nil {
		return err
	}
	for _, r := range hs.rules["contact.inactive"] {
		days, err := strconv.Atoi(r.Trigger.Value)
		if err != nil || days <= 0 {
			days = 30
		}
		quiet, err := store.QuietContacts(ctx, a.db.Reader(), r.ID, a.now().AddDate(0, 0, -days), 1000)
		if err != nil {
			return err
		}
		for _, c := range quiet {
			err := a.db.Write(ctx, func(tx *store.Tx) error {
				first, err := store.MarkFired(ctx, tx, r.ID, c[0], c[1])
				if err != nil || !first {
					return err
				}
				ev := Event{Type: "contact.inactive", Entity: "contact", EntityID: c[0]}
				return a.runRule(ctx, tx, r, ev, false, newRecordCache(ctx, tx, ev))
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
