package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/teambition/rrule-go"

	"rolo/store"
)

// A user's calendar feed is reached at /calendar/TOKEN.ics without a
// session, because calendar apps cannot log in. The token is not stored:
// the database keeps its SHA-256 for lookup, and the token is derived
// again from a secret and the feed's nonce when the profile page shows
// the URL. Regenerating draws a new nonce, so the old URL stops working.

const calendarSecretKey = "calendar.secret"

func (a *App) calendarSecret(ctx context.Context, tx *store.Tx) ([]byte, error) {
	s, err := store.Setting(ctx, tx, calendarSecretKey, "")
	if err != nil {
		return nil, err
	}
	if s == "" {
		s = randomHex(32)
		if err := store.PutSetting(ctx, tx, calendarSecretKey, s); err != nil {
			return nil, err
		}
	}
	return hex.DecodeString(s)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

func feedToken(secret []byte, userID, nonce string) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(userID + ":" + nonce))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))[:32]
}

// CalendarFeedToken returns the actor's feed token, creating the feed on
// first use.
func (a *App) CalendarFeedToken(ctx context.Context, actor Actor) (string, error) {
	return a.calendarFeed(ctx, actor, false)
}

// RegenerateCalendarFeed gives the actor a new feed token; the old URL
// stops working at once.
func (a *App) RegenerateCalendarFeed(ctx context.Context, actor Actor) (string, error) {
	return a.calendarFeed(ctx, actor, true)
}

func (a *App) calendarFeed(ctx context.Context, actor Actor, renew bool) (string, error) {
	if actor == nil {
		return "", errorf(EInvalid, "error.login_required")
	}
	var token string
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		secret, err := a.calendarSecret(ctx, tx)
		if err != nil {
			return err
		}
		f, err := store.CalendarFeedOf(ctx, tx, actor.ID)
		if err == nil && !renew {
			token = feedToken(secret, actor.ID, f.Nonce)
			return nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		nonce := randomHex(16)
		token = feedToken(secret, actor.ID, nonce)
		if err := store.PutCalendarFeed(ctx, tx, store.CalendarFeed{UserID: actor.ID, TokenHash: hashToken(token), Nonce: nonce}); err != nil {
			return err
		}
		if !renew {
			return nil
		}
		return a.record(ctx, tx, actor.ID, Change{Action: ActionUserCalendarFeedRenewed, Entity: "user", ID: actor.ID})
	})
	return token, err
}

