package ui_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/matryer/is"
	"github.com/teambition/rrule-go"

	"rolo/app"
)

// TestCalendarFeedRFC5545 fetches a feed of weekly 09:00 tasks in zones
// of every kind — a second Sunday (New York, since 2004, across the 2007
// change of rules), a last Sunday (Berlin), the southern hemisphere
// (Sydney, Santiago), no daylight saving time (Seoul, UTC), a Friday
// before the last Sunday (Jerusalem), 45-minute offsets (Chatham), changes
// that follow no yearly rule (Casablanca) — reads it strictly, and places
// every occurrence up to 2040 with the file's own VTIMEZONE, as a client
// that does not know IANA names does.
func TestCalendarFeedRFC5545(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	me, err := ts.app.UserByEmail(ctx, "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	starts := map[string]string{"America/New_York": "2004-06-01", "Europe/Berlin": "2026-12-01", "Australia/Sydney": "2026-12-02",
		"America/Santiago": "2026-12-03", "Asia/Seoul": "2026-12-04", "UTC": "2026-12-05", "Asia/Jerusalem": "2026-12-06",
		"Pacific/Chatham": "2026-12-07", "Africa/Casablanca": "2026-12-08"}
	for zone, day := range starts {
		if _, err := ts.app.CreateTask(ctx, me, app.TaskInput{Title: "Weekly review " + zone, DueDate: day, DueTime: "09:00",
			TimeZone: zone, AssigneeID: me.ID, Recurrence: "FREQ=WEEKLY"}); err != nil {
			t.Fatal(err)
		}
	}
	title := `Plan; "Q1", budget \ 予算と見積もりの確認 — 대한민국 서울특별시 강남구 테헤란로 회의`
	_, err = ts.app.CreateTask(ctx, me, app.TaskInput{Title: title, Notes: "first line\r\nsecond; line, with a comma",
		DueDate: "2026-12-09", DueTime: "14:30", TimeZone: "Asia/Tokyo", AssigneeID: me.ID})
	if err != nil {
		t.Fatal(err)
	}
	dayAhead, none := 1440, app.NoReminder
	for title, remind := range map[string]*int{"Call a day ahead": &dayAhead, "Quiet task": &none} {
		if _, err := ts.app.CreateTask(ctx, me, app.TaskInput{Title: title, DueDate: "2026-12-10", DueTime: "11:00",
			TimeZone: "Asia/Seoul", AssigneeID: me.ID, RemindMinutes: remind}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ts.app.CreateTask(ctx, me, app.TaskInput{Title: "All-day task", DueDate: "2026-12-11", AssigneeID: me.ID}); err != nil {
		t.Fatal(err)
	}
	feedURL := decodeAs[struct {
		CalendarFeedURL string `json:"calendar_feed_url"`
	}](t, admin.get("/api/v1/me")).CalendarFeedURL
	res, err := http.Get(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	lines := checkICS(t, string(raw))
	cal, err := ical.ParseCalendar(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("lines end with CRLF and fold at 75 octets; TEXT comes back as written", func(t *testing.T) {
		is := is.New(t)
		is.True(strings.Count(string(raw), "\r\n") == strings.Count(string(raw), "\n")) // every line ends with CRLF
		folded := false
		for _, l := range strings.Split(string(raw), "\r\n") {
			folded = folded || strings.HasPrefix(l, " ")
		}
		is.True(folded) // the long title was folded
		var summary, description string
		for _, e := range cal.Events() {
			if s := e.GetProperty(ical.ComponentPropertySummary); s != nil && strings.HasPrefix(s.Value, "Plan") {
				summary, description = s.Value, e.GetProperty(ical.ComponentPropertyDescription).Value
			}
		}
		is.Equal(summary, title)                                                  // escaped and unescaped to the same text
		is.True(strings.HasPrefix(description, "first line\nsecond; line, with")) // CRLF in notes becomes one newline
		is.True(len(lines) > 20)
	})

	t.Run("every timed task rings its lead time before: a DISPLAY VALARM with DESCRIPTION; none when asked, none all day", func(t *testing.T) {
		is := is.New(t)
		triggers := map[string]string{}
		for _, e := range cal.Events() {
			summary := e.GetProperty(ical.ComponentPropertySummary).Value
			alarms := e.Alarms()
			if len(alarms) == 0 {
				triggers[summary] = ""
				continue
			}
			is.Equal(len(alarms), 1) // one alarm per event
			al := alarms[0]
			is.Equal(al.GetProperty(ical.ComponentPropertyAction).Value, "DISPLAY")
			is.Equal(al.GetProperty(ical.ComponentPropertyDescription).Value, summary) // the task's title, what a phone shows
			triggers[summary] = al.GetProperty(ical.ComponentPropertyTrigger).Value
		}
		is.Equal(triggers["Weekly review Europe/Berlin"], "-PT10M") // the user's default, 10 minutes before
		is.Equal(triggers[title], "-PT10M")
		is.Equal(triggers["Call a day ahead"], "-P1D") // the task's own lead time
		v, ok := triggers["Quiet task"]
		is.True(ok && v == "") // no reminder asked: no alarm
		v, ok = triggers["All-day task"]
		is.True(ok && v == "") // all day: no moment to ring at
	})

	zones := map[string]fileZone{}
	until := time.Date(2041, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tz := range cal.Timezones() {
		zones[tz.GetProperty(ical.ComponentPropertyTzid).Value] = readFileZone(t, tz, until)
	}

	t.Run("each zone's VTIMEZONE gives Go's offset at every change and between, from the earliest event to 2040", func(t *testing.T) {
		is := is.New(t)
		for zone, day := range starts {
			z, ok := zones[zone]
			is.True(ok) // every zone used has its VTIMEZONE
			loc, err := time.LoadLocation(zone)
			is.NoErr(err)
			first, err := time.ParseInLocation("2006-01-02 15:04", day+" 09:00", loc)
			is.NoErr(err)
			for at := first; at.Before(until); at = at.Add(5 * time.Hour) {
				_, want := at.In(loc).Zone()
				got, ok := z.offsetAt(at)
				if !ok || got != want {
					t.Fatalf("%s at %s: the file says %d (%v), Go %d", zone, at.UTC(), got, ok, want)
				}
			}
			for at := first; ; {
				_, end := at.In(loc).ZoneBounds()
				if end.IsZero() || !end.Before(until) {
					break
				}
				if !end.After(at) { // Go repeats a leap year's end as a bound: step past it
					at = at.Add(time.Hour)
					continue
				}
				for _, probe := range []time.Time{end.Add(-time.Second), end} {
					_, want := probe.In(loc).Zone()
					if got, _ := z.offsetAt(probe); got != want {
						t.Fatalf("%s at %s: the file says %d, Go %d", zone, probe.UTC(), got, want)
					}
				}
				at = end
			}
		}
	})

	t.Run("a weekly 09:00 task stays at 09:00 local in summer and winter of 2030 and 2035", func(t *testing.T) {
		is := is.New(t)
		checked := map[string]int{}
		for _, e := range cal.Events() {
			dtstart := e.GetProperty(ical.ComponentPropertyDtStart)
			rr := e.GetProperty(ical.ComponentPropertyRrule)
			if rr == nil || dtstart.ICalParameters["TZID"] == nil {
				continue
			}
			zone := dtstart.ICalParameters["TZID"][0]
			loc, err := time.LoadLocation(zone)
			is.NoErr(err)
			wall, err := time.Parse(icsWall, dtstart.Value)
			is.NoErr(err)
			opt, err := rrule.StrToROption(rr.Value)
			is.NoErr(err)
			opt.Dtstart = wall // the wall clock, in UTC fields, as the file's zone reads it
			r, err := rrule.NewRRule(*opt)
			is.NoErr(err)
			for _, w := range r.Between(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC), true) {
				local := zones[zone].instant(t, w).In(loc)
				if local.Format("2006-01-02 15:04") != w.Format("2006-01-02 15:04") {
					t.Fatalf("%s: the occurrence of %s falls at %s local", zone, w.Format("2006-01-02 15:04"), local)
				}
				if y := w.Year(); (y == 2030 || y == 2035) && (w.Month() == time.January || w.Month() == time.July) {
					checked[zone+" "+w.Format("2006-01")]++
				}
			}
		}
		for _, key := range []string{"America/New_York 2030-01", "America/New_York 2030-07", "America/New_York 2035-01", "America/New_York 2035-07",
			"Europe/Berlin 2035-07", "Australia/Sydney 2035-01", "Australia/Sydney 2035-07", "Asia/Seoul 2030-07"} {
			is.True(checked[key] >= 4) // every week of that month was placed
		}
	})

	t.Run("the zones' present rules are yearly RRULEs found from their transitions", func(t *testing.T) {
		is := is.New(t)
		text := strings.Join(lines, "\n")
		for _, rule := range []string{"FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", // New York
			"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", // Berlin
			"FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", // Sydney
			"FREQ=YEARLY;BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29"} { // Jerusalem
			is.True(strings.Contains(text, "RRULE:"+rule)) // the rule is written
		}
		is.Equal(len(cal.Timezones()), len(starts)) // one a zone used: the one-off Tokyo task is written in UTC
		for _, tz := range cal.Timezones() {
			if tz.GetProperty(ical.ComponentPropertyTzid).Value == "Asia/Seoul" {
				_, isStandard := tz.Components[0].(*ical.Standard)
				is.True(len(tz.Components) == 1 && isStandard) // no daylight saving time: one STANDARD
			}
		}
	})
}
