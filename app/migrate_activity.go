package app

import (
	"strconv"
	"strings"
	"time"
)

// readActivity reads a row of activities or notes: its type, when it
// happened, how long it took, what it says. Its links and owner are
// settled by the plan. A date that cannot be read leaves the activity
// at the moment of the migration, with a warning; a row with nothing to
// say is refused.
func (m *migration) readActivity(r *migRow, header []string, l migrationLayout) {
	cell := func(names []string) (string, string) {
		i := columnOf(header, names)
		if i < 0 || i >= len(r.cells) {
			return "", ""
		}
		return strings.TrimSpace(r.cells[i]), header[i]
	}
	act := Activity{TypeID: l.activityType}
	if r.kind == "notes" && act.TypeID == "" {
		act.TypeID = "note"
	}
	if act.TypeID == "" {
		v, _ := cell(l.typ)
		act.TypeID = activityTypeOf(v)
	}
	subject, _ := cell(l.subject)
	body, _ := cell(l.body)
	if strings.Contains(body, "<") && strings.Contains(body, ">") {
		body = htmlToText(body) // Pipedrive's notes are HTML
	}
	var problem string
	if act.Outcome, problem = cleanText(subject, maxShortText, false); problem != "" {
		m.warnRow(r, MigrationProblem{Field: header[columnOf(header, l.subject)], Message: problem, Value: subject})
		act.Outcome = ""
	}
	if act.Body, problem = cleanText(body, maxNotes, true); problem != "" {
		m.warnRow(r, MigrationProblem{Field: header[columnOf(header, l.body)], Message: problem, Value: body})
		act.Body = ""
	}
	if act.Outcome == "" && act.Body == "" {
		m.refuse(r, MigrationProblem{Message: "error.migration_activity_empty"})
		return
	}
	date, dateCol := cell(l.date)
	clock, _ := cell(l.clock)
	if at, ok := parseActivityTime(date, clock); ok {
		act.OccurredAt = at
	} else {
		m.warnRow(r, MigrationProblem{Field: dateCol, Message: "error.date_invalid", Value: strings.TrimSpace(date + " " + clock)})
	}
	if act.OccurredAt.IsZero() {
		act.OccurredAt = m.a.now()
	}
	if v, col := cell(l.duration); v != "" {
		if min, ok := parseDuration(v); ok {
			act.DurationMinutes = min
		} else {
			m.warnRow(r, MigrationProblem{Field: col, Message: "error.duration_invalid", Value: v})
		}
	}
	r.act = act
	r.name = foldKey(act.Outcome)
	if v, _ := cell(l.done); notDone(v) {
		r.task = taskOf(act, date != "" && clock == "" && !strings.ContainsAny(date, " T:")) // a day, no time of day
	}
}

// notDone tells a to-do by its status: Pipedrive's "To do", HubSpot's
// "Not started", "In progress", "Waiting"…; an empty status is done.
func notDone(status string) bool {
	switch headerKey(status) {
	case "todo", "0", "false", "no", "notstarted", "inprogress", "waiting", "deferred", "open":
		return true
	}
	return false
}

// taskOf makes an activity not done yet a task due when it was planned:
// on its day when the export gives no time of day.
func taskOf(act Activity, allDay bool) *Task {
	t := &Task{Title: act.Outcome, Notes: act.Body, Priority: "normal"}
	if t.Title == "" {
		t.Title = clipName(strings.SplitN(act.Body, "\n", 2)[0], maxShortText)
	}
	if allDay {
		t.DueDate = act.OccurredAt.Format(time.DateOnly)
	} else {
		t.DueAt = act.OccurredAt
	}
	return t
}

// activityTypeOf maps Pipedrive's activity types onto Rolo's built-in
// ones; a task, a deadline or a type an admin added there is a note here.
func activityTypeOf(t string) string {
	switch k := headerKey(t); k {
	case "call", "meeting", "email":
		return k
	case "lunch":
		return "meeting"
	}
	return "note"
}

// activityTimeLayouts are the moments exports write; a date alone is
// read by parseImportDate.
var activityTimeLayouts = []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"01/02/2006 15:04", "1/2/2006 3:04 PM", "01/02/2006 03:04 PM"}

// parseActivityTime reads a moment (UTC when no zone is written) from a
// date, or a date and a separate time of day. An empty date is ok and
// zero.
func parseActivityTime(date, clock string) (time.Time, bool) {
	if date == "" {
		return time.Time{}, true
	}
	s := date
	if clock != "" {
		s = date + " " + clock
	}
	for _, layout := range activityTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), t.Year() >= 1900 && t.Year() <= 2200
		}
	}
	if d, ok := parseImportDate(date); ok && d != "" && !strings.HasPrefix(d, "--") {
		t, err := time.Parse(time.DateOnly, d)
		if clock != "" {
			if hm, err2 := time.Parse("15:04", clock); err2 == nil {
				t = t.Add(time.Duration(hm.Hour())*time.Hour + time.Duration(hm.Minute())*time.Minute)
			}
		}
		return t, err == nil && t.Year() >= 1900 && t.Year() <= 2200
	}
	return time.Time{}, false
}

// parseDuration reads HH:MM, HH:MM:SS (HubSpot's calls) or minutes.
func parseDuration(s string) (int, bool) {
	parts := strings.Split(s, ":")
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 {
			return 0, false
		}
		n[i] = v
	}
	var minutes int
	switch len(n) {
	case 1:
		minutes = n[0]
	case 2:
		minutes = n[0]*60 + n[1]
	case 3:
		minutes = n[0]*60 + n[1] + (n[2]+59)/60
	default:
		return 0, false
	}
	return minutes, minutes <= maxDurationMin
}
