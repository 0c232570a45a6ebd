package app

import (
	"testing"
	"time"

	"github.com/matryer/is"
)

// TestNextOccurrence walks series through month ends, leap years and
// daylight-saving changes: the wall time stays, the UTC instant moves.
func TestNextOccurrence(t *testing.T) {
	t.Parallel()
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	never := time.Time{}
	for _, c := range []struct {
		name, rule, start string
		zone              string
		want              []string // successive occurrences after start
	}{
		{"monthly on the 31st skips short months", "FREQ=MONTHLY;BYMONTHDAY=31", "2027-01-31T09:00", "UTC",
			[]string{"2027-03-31T09:00", "2027-05-31T09:00", "2027-07-31T09:00"}},
		{"monthly on the last day", "FREQ=MONTHLY;BYMONTHDAY=-1", "2028-01-31", "UTC",
			[]string{"2028-02-29", "2028-03-31", "2028-04-30"}},
		{"yearly on February 29 waits for leap years", "FREQ=YEARLY", "2028-02-29", "UTC",
			[]string{"2032-02-29", "2036-02-29"}},
		{"weekly at 9:00 across the US change", "FREQ=WEEKLY;BYDAY=MO", "2026-10-26T09:00", "America/New_York",
			[]string{"2026-11-02T09:00", "2026-11-09T09:00"}},
		{"weekly at 9:00 across the EU change", "FREQ=WEEKLY;BYDAY=MO,WE", "2027-03-24T09:00", "Europe/Berlin",
			[]string{"2027-03-29T09:00", "2027-03-31T09:00"}},
		{"daily in a zone without DST", "FREQ=DAILY;INTERVAL=2", "2026-12-30T18:30", "Asia/Seoul",
			[]string{"2027-01-01T18:30", "2027-01-03T18:30"}},
		{"count ends the series", "FREQ=DAILY;COUNT=3", "2026-12-01", "UTC",
			[]string{"2026-12-02", "2026-12-03"}},
		{"until ends the series", "FREQ=WEEKLY;UNTIL=20261215T225959Z", "2026-12-01T09:00", "UTC",
			[]string{"2026-12-08T09:00", "2026-12-15T09:00"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			loc := zone(c.zone)
			cur := c.start
			for _, want := range c.want {
				next, ok := nextOccurrence(c.rule, c.start, cur, loc, never)
				is.True(ok)          // the series goes on
				is.Equal(next, want) // the next wall time
				cur = next
			}
			if c.rule == "FREQ=DAILY;COUNT=3" || c.rule == "FREQ=WEEKLY;UNTIL=20261215T225959Z" {
				_, ok := nextOccurrence(c.rule, c.start, cur, loc, never)
				is.True(!ok) // and then it ends
			}
		})
	}

	t.Run("the instant follows the zone's offset", func(t *testing.T) {
		is := is.New(t)
		ny := zone("America/New_York")
		before, _ := parseWall("2026-10-26T09:00", ny)
		after, _ := parseWall("2026-11-02T09:00", ny)
		is.Equal(before.UTC().Hour(), 13) // EDT, UTC-4
		is.Equal(after.UTC().Hour(), 14)  // EST, UTC-5
		berlin := zone("Europe/Berlin")
		b1, _ := parseWall("2027-03-24T09:00", berlin)
		b2, _ := parseWall("2027-03-29T09:00", berlin)
		is.Equal(b1.UTC().Hour(), 8) // CET
		is.Equal(b2.UTC().Hour(), 7) // CEST
	})

	t.Run("a series finished late skips the missed occurrences", func(t *testing.T) {
		is := is.New(t)
		loc := zone("UTC")
		late := time.Date(2026, 12, 17, 10, 0, 0, 0, time.UTC) // a Thursday
		next, ok := nextOccurrence("FREQ=WEEKLY;BYDAY=MO", "2026-11-30T09:00", "2026-11-30T09:00", loc, late)
		is.True(ok)
		is.Equal(next, "2026-12-21T09:00")
	})
}

func TestNormalizeRecurrence(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                               "",
		"rrule:freq=weekly;byday=mo,we":  "FREQ=WEEKLY;BYDAY=MO,WE",
		"FREQ=MONTHLY;BYMONTHDAY=31":     "FREQ=MONTHLY;BYMONTHDAY=31",
		"FREQ=YEARLY;INTERVAL=2;COUNT=5": "FREQ=YEARLY;INTERVAL=2;COUNT=5",
	} {
		t.Run(in, func(t *testing.T) {
			is := is.New(t)
			got, ok := normalizeRecurrence(in)
			is.True(ok)
			is.Equal(got, want)
		})
	}
	for _, bad := range []string{"FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=XX", "BYDAY=MO", "FREQ=DAILY;BYHOUR=9", "DTSTART:20260101T000000Z\nFREQ=DAILY", "FREQ=MONTHLY;BYMONTHDAY=32"} {
		t.Run("refuses "+bad, func(t *testing.T) {
			is := is.New(t)
			_, ok := normalizeRecurrence(bad)
			is.True(!ok)
		})
	}
}

func TestNextAnniversary(t *testing.T) {
	t.Parallel()
	today := time.Date(2027, 2, 20, 0, 0, 0, 0, time.UTC)
	for date, want := range map[string]struct {
		on    string
		years int
	}{
		"--02-25":    {"2027-02-25", 0},  // no year: no age
		"1990-02-25": {"2027-02-25", 37}, // turns 37
		"--02-29":    {"2027-02-28", 0},  // leap day, kept on the 28th
		"--01-10":    {"2028-01-10", 0},  // passed: next year
		"--02-20":    {"2027-02-20", 0},  // today
	} {
		t.Run(date, func(t *testing.T) {
			is := is.New(t)
			on, years := nextAnniversary(date, today)
			is.Equal(on.Format(wallDay), want.on)
			is.Equal(years, want.years)
		})
	}
}
