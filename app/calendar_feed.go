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
	cal.SetName("Rolo · " + user.Name)
	cal.SetXWRCalName("Rolo · " + user.Name)
	cal.SetXWRTimezone(ZoneName(user))
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	now := a.now()
	zones := map[string]bool{}
	for _, t := range tasks {
		if t.DueKey == store.NoDueKey {
			continue
		}
		e := cal.AddEvent(t.ID + "@rolo")
		e.SetDtStampTime(now)
		e.SetModifiedAt(t.UpdatedAt)
		e.SetSummary(t.Title)
		link := taskURL(t.ID)
		e.SetURL(link)
		e.SetDescription(strings.TrimSpace(t.Notes + "\n\n" + link))
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
			zones[loc.String()] = true
			alarm(e)
		default:
			start := t.DueAt
			if !t.SnoozedUntil.IsZero() {
				start = t.SnoozedUntil
			}
			e.SetStartAt(start)
			e.SetEndAt(start.Add(30 * time.Minute))
			alarm(e)
		}
		if t.Recurrence != "" && t.SnoozedUntil.IsZero() {
			if rule, ok := remainingRule(t); ok {
				e.AddRrule(rule)
			}
		}
	}
	for name := range zones {
		if loc, err := time.LoadLocation(name); err == nil && name != "UTC" {
			cal.AddVTimezone(vtimezone(name, loc, now))
		}
	}
	return cal.SerializeTo(w)
}

// alarm makes calendar apps ring when the task is due.
func alarm(e *ical.VEvent) {
	al := e.AddAlarm()
	al.SetAction(ical.ActionDisplay)
	al.SetTrigger("-PT0M")
	al.SetProperty(ical.ComponentPropertyDescription, "Rolo")
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

// vtimezone describes loc's offsets from a year back to three years on,
// one observance per change, so calendar apps that do not know IANA names
// still place the wall times right.
func vtimezone(name string, loc *time.Location, now time.Time) *ical.VTimezone {
	tz := ical.NewTimezone(name)
	from, until := now.AddDate(-1, 0, 0).In(loc), now.AddDate(3, 0, 0)
	for t := from; t.Before(until); {
		zoneName, offset := t.Zone()
		start, end := t.ZoneBounds()
		prevOffset := offset
		if !start.IsZero() {
			_, prevOffset = start.Add(-time.Second).In(loc).Zone()
		} else {
			start = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		props := []struct {
			p ical.ComponentProperty
			v string
		}{
			// An observance starts at the local time of the offset it ends.
			{ical.ComponentPropertyDtStart, start.UTC().Add(time.Duration(prevOffset) * time.Second).Format("20060102T150405")},
			{ical.ComponentProperty(ical.PropertyTzoffsetfrom), utcOffset(prevOffset)},
			{ical.ComponentProperty(ical.PropertyTzoffsetto), utcOffset(offset)},
			{ical.ComponentProperty(ical.PropertyTzname), zoneName},
		}
		var part ical.Component
		if t.IsDST() {
			d := &ical.Daylight{}
			for _, p := range props {
				d.SetProperty(p.p, p.v)
			}
			part = d
		} else {
			s := &ical.Standard{}
			for _, p := range props {
				s.SetProperty(p.p, p.v)
			}
			part = s
		}
		tz.Components = append(tz.Components, part)
		if end.IsZero() {
			break // no more changes: the zone keeps this offset
		}
		t = end.In(loc)
	}
	return tz
}

func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	return fmt.Sprintf("%s%02d%02d", sign, seconds/3600, seconds/60%60)
}
