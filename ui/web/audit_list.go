package web

import (
	"encoding/json"
	"fmt"
	"html/template"
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
	Actions  []auditActionChoice // the action filter's choices, in words
	Users    []*app.User
	Older    string // link to the next page, or ""
	Newest   string // link back to the first page, when paged
}

// auditActionChoice is one action of the filter: the stored name it
// filters by and what the reader sees.
type auditActionChoice struct{ Value, Label string }

// HasAction tells whether the filter offers action, so one given in the
// address (an older link, "updated" with a kind) still shows as chosen.
func (p auditPage) HasAction(action string) bool {
	for _, a := range p.Actions {
		if a.Value == action {
			return true
		}
	}
	return false
}

// auditFilter is the audit page's query string.
type auditFilter struct {
	Entity, Action, Actor, Before string
}

// auditRow is one entry, ready to read.
type auditRow struct {
	ID       string
	At       time.Time
	Sentence template.HTML // who did what to which record, the record linked (historyWords)
	Changes  []auditChange
	Details  []auditDetail
	MergeID  string // a merge that an Undo button may reverse
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
		page := auditPage{Base: b, Filter: f, Entities: auditEntities, Users: users}
		for _, action := range auditActions {
			if key := "audit." + action; s.catalog.Keys("en")[key] != "" {
				page.Actions = append(page.Actions, auditActionChoice{Value: action, Label: s.catalog.T(b.Lang, key)})
			}
		}
		words, err := s.newHistoryWords(r, b.Lang, trail.Entries)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.Entries = newAuditReader(s, r, b.Lang, words).rows(trail.Entries)
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

// auditReader turns stored entries into rows a person can read: a
// sentence each (historyWords), labels in their language, names instead
// of ids, and the details worth showing.
type auditReader struct {
	s       *site
	r       *http.Request
	lang    string
	words   *historyWords
	records map[string]string // names of purged records, from their history
}

func newAuditReader(s *site, r *http.Request, lang string, words *historyWords) *auditReader {
	return &auditReader{s: s, r: r, lang: lang, words: words, records: map[string]string{}}
}

func (a *auditReader) rows(entries []app.AuditEntry) []auditRow {
	out := make([]auditRow, len(entries))
	for i, e := range entries {
		link := ""
		if (e.Entity == "contact" || e.Entity == "company" || e.Entity == "deal") && !strings.HasSuffix(e.Action, ".purged") {
			link, _ = a.s.views.url(e.Entity+".show", "id", e.EntityID)
		}
		row := auditRow{ID: e.ID, At: e.At, Sentence: a.words.sentence(e, a.recordName(e), link)}
		for _, field := range orderedHistoryFields(e.Entity, e.Changes) {
			c := e.Changes[field]
			row.Changes = append(row.Changes, auditChange{Field: a.words.fieldLabel(e.Entity, field),
				From: clipValue(a.words.value(e.Entity, field, c["from"]), 120), To: clipValue(a.words.value(e.Entity, field, c["to"]), 120)})
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

// label translates key, or falls back when the catalog lacks it.
func (a *auditReader) label(key, fallback string) string { return a.words.label(key, fallback) }

func (a *auditReader) recordName(e app.AuditEntry) string {
	switch e.Entity {
	case "user":
		if name, ok := a.words.users[e.EntityID]; ok {
			return name
		}
		return a.label("history.by.someone", "")
	case "settings":
		return a.label("audit.setting."+e.EntityID, a.words.fieldLabel("settings", e.EntityID))
	case "contact", "company", "deal":
		if e.Action == string(app.ActionFormSubmitted) {
			return a.words.subject(e) // the sender, not the form
		}
		if e.Name == "" {
			return a.purgedName(e.Entity, e.EntityID)
		}
	case "pipeline", "stage":
		return a.label(e.Name, e.Name) // a built-in one is named by its catalog key
	case "import":
		if e.Name == "" {
			var d struct {
				Name string `json:"name"`
			}
			_ = json.Unmarshal([]byte(e.Details), &d)
			return d.Name
		}
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

// auditHiddenDetails are stored for the API and for undo, not for people:
// ids and shapes the sentence already says.
var auditHiddenDetails = map[string]bool{"name": true, "changes": true, "fields": true, "form": true, "by": true, "merge_id": true, "key": true}

// details lists what an entry recorded besides the name and changes: the
// tag merged away, a new role, a setting's value, a login's address, each
// with a label and its value in words; ids nobody could read are left out.
func (a *auditReader) details(e app.AuditEntry) []auditDetail {
	var raw map[string]any
	if json.Unmarshal([]byte(e.Details), &raw) != nil {
		return nil
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		if !auditHiddenDetails[k] {
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
		v = a.words.value(e.Entity, k, v)
		if v == "" || v == a.words.t("history.deleted_record") && strings.HasSuffix(k, "_id") {
			continue
		}
		out = append(out, auditDetail{Label: a.label("audit.detail."+k, a.words.fieldLabel(e.Entity, k)), Value: clipValue(v, 120)})
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
