package app

import (
	"context"
	"strconv"
	"time"

	"rolo/store"
)

// DateReminder is a rule that turns a date field into a yearly reminder.
type DateReminder = store.DateReminder

// DateDue is one date coming up: a birthday (or, later, any date field)
// of a record, on its next anniversary.
type DateDue struct {
	Rule   DateReminder
	Record RecordRef
	Name   string
	On     time.Time // the next anniversary, midnight in the user's zone
	Years  int       // how many years it will be; 0 when the year is unknown
	InDays int       // 0 today, 1 tomorrow…
}

// DateReminders lists the rules, for their settings page.
func (a *App) DateReminders(ctx context.Context, actor Actor) ([]DateReminder, error) {
	return store.DateReminders(ctx, a.db.Reader())
}

// UpdateDateReminder changes how many days ahead a rule reminds, or turns
// it off (admins).
func (a *App) UpdateDateReminder(ctx context.Context, actor Actor, id string, daysBefore int, enabled bool) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	if daysBefore < 0 || daysBefore > 60 {
		return Invalid(map[string]string{"days_before": "error.days_before_invalid"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.UpdateDateReminder(ctx, tx, DateReminder{ID: id, DaysBefore: daysBefore, Enabled: enabled}); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionDateReminderChanged, Entity: "settings", ID: id,
			Details: map[string]any{"days_before": daysBefore, "enabled": enabled}})
	})
}

// datesComingUp lists the dates of records the user owns that fall from
// today to each rule's lead time ahead, soonest first.
func (a *App) datesComingUp(ctx context.Context, user *User, now time.Time, loc *time.Location, limit int) ([]DateDue, error) {
	rules, err := store.DateReminders(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	today := startOfDay(now, loc)
	var out []DateDue
	for _, rule := range rules {
		if !rule.Enabled || rule.Entity != "contact" || rule.Field != "birthday" {
			continue // custom date fields plug in here when they exist
		}
		last := today.AddDate(0, 0, rule.DaysBefore)
		to := last.Format("01-02")
		if to == "02-28" && !isLeap(last.Year()) {
			to = "02-29" // a leap-day birthday is kept on the 28th in other years
		}
		rows, err := store.BirthdaysBetween(ctx, a.db.Reader(), user.ID, today.Format("01-02"), to, limit)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			on, years := nextAnniversary(r.Birthday, today)
			out = append(out, DateDue{Rule: rule, Record: RecordRef{Entity: "contact", ID: r.ContactID}, Name: r.DisplayName,
				On: on, Years: years, InDays: int(on.Sub(today).Hours()+12) / 24})
		}
	}
	return out, nil
}

// nextAnniversary is the first day on or after today (midnight in its
// zone) with the month and day of date (YYYY-MM-DD or --MM-DD), and the
// age or years it marks when the year is known. February 29 falls on
// February 28 in years without it.
func nextAnniversary(date string, today time.Time) (time.Time, int) {
	if len(date) < 5 {
		return time.Time{}, 0
	}
	md := date[len(date)-5:]
	month, _ := strconv.Atoi(md[:2])
	dayOf, _ := strconv.Atoi(md[3:])
	on := func(year int) time.Time {
		d := dayOf
		if month == 2 && d == 29 && !isLeap(year) {
			d = 28
		}
		return time.Date(year, time.Month(month), d, 0, 0, 0, 0, today.Location())
	}
	next := on(today.Year())
	if next.Before(today) {
		next = on(today.Year() + 1)
	}
	years := 0
	if len(date) == len(wallDay) {
		if born, err := strconv.Atoi(date[:4]); err == nil && born < next.Year() {
			years = next.Year() - born
		}
	}
	return next, years
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