// CalendarFeedUser finds whose feed token is given; a wrong or old token,
// or a disabled account, is not found.
func (a *App) CalendarFeedUser(ctx context.Context, token string) (*User, error) {
	notFound := errorf(ENotFound, "error.page_not_found")
	if len(token) != 32 {
		return nil, notFound
	}
	f, err := store.CalendarFeedByHash(ctx, a.db.Reader(), hashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	u, err := store.UserByID(ctx, a.db.Reader(), f.UserID)
	if err != nil || u.Disabled() {
		return nil, notFound
	}
	return a.withPermissions(toUser(u)), nil
}

// feedTaskLimit bounds a feed: calendar apps fetch it every few hours.
const feedTaskLimit = 2000

// WriteCalendar writes the user's open dated tasks as an iCalendar
// (RFC 5545) document: each an event at its due time (all-day ones as
// all-day events), recurring ones with their RRULE in their own zone, each
// linking back to taskURL(id).
func (a *App) WriteCalendar(ctx context.Context, user *User, taskURL func(id string) string, w io.Writer) error {
	open := false
	page, err := store.ListTasks(ctx, a.db.Reader(), store.TaskQuery{AssigneeID: user.ID, Done: &open, DueTo: time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 500})
	if err != nil {
		return err
	}
	tasks := page.Tasks
	for page.NextCursor != "" && len(tasks) < feedTaskLimit {
		page, err = store.ListTasks(ctx, a.db.Reader(), store.TaskQuery{AssigneeID: user.ID, Done: &open, Cursor: page.NextCursor, Limit: 500})
		if err != nil {
			return err
		}
		tasks = append(tasks, page.Tasks...)
	}
	cal := ical.NewCalendarFor("Rolo")
	cal.SetMethod(ical.MethodPublish)
	cal.SetName(icalText("Rolo · " + user.Name))
	cal.SetXWRCalName(icalText("Rolo · " + user.Name))
	cal.SetXWRTimezone(ZoneName(user))
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	now := a.now()
	zones := map[string]zoneUse{}
	for _, t := range tasks {
		if t.DueKey == store.NoDueKey {
			continue
		}
		e := cal.AddEvent(t.ID + "@rolo")
		e.SetDtStampTime(now)
		e.SetModifiedAt(t.UpdatedAt)
		e.SetSummary(icalText(t.Title))
		link := taskURL(t.ID)
		e.SetURL(link)
		e.SetDescription(icalText(strings.TrimSpace(t.Notes + "\n\n" + link)))
		if t.Priority == "high" {
			e.SetPriority(1)
		}
		loc := taskZone(t)
		switch {
		case t.DueDate != "" && t.SnoozedUntil.IsZero():
			d, _ := parseWall(t.DueDate, loc)
			e.SetAllDayStartAt(d)
			e.SetAllDayEndAt(d.AddDate(0, 0, 1))
		case t.Recurrence != "" && t.SnoozedUntil.IsZero():
			// A recurring event keeps its wall time in its zone across
			// daylight-saving changes only when written with TZID.
			start := t.DueAt.In(loc)
			e.SetProperty(ical.ComponentPropertyDtStart, start.Format("20060102T150405"), ical.WithTZID(loc.String()))
			e.SetProperty(ical.ComponentPropertyDtEnd, start.Add(30*time.Minute).Format("20060102T150405"), ical.WithTZID(loc.String()))
			if use, seen := zones[loc.String()]; !seen || start.Before(use.earliest) {
				zones[loc.String()] = zoneUse{loc, start}
			}
			alarm(e, t)
		default:
			start := t.DueAt
			if !t.SnoozedUntil.IsZero() {
				start = t.SnoozedUntil
			}
			e.SetStartAt(start)
			e.SetEndAt(start.Add(30 * time.Minute))
			alarm(e, t)
		}
		if t.Recurrence != "" && t.SnoozedUntil.IsZero() {
			if rule, ok := remainingRule(t); ok {
				e.AddRrule(rule)
			}
		}
	}
	// Every TZID used gets its VTIMEZONE (UTC too), in a stable order and
	// ahead of the events, where clients that read in one pass look first.
	events := cal.Components
	cal.Components = nil
	for _, name := range slices.Sorted(maps.Keys(zones)) {
		cal.AddVTimezone(vtimezone(name, zones[name].loc, zones[name].earliest, now))
	}
	cal.Components = append(cal.Components, events...)
	// RFC 5545 §3.1: lines end with CRLF and fold at 75 octets (the
	// library folds between UTF-8 characters, never inside one).
	return cal.SerializeTo(w, ical.WithNewLineWindows)
}

// zoneUse is a time zone events are written in, and the earliest of them.
type zoneUse struct {
	loc      *time.Location
	earliest time.Time
}

// icalText makes s fit a TEXT value: the library escapes backslash,
// semicolon, comma and newline, but a CR or another control character
// may not appear in a content line at all.
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// alarm makes the phone's or computer's own calendar ring the task's lead
// time before it is due (RFC 5545 §3.6.6: a DISPLAY alarm needs its
// DESCRIPTION), so a reminder reaches people with no Rolo tab open. A
// snoozed task rings at the end of its snooze; one set to no reminder
// gets no alarm.
func alarm(e *ical.VEvent, t Task) {
	if !t.SnoozedUntil.IsZero() {
		t.RemindMinutes = 0
	} else if t.RemindMinutes == store.NoReminder {
		return
	}
	al := e.AddAlarm()
	al.SetAction(ical.ActionDisplay)
	al.SetTrigger(alarmTrigger(t.RemindMinutes))
	al.SetProperty(ical.ComponentPropertyDescription, icalText(t.Title))
}

// alarmTrigger is a DURATION before the start: -PT10M, -PT1H, -P1D.
func alarmTrigger(minutes int) string {
	switch {
	case minutes > 0 && minutes%(24*60) == 0:
		return fmt.Sprintf("-P%dD", minutes/(24*60))
	case minutes > 0 && minutes%60 == 0:
		return fmt.Sprintf("-PT%dH", minutes/60)
	}
	return fmt.Sprintf("-PT%dM", minutes)
}

// remainingRule is the task's RRULE counted from this occurrence: a COUNT
// counts from the series' start, the event from the open occurrence.
func remainingRule(t Task) (string, bool) {
	loc := taskZone(t)
	opt, err := rrule.StrToROptionInLocation(t.Recurrence, loc)
	if err != nil {
		return "", false
	}
	if opt.Count > 0 {
		start, ok1 := parseWall(t.SeriesStart, loc)
		cur, ok2 := parseWall(t.Occurrence, loc)
		if !ok1 || !ok2 {
			return "", false
		}
		withStart := *opt
		withStart.Dtstart = start
		r, err := rrule.NewRRule(withStart)
		if err != nil {
			return "", false
		}
		done := len(r.Between(start, cur, false)) // occurrences before this one (the start is one of them unless it is this one)
		if cur.After(start) {
			done++
		}
		opt.Count -= done
		if opt.Count <= 0 {
			return "", false
		}
	}
	return opt.RRuleString(), true
}
