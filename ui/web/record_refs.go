package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// taskRow is one task as the Today view, the task list and record pages
// show it: with its due in the reader's words and its records named.
type taskRow struct {
	Task     app.Task
	Due      string // "" when undated
	Late     bool   // past its due moment (or day)
	Snoozed  string // until when, when snoozed
	Assignee string
	Links    []linkView
	Return   string // where its buttons come back to
	CanWrite bool
	// LogURL opens the log-activity form for the task's first record, with
	// the task to complete once the activity is logged.
	LogURL string
}

// linkView is a linked record ready to show.
type linkView struct {
	Entity string
	ID     string
	Name   string
	URL    string
}

// recordURL is the page of a linked record; "" for a kind without pages.
func (s *site) recordURL(ref app.RecordRef) string {
	name := map[string]string{"contact": "contact.show", "company": "company.show", "deal": "deal.show"}[ref.Entity]
	if name == "" || s.views.router.Get(name) == nil {
		return ""
	}
	u, err := s.views.url(name, "id", ref.ID)
	if err != nil {
		return ""
	}
	return u
}

// linkViews names refs, in the order given.
func (s *site) linkViews(r *http.Request, refs []app.RecordRef) ([]linkView, error) {
	names, err := s.app.RecordNames(r.Context(), request.CurrentUser(r), refs)
	if err != nil {
		return nil, err
	}
	out := make([]linkView, 0, len(refs))
	for _, ref := range refs {
		out = append(out, linkView{Entity: ref.Entity, ID: ref.ID, Name: names[ref], URL: s.openableURL(ref, names)})
	}
	return out, nil
}

// taskRows prepares tasks for display; returnTo is the page their buttons
// come back to.
func (s *site) taskRows(r *http.Request, lang string, team recordTeam, tasks []app.Task, returnTo string) ([]taskRow, error) {
	return s.taskRowsOn(r, lang, team, tasks, returnTo, app.RecordRef{})
}

// taskRowsOn is taskRows for the page of the record own, which its rows
// neither name nor link to again (their log form still links it).
func (s *site) taskRowsOn(r *http.Request, lang string, team recordTeam, tasks []app.Task, returnTo string, own app.RecordRef) ([]taskRow, error) {
	user := request.CurrentUser(r)
	loc := app.Location(user)
	var refs []app.RecordRef
	for _, t := range tasks {
		refs = appendOthers(refs, t.Links, own)
	}
	names, err := s.app.RecordNames(r.Context(), user, refs)
	if err != nil {
		return nil, err
	}
	now := s.app.Now()
	canWrite := app.CanDo(user, app.AreaActivities, app.LevelEdit)
	out := make([]taskRow, len(tasks))
	for i, t := range tasks {
		row := taskRow{Task: t, Return: returnTo, CanWrite: canWrite, Assignee: team.Name(t.AssigneeID)}
		switch {
		case !t.DueAt.IsZero():
			row.Due = s.dateText(lang, t.DueAt, loc, true)
			row.Late = t.DueAt.Before(now)
		case t.DueDate != "":
			d, _ := time.ParseInLocation("2006-01-02", t.DueDate, loc)
			row.Due = s.dateText(lang, d, loc, false)
			row.Late = d.AddDate(0, 0, 1).Before(now)
		}
		if !t.SnoozedUntil.IsZero() && !t.Done() {
			row.Snoozed = s.dateText(lang, t.SnoozedUntil, loc, true)
			row.Late = t.SnoozedUntil.Before(now)
		}
		row.Late = row.Late && !t.Done()
		for _, ref := range t.Links {
			if ref != own {
				row.Links = append(row.Links, linkView{Entity: ref.Entity, ID: ref.ID, Name: names[ref], URL: s.openableURL(ref, names)})
			}
		}
		log := "?task=" + t.ID
		for _, ref := range t.Links {
			log += "&" + ref.Entity + "=" + ref.ID
		}
		if len(t.Links) > 0 {
			row.LogURL = s.recordPath("activity.new") + log
		}
		out[i] = row
	}
	return out, nil
}

// appendOthers adds to refs those of links that are not own and not in
// refs yet: the records a page names beside its own, each asked for once.
func appendOthers(refs, links []app.RecordRef, own app.RecordRef) []app.RecordRef {
	for _, l := range links {
		if l != own && !slices.Contains(refs, l) {
			refs = append(refs, l)
		}
	}
	return refs
}

// dateText shows a day (and time) in the reader's language and zone,
// with the weekday, which is what people plan by.
func (s *site) dateText(lang string, t time.Time, loc *time.Location, withTime bool) string {
	t = t.In(loc)
	text := t.Format(s.catalog.T(lang, "format.date")) + " (" + s.catalog.T(lang, "weekday."+strings.ToLower(t.Weekday().String()[:3])) + ")"
	if withTime {
		text += " " + t.Format("15:04")
	}
	return text
}

// returnPath keeps a post-action redirect on this site; def when unsafe.
func returnPath(p, def string) string {
	if p == "" || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return def
	}
	return p
}

// parseRefs reads "entity:id" values (the link checkboxes and hidden
// inputs of the task and activity forms).
func parseRefs(values []string) []app.RecordRef {
	var out []app.RecordRef
	for _, v := range values {
		if entity, id, ok := strings.Cut(v, ":"); ok && id != "" {
			out = append(out, app.RecordRef{Entity: entity, ID: id})
		}
	}
	return out
}

// queryRefs reads ?contact=…&company=…&deal=… (each may repeat).
func queryRefs(r *http.Request) []app.RecordRef {
	var out []app.RecordRef
	for _, entity := range app.LinkEntities {
		for _, id := range r.URL.Query()[entity] {
			if id != "" {
				out = append(out, app.RecordRef{Entity: entity, ID: id})
			}
		}
	}
	return out
}

// refValue is the form value of a link, "entity:id".
func refValue(ref app.RecordRef) string { return ref.Entity + ":" + ref.ID }

// Value is the link's form value.
func (l linkView) Value() string { return l.Entity + ":" + l.ID }
