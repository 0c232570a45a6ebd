package app

import (
	"context"
	"strconv"
	"time"

	"rolo/store"
)

// The date.arriving trigger: a date field (the birthday, which comes back
// every year, or a custom date field such as a renewal date) arriving.
// The rule's trigger names the field by key, and its value says when, in
// days: 30 fires 30 days before the date, 0 on the day, -7 a week after.
// The scheduler fires each rule once per record and date, durably, and
// catches up on days it slept through (up to dateBacklogDays, never from
// before the rule existed). Days are the server's days.

// dateBacklogDays is how many past days a pass looks back on.
const dateBacklogDays = 7

// maxDateOffset bounds the trigger's days before or after.
const maxDateOffset = 366

// dateOffset reads the trigger's value; "" is on the day.
func dateOffset(value string) (int, bool) {
	if value == "" {
		return 0, true
	}
	n, err := strconv.Atoi(value)
	return n, err == nil && n >= -maxDateOffset && n <= maxDateOffset
}

// DateFieldKeys lists the keys the date.arriving trigger accepts, for the
// rule form.
func (a *App) DateFieldKeys(ctx context.Context) ([]string, error) {
	fields, err := store.DateFields(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range fields {
		if !contains(out, f.Key) {
			out = append(out, f.Key)
		}
	}
	return out, nil
}

// dateFieldsByKey lists the date fields with key (one per entity).
func dateFieldsByKey(ctx context.Context, q store.Querier, key string) ([]store.DateField, error) {
	all, err := store.DateFields(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []store.DateField
	for _, f := range all {
		if f.Key == key {
			out = append(out, f)
		}
	}
	return out, nil
}

// fireDatesArriving runs the date.arriving rules and tells the webhooks
// that want date.arriving, on the day itself, of every date field.
func (a *App) fireDatesArriving(ctx context.Context) error {
	hs, err := a.hookSet(ctx)
	if err != nil {
		return err
	}
	now := a.now()
	for _, r := range hs.rules["date.arriving"] {
		offset, ok := dateOffset(r.Trigger.Value)
		if !ok {
			continue // validation refuses it; a stored one just never fires
		}
		fields, err := dateFieldsByKey(ctx, a.db.Reader(), r.Trigger.Field)
		if err != nil {
			return err
		}
		if err := a.eachDateArriving(ctx, fields, r.Stored.CreatedAt, now, offset, store.Seen{RuleID: r.ID}, a.ruleFirer(ctx, r)); err != nil {
			return err
		}
	}
	from, ok := hs.webhooksSince("date.arriving", now)
	if !ok {
		return nil
	}
	fields, err := store.DateFields(ctx, a.db.Reader())
	if err != nil {
		return err
	}
	return a.eachDateArriving(ctx, fields, from, now, 0, store.Seen{Event: "date.arriving"}, a.webhookSender(ctx, hs))
}

// eachDateArriving calls fire for every record whose date in fields is
// offset days after a day from since (at most dateBacklogDays ago) to
// today, that seen has not marked yet. The key names the field and the
// date, so a changed date fires again and next year's birthday too.
func (a *App) eachDateArriving(ctx context.Context, fields []store.DateField, since, now time.Time, offset int, seen store.Seen,
	fire func(Event, string) error) error {
	today := startOfDay(now, time.Local)
	first := today.AddDate(0, 0, -dateBacklogDays)
	if s := startOfDay(since, time.Local); s.After(first) {
		first = s
	}
	for day := first; !day.After(today); day = day.AddDate(0, 0, 1) {
		date := day.AddDate(0, 0, offset)
		on := date.Format(wallDay)
		monthDays := []string{on[5:]}
		if on[5:] == "02-28" && !isLeap(date.Year()) {
			monthDays = append(monthDays, "02-29") // a leap-day birthday is kept on the 28th
		}
		for _, f := range fields {
			key := f.Key + "@" + on
			ids, err := store.DatesOn(ctx, a.db.Reader(), f, on, monthDays, key, seen, 1000)
			if err != nil {
				return err
			}
			for _, id := range ids {
				ev := Event{Type: "date.arriving", Entity: f.Entity, EntityID: id, Field: f.Key, To: on}
				if err := fire(ev, key); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
