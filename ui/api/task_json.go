package api

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"rolo/app"
)

// LinkIDs are a task's or an activity's linked records, by kind.
type LinkIDs struct {
	ContactIDs []string `json:"contact_ids"`
	CompanyIDs []string `json:"company_ids"`
	DealIDs    []string `json:"deal_ids"`
}

func linkIDs(refs []app.RecordRef) LinkIDs {
	l := LinkIDs{ContactIDs: []string{}, CompanyIDs: []string{}, DealIDs: []string{}}
	for _, r := range refs {
		switch r.Entity {
		case "contact":
			l.ContactIDs = append(l.ContactIDs, r.ID)
		case "company":
			l.CompanyIDs = append(l.CompanyIDs, r.ID)
		case "deal":
			l.DealIDs = append(l.DealIDs, r.ID)
		}
	}
	return l
}

// linkBody reads the *_ids members a body gives; absent kinds keep what
// the record had.
type linkBody struct {
	ContactIDs []string `json:"contact_ids"`
	CompanyIDs []string `json:"company_ids"`
	DealIDs    []string `json:"deal_ids"`
}

func (b linkBody) apply(old []app.RecordRef, m members) []app.RecordRef {
	given := map[string][]string{}
	if m.has("contact_ids") {
		given["contact"] = b.ContactIDs
	}
	if m.has("company_ids") {
		given["company"] = b.CompanyIDs
	}
	if m.has("deal_ids") {
		given["deal"] = b.DealIDs
	}
	var out []app.RecordRef
	for _, r := range old {
		if _, replaced := given[r.Entity]; !replaced {
			out = append(out, r)
		}
	}
	for _, entity := range app.LinkEntities {
		for _, id := range given[entity] {
			out = append(out, app.RecordRef{Entity: entity, ID: id})
		}
	}
	return out
}

// TaskJSON is a task as the API shows it. A timed task has due_at (RFC
// 3339, UTC) and an all-day task due_date; an undated one neither.
type TaskJSON struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Notes        string     `json:"notes"`
	DueAt        *time.Time `json:"due_at"`
	DueDate      *string    `json:"due_date"`
	TimeZone     string     `json:"time_zone"`
	AssigneeID   *string    `json:"assignee_id"`
	Priority     string     `json:"priority"`
	Done         bool       `json:"done"`
	DoneAt       *time.Time `json:"done_at"`
	Recurrence   *string    `json:"recurrence"`
	SeriesID     *string    `json:"series_id"`
	SnoozedUntil *time.Time `json:"snoozed_until"`
	// RemindMinutes is how long before due_at the task rings (calendar
	// alarm, browser banner); null: it does not. Left out of a new task,
	// the assignee's default from their profile.
	RemindMinutes *int `json:"remind_minutes"`
	LinkIDs
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// NewTaskJSON shapes a task for the API.
func NewTaskJSON(t app.Task) TaskJSON {
	return TaskJSON{ID: t.ID, Title: t.Title, Notes: t.Notes, DueAt: timePtr(t.DueAt), DueDate: nullable(t.DueDate), TimeZone: t.TimeZone,
		AssigneeID: nullable(t.AssigneeID), Priority: t.Priority, Done: t.Done(), DoneAt: timePtr(t.DoneAt), Recurrence: nullable(t.Recurrence),
		SeriesID: nullable(t.SeriesID), SnoozedUntil: timePtr(t.SnoozedUntil), LinkIDs: linkIDs(t.Links), Version: t.Version,
		CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC(), RemindMinutes: remindPtr(t.RemindMinutes)}
}

// remindPtr is a lead time for JSON: null when the task does not ring.
func remindPtr(n int) *int {
	if n == app.NoReminder {
		return nil
	}
	return &n
}

