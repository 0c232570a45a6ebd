package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"rolo/app"
	"rolo/ui/request"
)

// auditPage is the global audit log (admins): who changed what, newest
// first, filtered by kind of record, action and user.
type auditPage struct {
	Base
	Entries  []auditRow
	Filter   auditFilter
	Entities []string
	Actions  []string // suggestions for the action field
	Users    []*app.User
	Older    string // link to the next page, or ""
	Newest   string // link back to the first page, when paged
}

// auditFilter is the audit page's query string.
type auditFilter struct {
	Entity, Action, Actor, Before string
}

// auditRow is one entry, ready to read.
type auditRow struct {
	ID      string
	At      time.Time
	Who     string // "" for the command line or the system
	Action  string // translated, or the raw action name
	Record  string
	Link    string
	Changes []auditChange
	Details []auditDetail
	MergeID string // a merge that an Undo button may reverse
}

type auditChange struct{ Field, From, To string }

type auditDetail struct{ Label, Value string }

// auditEntities are the kinds of record the log can be filtered by.
var auditEntities = []string{"contact", "company", "deal", "pipeline", "stage", "tag", "user", "settings"}

// auditActions are the actions the app records, offered as suggestions.
var auditActions = []string{
	"contact.created", "contact.updated", "contact.deleted", "contact.restored", "contact.purged",
	"company.created", "company.updated", "company.deleted", "company.restored", "company.purged",
	"contact.merged", "contact.merge_undone", "company.merged", "company.merge_undone",
	"deal.created", "deal.updated", "deal.moved", "deal.won", "deal.lost", "deal.reopened", "deal.deleted", "deal.restored", "deal.purged",
	"pipeline.created", "pipeline.updated", "pipeline.reordered", "pipeline.archived", "pipeline.unarchived", "pipeline.deleted",
	"pipeline.restored", "pipeline.purged", "stage.created", "stage.updated", "stage.reordered", "stage.archived", "stage.unarchived",
	"stage.deleted", "stage.restored", "stage.purged",
	"tag.created", "tag.updated", "tag.merged", "tag.deleted",
	"user.created", "user.role_changed", "user.disabled", "user.enabled", "user.unlocked", "user.password_reset",
	"user.profile_updated", "user.password_changed", "user.login", "user.logout",
	"settings.updated",
}

const auditPageSize = 50

// handleAuditLog shows the audit log.
func handleAuditLog(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "audit.title")
		q := r.URL.Query()
		f := auditFilter{Entity: q.Get("entity"), Action: strings.TrimSpace(q.Get("action")), Actor: q.Get("actor"), Before: q.Get("before")}
		action := f.Action
		if action != "" && f.Entity != "" && !strings.Contains(action, ".") {
			action = f.Entity + "." + action // "updated" with contacts chosen means contact.updated
		}
		trail, err := s.app.AuditLog(r.Context(), b.User, app.AuditQuery{Entity: f.Entity, Action: action, ActorID: f.Actor, Before: f.Before, Limit: auditPageSize})
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		users, err := s.app.Users(r.Context(), b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := auditPage{Base: b, Filter: f, Entities: auditEntities, Actions: auditActions, Users: users}
		page.Entries = newAuditReader(s, r, b.Lang, users).rows(trail.Entries)
		if trail.Next != "" {
			page.Older = f.link(trail.Next)
		}
		if f.Before != "" {
			page.Newest = f.link("")
		}
		s.views.render(w, r, http.StatusOK, "audit", b.Lang, page)
	})
}

// link is the audit page with f's filters, on the page before before.
func (f auditFilter) link(before string) string {
	v := url.Values{}
	for k, s := range map[string]string{"entity": f.Entity, "action": f.Action, "actor": f.Actor, "before": before} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if len(v) == 0 {
		return "/settings/audit"
	}
	return "/settings/audit?" + v.Encode()
}

// auditReader turns stored entries into rows a person can read: labels in
// their language, user and company names instead of ids.
type auditReader struct {
	s         *site
	r         *http.Request
	lang      string
	users     map[string]string
	companies map[string]string
	records   map[string]string // names of purged records, from their history
}

func newAuditReader(s *site, r *http.Request, lang string, users []*app.User) *auditReader {
	a := &auditReader{s: s, r: r, lang: lang, users: map[string]string{}, companies: map[string]string{}, records: map[string]string{}}
	for _, u := range users {
		a.users[u.ID] = u.Name
	}
	return a
}

