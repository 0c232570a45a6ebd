package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// recordTimeline is the main column of a record page: the log-activity
// form, then activities and changes merged newest first, a page at a time.
type recordTimeline struct {
	Record   app.RecordRef
	Return   string // the record page, where forms come back to
	Items    []timelineItem
	OlderURL string // the next (older) page; "" on the last
	NewerURL string // back to the newest page; "" on it
	Types    []activityTypeView
	Now      string    // the log form's default time, in the reader's zone
	Also     *linkView // a record the log form offers to link too (a contact's company)
	CanWrite bool
	Drop     *emailDropView // where .eml files are dropped; nil when email logging is off
	// ItemsHTML is the whole list of entries written in Go, when none is
	// a logged email (writeTimelineItems); "" leaves them to the template.
	ItemsHTML template.HTML
}

// timelineItem is an activity or a change; exactly one is set.
type timelineItem struct {
	At       time.Time
	Activity *activityItem
	Change   *historyItem
	HTML     template.HTML // the entry written in Go, but for a logged email (writeTimelineItems)
}

// activityItem is an activity as a timeline shows it.
type activityItem struct {
	ID       string
	At       time.Time
	Type     activityTypeView
	Outcome  string
	Body     string
	Who      string
	Duration int
	Others   []linkView // the other records it is linked to
	Email    *emailView // set for a logged email message
}

// timelinePageSize is how many entries a record page shows at once.
const timelinePageSize = 25

// recordTimeline loads one page of ref's timeline (?timeline=CURSOR),
// showing its changes the way contact and company pages do.
func (s *site) recordTimeline(r *http.Request, lang string, team recordTeam, ref app.RecordRef, pagePath string) (recordTimeline, error) {
	return s.recordTimelineWith(r, lang, team, ref, pagePath, func(entries []app.AuditEntry) ([]historyItem, error) {
		return s.historyItems(r, lang, entries)
	})
}

// recordTimelineWith is recordTimeline for a kind of record whose changes
// need their own words (a deal's stages and pipelines): history turns its
// audit entries into timeline items, one for one.
func (s *site) recordTimelineWith(r *http.Request, lang string, team recordTeam, ref app.RecordRef, pagePath string,
	history func([]app.AuditEntry) ([]historyItem, error)) (recordTimeline, error) {
	user := request.CurrentUser(r)
	cursor := r.URL.Query().Get("timeline")
	page, err := s.app.Timeline(r.Context(), user, ref, cursor, timelinePageSize)
	if err != nil {
		return recordTimeline{}, err
	}
	types, err := s.activityTypes(r, lang)
	if err != nil {
		return recordTimeline{}, err
	}
	byID := map[string]activityTypeView{}
	tl := recordTimeline{Record: ref, Return: pagePath, CanWrite: app.CanDo(user, app.AreaActivities, app.LevelCreate),
		Now: s.app.Now().In(app.Location(user)).Format(datetimeLocal)}
	for _, t := range types {
		byID[t.ID] = t
		if !t.Archived {
			tl.Types = append(tl.Types, t)
		}
	}
	var refs []app.RecordRef
	var changes []app.AuditEntry
	for _, item := range page.Items {
		if item.Activity != nil {
			refs = appendOthers(refs, item.Activity.Links, ref) // the page's own record is not named beside it
		} else {
			changes = append(changes, *item.Change)
		}
	}
	names, err := s.app.RecordNames(r.Context(), user, refs)
	if err != nil {
		return recordTimeline{}, err
	}
	changed, err := history(changes)
	if err != nil {
		return recordTimeline{}, err
	}
	for _, item := range page.Items {
		if item.Activity == nil {
			h := changed[0]
			changed = changed[1:]
			tl.Items = append(tl.Items, timelineItem{At: item.At, Change: &h})
			continue
		}
		a := item.Activity
		view := &activityItem{ID: a.ID, At: a.OccurredAt, Type: byID[a.TypeID], Outcome: a.Outcome, Body: a.Body, Who: team.Name(a.UserID), Duration: a.DurationMinutes}
		for _, l := range a.Links {
			if l != ref {
				view.Others = append(view.Others, linkView{Entity: l.Entity, ID: l.ID, Name: names[l], URL: s.openableURL(l, names)})
			}
		}
		tl.Items = append(tl.Items, timelineItem{At: item.At, Activity: view})
	}
	if err := s.addEmails(r, &tl); err != nil {
		return recordTimeline{}, err
	}
	if err := s.views.writeTimelineItems(lang, app.Location(user), &tl); err != nil {
		return recordTimeline{}, err
	}
	if page.NextCursor != "" {
		tl.OlderURL = pagePath + "?" + url.Values{"timeline": {page.NextCursor}}.Encode() + "#timeline"
	}
	if cursor != "" {
		tl.NewerURL = pagePath + "#timeline"
	}
	return tl, nil
}

// recordTasks are a record's open tasks, soonest first, for its side card.
func (s *site) recordTasks(r *http.Request, lang string, team recordTeam, ref app.RecordRef, returnTo string) ([]taskRow, error) {
	open := false
	list, err := s.app.ListTasks(r.Context(), request.CurrentUser(r), app.TaskQuery{Record: ref, Done: &open, Limit: 20})
	if err != nil {
		return nil, err
	}
	return s.taskRowsOn(r, lang, team, list.Tasks, returnTo, ref) // the record's own page need not name it again
}

// keepInTouchView is a contact's cadence for its page.
type keepInTouchView struct {
	Days    int
	Due     string
	Overdue bool
	Who     string
}

func (s *site) keepInTouchView(r *http.Request, lang string, team recordTeam, contactID string) (*keepInTouchView, error) {
	user := request.CurrentUser(r)
	k, ok, err := s.app.KeepInTouchOf(r.Context(), user, contactID)
	if err != nil || !ok {
		return nil, err
	}
	return &keepInTouchView{Days: k.EveryDays, Due: s.dateText(lang, k.DueAt, app.Location(user), false),
		Overdue: k.DueAt.Before(s.app.Now()), Who: team.Name(k.UserID)}, nil
}
