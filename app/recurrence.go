package app

import (
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Local wall-clock layouts of a task's due: a timed task's minute, or an
// all-day task's day. Recurrence works on these, in the task's zone, so a
// 9:00 weekly task stays at 9:00 when daylight-saving time starts or ends.
const (
	wallMinute = "2006-01-02T15:04"
	wallDay    = "2006-01-02"
)

// recurrenceFreqs are the frequencies a task may repeat at.
var recurrenceFreqs = map[rrule.Frequency]bool{rrule.DAILY: true, rrule.WEEKLY: true, rrule.MONTHLY: true, rrule.YEARLY: true}

// normalizeRecurrence checks an RRULE (with or without the "RRULE:"
// prefix, without DTSTART) and returns it in its canonical spelling, or
// ok=false. "" means no recurrence.
func normalizeRecurrence(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "RRULE:")
	if s == "" {
		return "", true
	}
	if len(s) > 300 || strings.ContainsAny(s, "\r\n") || strings.Contains(s, "DTSTART") {
		return "", false
	}
	opt, err := rrule.StrToROptionInLocation(s, time.UTC)
	if err != nil || !recurrenceFreqs[opt.Freq] || opt.Interval < 0 || opt.Interval > 1000 || opt.Count < 0 || opt.Count > 10000 {
		return "", false
	}
	if len(opt.Byhour)+len(opt.Byminute)+len(opt.Bysecond)+len(opt.Byeaster) > 0 {
		return "", false // a task repeats on days; its time of day is its due time
	}
	if _, err := rrule.NewRRule(*opt); err != nil {
		return "", false
	}
	return opt.RRuleString(), true
}

// parseWall reads a local wall time (minute or day) in loc.
func parseWall(s string, loc *time.Location) (time.Time, bool) {
	layout := wallMinute
	if len(s) == len(wallDay) {
		layout = wallDay
	}
	t, err := time.ParseInLocation(layout, s, loc)
	return t, err == nil
}

// formatWall writes t in loc as a wall time, a day for all-day tasks.
func formatWall(t time.Time, loc *time.Location, allDay bool) string {
	if allDay {
		return t.In(loc).Format(wallDay)
	}
	return t.In(loc).Format(wallMinute)
}

// nextOccurrence is the first occurrence of rule (a series that started at
// seriesStart, a wall time in loc) after both the current occurrence and
// the moment notBefore: a weekly task finished late does not come back
// for the weeks already missed. ok is false when the series has ended.
func nextOccurrence(rule, seriesStart, current string, loc *time.Location, notBefore time.Time) (string, bool) {
	start, ok := parseWall(seriesStart, loc)
	if !ok {
		return "", false
	}
	cur, ok := parseWall(current, loc)
	if !ok {
		return "", false
	}
	opt, err := rrule.StrToROptionInLocation(rule, loc)
	if err != nil {
		return "", false
	}
	opt.Dtstart = start
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return "", false
	}
	after := cur
	if notBefore.After(after) {
		after = notBefore
	}
	next := r.After(after, false)
	if next.IsZero() {
		return "", false
	}
	return formatWall(next, loc, len(seriesStart) == len(wallDay)), true
}
