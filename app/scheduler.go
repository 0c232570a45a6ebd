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
	// Watched IMAP folders are read on their own, so a slow mail server
	// never holds up reminders and webhooks; the scheduler ends after it.
	watched := make(chan struct{})
	go func() { defer close(watched); a.RunEmailWatcher(ctx, every) }()
	defer func() { <-watched }()
	// Contact cards missing after writes are stored again beside it.
	kept := make(chan struct{})
	go func() { defer close(kept); a.db.KeepContactCards(ctx, every) }()
	defer func() { <-kept }()
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

// SchedulerPass is the outcome of the scheduler's last pass, for the
// automation page.
type SchedulerPass struct {
	At        time.Time // when it finished
	Took      time.Duration
	Delivered int    // webhook messages sent
	Error     string // "" when everything due was done
}

// SchedulerLastPass is the scheduler's last pass; false before the first.
func (a *App) SchedulerLastPass() (SchedulerPass, bool) {
	p := a.hooks.lastPass.Load()
	if p == nil {
		return SchedulerPass{}, false
	}
	return *p, true
}

// RunDue does one pass of everything due now.
func (a *App) RunDue(ctx context.Context) error {
	ctx = WithOrigin(ctx, Origin{Kind: OriginScheduler})
	start := time.Now()
	err := errors.Join(a.runQueued(ctx), a.fireOverdueTasks(ctx), a.fireQuietContacts(ctx), a.fireDatesArriving(ctx))
	sent, derr := a.DeliverWebhooks(ctx)
	err = errors.Join(err, derr)
	pass := SchedulerPass{At: a.now(), Took: time.Since(start), Delivered: sent}
	if err != nil {
		pass.Error = err.Error()
	}
	a.hooks.lastPass.Store(&pass)
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

// timedBacklog bounds how far back time-based events go to webhooks: a
// new subscription is not flooded with every old overdue task or quiet
// contact, yet a week asleep is caught up.
const timedBacklog = 7 * 24 * time.Hour

// fireOverdueTasks starts the task.overdue rules once per task and due,
// and tells the webhooks that want it.
func (a *App) fireOverdueTasks(ctx context.Context) error {
	hs, err := a.hookSet(ctx)
	if err != nil {
		return err
	}
	now := a.now()
	for _, r := range hs.rules["task.overdue"] {
		tasks, err := store.OverdueTasks(ctx, a.db.Reader(), time.Time{}, now, store.Seen{RuleID: r.ID}, 1000)
		if err := eachOccasion(tasks, err, "task.overdue", "task", a.ruleFirer(ctx, r)); err != nil {
			return err
		}
	}
	from, ok := hs.webhooksSince("task.overdue", now)
	if !ok {
		return nil
	}
	tasks, err := store.OverdueTasks(ctx, a.db.Reader(), from, now, store.Seen{Event: "task.overdue"}, 1000)
	return eachOccasion(tasks, err, "task.overdue", "task", a.webhookSender(ctx, hs))
}

// fireQuietContacts starts the contact.inactive rules ("no activity for N
// days", N in the trigger's value, 30 by default) once per contact and
// silence: a new activity and another N quiet days fire it again.
// Webhooks hear of a contact after the default 30 quiet days.
func (a *App) fireQuietContacts(ctx context.Context) error {
	hs, err := a.hookSet(ctx)
	if err != nil {
		return err
	}
	now := a.now()
	for _, r := range hs.rules["contact.inactive"] {
		since := now.AddDate(0, 0, -quietDays(r.Trigger.Value))
		quiet, err := store.QuietContacts(ctx, a.db.Reader(), time.Time{}, since, store.Seen{RuleID: r.ID}, 1000)
		if err := eachOccasion(quiet, err, "contact.inactive", "contact", a.ruleFirer(ctx, r)); err != nil {
			return err
		}
	}
	from, ok := hs.webhooksSince("contact.inactive", now)
	if !ok {
		return nil
	}
	since := now.AddDate(0, 0, -defaultQuietDays)
	quiet, err := store.QuietContacts(ctx, a.db.Reader(), from.AddDate(0, 0, -defaultQuietDays), since, store.Seen{Event: "contact.inactive"}, 1000)
	return eachOccasion(quiet, err, "contact.inactive", "contact", a.webhookSender(ctx, hs))
}

// eachOccasion fires an event of typ for each (record id, occasion key)
// pair a lookup found (err is the lookup's).
func eachOccasion(pairs [][2]string, err error, typ, entity string, fire func(Event, string) error) error {
	if err != nil {
		return err
	}
	for _, p := range pairs {
		if err := fire(Event{Type: typ, Entity: entity, EntityID: p[0]}, p[1]); err != nil {
			return err
		}
	}
	return nil
}

// defaultQuietDays is "no activity for N days" when the rule says no N.
const defaultQuietDays = 30

func quietDays(value string) int {
	days, err := strconv.Atoi(value)
	if err != nil || days <= 0 {
		return defaultQuietDays
	}
	return days
}

// ruleFirer runs a time-based rule for one record and occasion (key),
// once: the mark is written in the same transaction as the run, so a
// restart neither loses nor repeats it.
func (a *App) ruleFirer(ctx context.Context, r Rule) func(Event, string) error {
	return func(ev Event, key string) error {
		return a.db.Write(ctx, func(tx *store.Tx) error {
			first, err := store.MarkFired(ctx, tx, r.ID, ev.EntityID, key)
			if err != nil || !first {
				return err
			}
			return a.runRule(ctx, tx, r, ev, false, newRecordCache(ctx, tx, ev))
		})
	}
}

// webhookSender puts a time-based event in the outbox of the webhooks
// that want it, once per record and occasion (key).
func (a *App) webhookSender(ctx context.Context, hs *hookSet) func(Event, string) error {
	return func(ev Event, key string) error {
		return a.db.Write(ctx, func(tx *store.Tx) error {
			first, err := store.MarkTimedEvent(ctx, tx, ev.Type, ev.EntityID, key)
			if err != nil || !first {
				return err
			}
			return a.toWebhooks(ctx, tx, hs, ev)
		})
	}
}

// webhooksSince tells whether a webhook wants event and from when its
// occasions count: the first such webhook's creation, at most
// timedBacklog ago.
func (hs *hookSet) webhooksSince(event string, now time.Time) (time.Time, bool) {
	from, ok := time.Time{}, false
	for _, w := range hs.webhooks {
		if w.wants(event) && (!ok || w.CreatedAt.Before(from)) {
			from, ok = w.CreatedAt, true
		}
	}
	if oldest := now.Add(-timedBacklog); from.Before(oldest) {
		from = oldest
	}
	return from, ok
}
