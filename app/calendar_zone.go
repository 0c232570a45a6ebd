package app

import (
	"fmt"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"
)

// A feed's repeating tasks never end, so the VTIMEZONE of their zone must
// place every occurrence, also in 2040: a client that trusts the file
// (ical.js, Outlook) uses its offsets, not the IANA name. The zone's
// present rules are written as yearly RRULEs found from Go's own
// transitions (America/New_York: 2SU in March, 1SU in November), and the
// changes before those rules took hold, back to the earliest event, one
// by one.

// zoneChange is one change of a zone's offset.
type zoneChange struct {
	at       time.Time // the instant
	from, to int       // offsets, seconds east of UTC
	name     string    // abbreviation after the change
	dst      bool
}

// wall is when the change happens on the clock it ends, the way a
// VTIMEZONE's DTSTART is written; the UTC fields carry the wall clock.
func (c zoneChange) wall() time.Time {
	return c.at.UTC().Add(time.Duration(c.from) * time.Second)
}

// zoneChanges lists loc's changes in [a, b). Where the zone follows its
// rule string, Go also bounds a period at each year's end, where nothing
// changes; those are skipped.
func zoneChanges(loc *time.Location, a, b time.Time) []zoneChange {
	var out []zoneChange
	for t := a.In(loc); ; {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(b) {
			return out
		}
		if !end.After(t) { // Go (1.26) gives a year's end again as the end of a leap year's last period: step past it
			t = t.Add(time.Hour)
			continue
		}
		fromName, from := t.Zone()
		next := end.In(loc)
		name, to := next.Zone()
		if from != to || fromName != name || t.IsDST() != next.IsDST() {
			out = append(out, zoneChange{at: end, from: from, to: to, name: name, dst: next.IsDST()})
		}
		t = next
	}
}

func yearChanges(loc *time.Location, year int) []zoneChange {
	return zoneChanges(loc, time.Date(year, 1, 1, 0, 0, 0, 0, loc), time.Date(year+1, 1, 1, 0, 0, 0, 0, loc))
}

// yearlyRule is how one of a zone's yearly changes falls: day gives its
// day of month in a year.
type yearlyRule struct {
	rrule string
	day   func(year int) int
}

var weekdayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func firstDays(month time.Month) int {
	if month == time.February {
		return 28
	}
	return time.Date(2001, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ruleCandidates are the rules a change on wall's day may follow, the
// plainest first: the nth weekday, the last weekday, a fixed day, a
// weekday within a week of days (Israel's Friday before the last Sunday).
func ruleCandidates(wall time.Time) []yearlyRule {
	m, d, wd := wall.Month(), wall.Day(), wall.Weekday()
	head := fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;", int(m))
	weekdayFrom := func(y, first int) int {
		return first + (int(wd)-int(time.Date(y, m, first, 0, 0, 0, 0, time.UTC).Weekday())+7)%7
	}
	var out []yearlyRule
	if n := (d-1)/7 + 1; n <= 4 {
		out = append(out, yearlyRule{head + fmt.Sprintf("BYDAY=%d%s", n, weekdayCodes[wd]), func(y int) int { return weekdayFrom(y, 7*n-6) }})
	}
	if d+7 > time.Date(wall.Year(), m+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		out = append(out, yearlyRule{head + "BYDAY=-1" + weekdayCodes[wd], func(y int) int {
			return weekdayFrom(y, time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()-6)
		}})
	}
	out = append(out, yearlyRule{head + fmt.Sprintf("BYMONTHDAY=%d", d), func(int) int { return d }})
	for first := max(1, d-6); first <= d && first+6 <= firstDays(m); first++ {
		days := make([]string, 7)
		for i := range days {
			days[i] = fmt.Sprint(first + i)
		}
		out = append(out, yearlyRule{head + "BYDAY=" + weekdayCodes[wd] + ";BYMONTHDAY=" + strings.Join(days, ","), func(y int) int { return weekdayFrom(y, first) }})
	}
	return out
}

// follows tells whether change c of a year is the one base's rule makes.
func follows(c, base zoneChange, rule yearlyRule) bool {
	w, b := c.wall(), base.wall()
	return c.from == base.from && c.to == base.to && c.dst == base.dst && w.Month() == b.Month() && w.Day() == rule.day(w.Year()) &&
		w.Hour() == b.Hour() && w.Minute() == b.Minute() && w.Second() == b.Second()
}

// yearFollows tells whether a year's changes are exactly those of the rules.
func yearFollows(changes, base []zoneChange, rules []yearlyRule) bool {
	if len(changes) != len(base) {
		return false
	}
	for i := range changes {
		if !follows(changes[i], base[i], rules[i]) {
			return false
		}
	}
	return true
}

// rulesCheckedYears is how far ahead a rule must hold: long enough for
// every weekday and leap year to come round.
const rulesCheckedYears = 14

// yearlyRules finds rules for the changes of year that hold for the years
// after it; false when some change follows none (Morocco's Ramadan).
func yearlyRules(loc *time.Location, year int) ([]zoneChange, []yearlyRule, bool) {
	base := yearChanges(loc, year)
	rules := make([]yearlyRule, len(base))
	for i, c := range base {
		found := false
		for _, rule := range ruleCandidates(c.wall()) {
			ok := true
			for y := year + 1; y <= year+rulesCheckedYears && ok; y++ {
				later := yearChanges(loc, y)
				ok = len(later) == len(base) && follows(later[i], c, rule)
			}
			if ok {
				rules[i], found = rule, true
				break
			}
		}
		if !found {
			return nil, nil, false
		}
	}
	return base, rules, true
}

// zoneEnd bounds the changes listed one by one for a zone whose future
// follows no yearly rule.
var zoneEnd = time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)

// vtimezone describes loc for events from earliest on: the changes since
// the offset earliest falls in, up to the zone's present yearly rules,
// then those rules as RRULEs, so no occurrence, however late, falls
// outside it.
func vtimezone(name string, loc *time.Location, earliest, now time.Time) *ical.VTimezone {
	tz := ical.NewTimezone(name)
	periodStart, _ := earliest.In(loc).ZoneBounds()
	if periodStart.IsZero() { // the offset earliest has was the zone's first
		name, offset := earliest.In(loc).Zone()
		addObservance(tz, zoneChange{at: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(offset) * time.Second),
			from: offset, to: offset, name: name, dst: earliest.In(loc).IsDST()}, "")
	}
	for _, year := range []int{now.Year(), now.Year() + 1} {
		base, rules, ok := yearlyRules(loc, year)
		if !ok || len(base) == 0 {
			continue
		}
		// The rules took hold in the first year of the run that follows
		// them; going back to the year before earliest is enough.
		first := year
		for y := year - 1; y >= earliest.Year()-1 && yearFollows(yearChanges(loc, y), base, rules); y-- {
			first = y
		}
		firstChanges := yearChanges(loc, first)
		for _, c := range zoneChanges(loc, periodStart.Add(-time.Second), firstChanges[0].at) {
			addObservance(tz, c, "")
		}
		for i, c := range firstChanges {
			addObservance(tz, c, rules[i].rrule)
		}
		return tz
	}
	// No yearly rule: a zone without daylight saving time, whose changes
	// end (Asia/Seoul, after 1988), or one whose changes follow no rule,
	// listed one by one up to zoneEnd.
	for _, c := range zoneChanges(loc, periodStart.Add(-time.Second), zoneEnd) {
		addObservance(tz, c, "")
	}
	return tz
}

// addObservance adds one STANDARD or DAYLIGHT block starting at c.
func addObservance(tz *ical.VTimezone, c zoneChange, rrule string) {
	base := ical.ComponentBase{}
	base.SetProperty(ical.ComponentPropertyDtStart, c.wall().Format("20060102T150405"))
	if rrule != "" {
		base.SetProperty(ical.ComponentPropertyRrule, rrule)
	}
	base.SetProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom), utcOffset(c.from))
	base.SetProperty(ical.ComponentProperty(ical.PropertyTzoffsetto), utcOffset(c.to))
	base.SetProperty(ical.ComponentProperty(ical.PropertyTzname), c.name)
	if c.dst {
		tz.Components = append(tz.Components, &ical.Daylight{ComponentBase: base})
	} else {
		tz.Components = append(tz.Components, &ical.Standard{ComponentBase: base})
	}
}

// utcOffset writes seconds east of UTC as RFC 5545's UTC-OFFSET (+hhmm,
// with seconds only when there are some).
func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	s := fmt.Sprintf("%s%02d%02d", sign, seconds/3600, seconds/60%60)
	if seconds%60 != 0 {
		s += fmt.Sprintf("%02d", seconds%60)
	}
	return s
}
