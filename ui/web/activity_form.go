package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// activityForm is the log-activity form as typed, times in the user's zone.
type activityForm struct {
	Version    int
	TypeID     string
	OccurredAt string // datetime-local: 2026-11-27T14:30
	Duration   string // minutes
	Outcome    string
	Notes      string
	Links      []string // entity:id
	TaskID     string   // a task this activity answers: completed once logged
	FollowUp   bool     // go on to a follow-up task
	Return     string
}

const datetimeLocal = "2006-01-02T15:04"

func readActivityForm(v url.Values) activityForm {
	version, _ := strconv.Atoi(v.Get("version"))
	return activityForm{Version: version, TypeID: v.Get("type"), OccurredAt: strings.TrimSpace(v.Get("occurred_at")),
		Duration: strings.TrimSpace(v.Get("duration_minutes")), Outcome: v.Get("outcome"), Notes: v.Get("notes"),
		Links: v["links"], TaskID: v.Get("task"), FollowUp: v.Get("follow_up") != "", Return: v.Get("return")}
}

// input turns the form into the app's input; unreadable values are
// reported under their fields.
func (f activityForm) input(loc *time.Location) (app.ActivityInput, map[string]string) {
	in := app.ActivityInput{TypeID: f.TypeID, Outcome: f.Outcome, Body: f.Notes, Links: parseRefs(f.Links)}
	p := map[string]string{}
	if f.OccurredAt != "" {
		t, err := time.ParseInLocation(datetimeLocal, f.OccurredAt, loc)
		if err != nil {
			p["occurred_at"] = "error.date_invalid"
		}
		in.OccurredAt = t
	}
	if f.Duration != "" {
		n, err := strconv.Atoi(f.Duration)
		if err != nil {
			p["duration_minutes"] = "error.duration_invalid"
		}
		in.DurationMinutes = n
	}
	if len(p) > 0 {
		return in, p
	}
	return in, nil
}

// HasLink tells the link checkboxes which are ticked.
func (f activityForm) HasLink(value string) bool { return slices.Contains(f.Links, value) }

// activityFormPage logs or edits an activity.
type activityFormPage struct {
	Base
	ID       string
	Form     activityForm
	Types    []activityTypeView
	Links    []linkView
	LinkPick recordPicker
	Errors   map[string]string
	Problem  string
	Task     *app.Task
}

// activityTypeView is a type as menus and timelines show it.
type activityTypeView struct {
	ID          string
	Name        string
	Icon        string
	Color       string
	HasDuration bool
	Archived    bool
	Builtin     bool
}

// activityTypes names the types in the reader's language.
func (s *site) activityTypes(r *http.Request, lang string) ([]activityTypeView, error) {
	types, err := s.app.ActivityTypes(r.Context(), request.CurrentUser(r))
	if err != nil {
		return nil, err
	}
	out := make([]activityTypeView, len(types))
	for i, t := range types {
		out[i] = activityTypeView{ID: t.ID, Name: s.catalog.ActivityTypeName(lang, t), Icon: t.Icon, Color: t.Color, HasDuration: t.HasDuration, Archived: t.Archived(), Builtin: t.Builtin}
	}
	return out, nil
}

func (s *site) renderActivityForm(w http.ResponseWriter, r *http.Request, status int, page activityFormPage) {
	var err error
	if page.Types, err = s.activityTypes(r, page.Lang); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	refs := parseRefs(page.Form.Links)
	// Offer the companies of linked contacts too: a call with a person is
	// usually news for their company's page.
	for _, ref := range refs {
		if ref.Entity != "contact" {
			continue
		}
		if c, err := s.app.Contact(r.Context(), page.User, ref.ID); err == nil && c.CompanyID != "" {
			co := app.RecordRef{Entity: "company", ID: c.CompanyID}
			if !slices.Contains(refs, co) {
				refs = append(refs, co)
			}
		}
	}
	if page.Links, err = s.linkViews(r, refs); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if page.LinkPick, err = s.linkPicker(r, page.Errors); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if page.Form.TaskID != "" {
		if t, err := s.app.Task(r.Context(), page.User, page.Form.TaskID); err == nil {
			page.Task = &t
		}
	}
	s.views.render(w, r, status, "activity_form", page.Lang, page)
}