func (a *auditReader) rows(entries []app.AuditEntry) []auditRow {
	out := make([]auditRow, len(entries))
	for i, e := range entries {
		row := auditRow{ID: e.ID, At: e.At, Who: e.ActorName, Action: a.label("audit."+e.Action, e.Action), Record: a.recordName(e)}
		if e.ActorID != "" && row.Who == "" {
			row.Who = e.ActorID
		}
		if e.ActorID == "" && e.Form != "" { // a visitor's submission, not the command line
			row.Who = a.s.catalog.T(a.lang, "record.history.web_form")
		}
		if (e.Entity == "contact" || e.Entity == "company" || e.Entity == "deal") && !strings.HasSuffix(e.Action, ".purged") {
			row.Link, _ = a.s.views.url(e.Entity+".show", "id", e.EntityID)
		}
		for _, field := range sortedHistoryFields(e.Changes) {
			c := e.Changes[field]
			label := a.fieldLabel(field)
			if key := dealFieldKey(e.Entity, field); key != "" {
				label = a.label(key, field) // a deal's title is not a job title
			}
			row.Changes = append(row.Changes, auditChange{Field: label, From: a.value(field, c["from"]), To: a.value(field, c["to"])})
		}
		row.Details = a.details(e)
		if strings.HasSuffix(e.Action, ".merged") {
			var merge struct {
				ID string `json:"merge_id"`
			}
			_ = json.Unmarshal([]byte(e.Details), &merge) // merges before undo existed have none
			row.MergeID = merge.ID
		}
		out[i] = row
	}
	return out
}

// label translates key, or falls back when the catalog lacks it (an action
// added later still shows, by its name).
func (a *auditReader) label(key, fallback string) string {
	if _, ok := a.s.catalog.Keys("en")[key]; ok {
		return a.s.catalog.T(a.lang, key)
	}
	return fallback
}

// fieldLabel names a field as the record pages do, else by this page's
// own catalog keys (tag colour, settings), else by its JSON name.
func (a *auditReader) fieldLabel(field string) string {
	if key, ok := historyFieldKeys[field]; ok {
		return a.label(key, field)
	}
	return a.label("audit.field."+field, field)
}

func (a *auditReader) recordName(e app.AuditEntry) string {
	switch e.Entity {
	case "user":
		return a.users[e.EntityID]
	case "settings":
		return a.label("audit.setting."+e.EntityID, e.EntityID)
	case "contact", "company", "deal":
		if e.Name == "" {
			return a.purgedName(e.Entity, e.EntityID)
		}
	case "pipeline", "stage":
		return a.label(e.Name, e.Name) // a built-in one is named by its catalog key
	}
	return e.Name
}

// purgedName finds a record's name in its earlier entries, since the
// entry of its final deletion does not repeat it.
func (a *auditReader) purgedName(entity, id string) string {
	if name, ok := a.records[id]; ok {
		return name
	}
	history, _ := a.s.app.History(a.r.Context(), request.CurrentUser(a.r), entity, id, 20) // a name is a nicety; without it the row still reads
	name := ""
	for _, h := range history {
		if h.Name != "" {
			name = h.Name
			break
		}
	}
	a.records[id] = name
	return name
}

// value shows a changed value: names for user and company ids, long text
// cut short.
func (a *auditReader) value(field, v string) string {
	switch {
	case v == "":
		return ""
	case field == "owner_id":
		if name := a.users[v]; name != "" {
			return name
		}
	case field == "company_id":
		if name, ok := a.companies[v]; ok {
			return name
		}
		name := v
		if c, err := a.s.app.Company(a.r.Context(), request.CurrentUser(a.r), v); err == nil {
			name = c.Name
		}
		a.companies[v] = name
		return name
	case field == "lifecycle_status":
		return a.label("lifecycle."+v, v)
	case field == "stage_id" || field == "pipeline_id":
		return a.s.pipelineOrStageName(a.r, a.lang, v)
	}
	return clipValue(v, 120)
}

// details lists what an entry recorded besides the name and changes: the
// tag merged away, a new role, a setting's value, a login's address.
func (a *auditReader) details(e app.AuditEntry) []auditDetail {
	var raw map[string]any
	if json.Unmarshal([]byte(e.Details), &raw) != nil {
		return nil
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		if k != "name" && k != "changes" && k != "fields" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []auditDetail
	for _, k := range keys {
		var v string
		switch t := raw[k].(type) {
		case string:
			v = t
		case float64, bool:
			v = fmt.Sprint(t)
		default:
			continue // nested shapes are for the API, not this page
		}
		if k == "role" {
			v = a.label("role."+v, v)
		}
		out = append(out, auditDetail{Label: a.label("audit.detail."+k, a.fieldLabel(k)), Value: clipValue(v, 120)})
	}
	return out
}

// clipValue cuts s to max characters with an ellipsis.
func clipValue(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}