// taskBody is what POST and PATCH accept: TaskJSON's names; the read-only
// ones are accepted and ignored, so a fetched task can be sent back.
type taskBody struct {
	ID            json.RawMessage `json:"id"`
	Title         string          `json:"title"`
	Notes         string          `json:"notes"`
	DueAt         *string         `json:"due_at"`
	DueDate       *string         `json:"due_date"`
	TimeZone      string          `json:"time_zone"`
	AssigneeID    *string         `json:"assignee_id"`
	Priority      string          `json:"priority"`
	Done          *bool           `json:"done"`
	DoneAt        json.RawMessage `json:"done_at"`
	Recurrence    *string         `json:"recurrence"`
	SeriesID      json.RawMessage `json:"series_id"`
	SnoozedUntil  json.RawMessage `json:"snoozed_until"`
	RemindMinutes *int            `json:"remind_minutes"`
	linkBody
	Version   *int            `json:"version"`
	CreatedAt json.RawMessage `json:"created_at"`
	UpdatedAt json.RawMessage `json:"updated_at"`
}

func (b taskBody) version() *int { return b.Version }

// apply changes in by the members the body names; problems are reported
// by field.
func (b taskBody) apply(in *app.TaskInput, m members) map[string]string {
	p := map[string]string{}
	set(m, "title", &in.Title, b.Title)
	set(m, "notes", &in.Notes, b.Notes)
	set(m, "time_zone", &in.TimeZone, b.TimeZone)
	set(m, "priority", &in.Priority, b.Priority)
	if m.has("assignee_id") {
		in.AssigneeID = deref(b.AssigneeID)
		in.Unassigned = in.AssigneeID == "" // null: nobody, on create
	}
	set(m, "recurrence", &in.Recurrence, deref(b.Recurrence))
	if m.has("due_date") {
		in.DueDate, in.DueTime, in.DueAt = deref(b.DueDate), "", time.Time{}
	}
	if m.has("due_at") {
		in.DueAt = time.Time{}
		if s := deref(b.DueAt); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				p["due_at"] = "error.date_invalid"
			}
			in.DueAt, in.DueDate = t, ""
		}
	}
	if m.has("remind_minutes") {
		n := app.NoReminder // null: no reminder
		if b.RemindMinutes != nil {
			n = *b.RemindMinutes
		}
		in.RemindMinutes = &n
	}
	in.Links = b.linkBody.apply(in.Links, m)
	return p
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// parseMoment reads an RFC 3339 time, or a YYYY-MM-DD day (its midnight in
// loc), from a query parameter.
func parseMoment(v string, loc *time.Location) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, true
	}
	t, err := time.ParseInLocation("2006-01-02", v, loc)
	return t, err == nil
}

// queryPeriod reads the moments the parameters after and before name; one
// it cannot read is a problem in p.
func queryPeriod(v url.Values, loc *time.Location, after, before string, p map[string]string) (from, to time.Time) {
	var ok bool
	if from, ok = parseMoment(v.Get(after), loc); !ok {
		p[after] = "error.date_invalid"
	}
	if to, ok = parseMoment(v.Get(before), loc); !ok {
		p[before] = "error.date_invalid"
	}
	return from, to
}

// queryRecord reads the linked-record filter (contact=, company= or deal=).
func queryRecord(v url.Values) app.RecordRef {
	for _, entity := range app.LinkEntities {
		if id := v.Get(entity); id != "" {
			return app.RecordRef{Entity: entity, ID: id}
		}
	}
	return app.RecordRef{}
}

// queryLimit reads limit; an unreadable one is out of range, so the app
// names it.
func queryLimit(v url.Values) int {
	s := v.Get("limit")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return -1
	}
	return n
}

// queryBool reads true/false; ok is false for anything else.
func queryBool(s string) (*bool, bool) {
	switch strings.ToLower(s) {
	case "":
		return nil, true
	case "true", "1":
		t := true
		return &t, true
	case "false", "0":
		f := false
		return &f, true
	}
	return nil, false
}
