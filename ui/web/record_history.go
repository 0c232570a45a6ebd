package web

import (
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"rolo/app"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// historyItem is one audit entry as a record's timeline shows it.
type historyItem struct {
	At      time.Time
	Actor   string // "" for the command line
	Action  string // catalog key
	Changes []historyChange
}

// historyChange is one field an update changed, ready to show.
type historyChange struct {
	Field    string // catalog key of the field's name
	From, To string
}

// historyFieldOrder puts changes in the order the record page shows fields.
var historyFieldOrder = []string{"name", "first_name", "last_name", "display_name", "title", "company_id", "emails", "phones",
	"address", "birthday", "website", "social", "lead_source", "lifecycle_status", "domain", "industry", "size", "phone",
	"owner_id", "tags", "notes"}

// historyFieldKeys names the audit log's fields with catalog keys.
var historyFieldKeys = map[string]string{
	"name": "field.name", "first_name": "record.field.first_name", "last_name": "record.field.last_name",
	"display_name": "record.field.display_name", "title": "record.field.title", "company_id": "record.field.company",
	"emails": "record.field.emails", "phones": "record.field.phones", "address": "record.field.address",
	"birthday": "record.field.birthday", "website": "record.field.website", "social": "record.field.social",
	"lead_source": "record.field.lead_source", "lifecycle_status": "record.field.lifecycle_status",
	"domain": "record.field.domain", "industry": "record.field.industry", "size": "record.field.size",
	"phone": "record.field.phone", "owner_id": "record.field.owner", "tags": "record.field.tags", "notes": "record.field.notes",
}

// maxHistoryValue keeps a long note from filling the timeline.
const maxHistoryValue = 300

// historyItems turns audit entries into timeline items in the reader's
// language: ids become names, codes become words.
func (s *site) historyItems(r *http.Request, lang string, team recordTeam, entries []app.AuditEntry) []historyItem {
	companies := map[string]string{}
	companyName := func(id string) string {
		if id == "" {
			return ""
		}
		if name, ok := companies[id]; ok {
			return name
		}
		name := s.catalog.T(lang, "record.unknown_company")
		if c, err := s.app.Company(r.Context(), request.CurrentUser(r), id); err == nil {
			name = c.Name
		}
		companies[id] = name
		return name
	}
	known := s.catalog.Keys("en")
	out := make([]historyItem, len(entries))
	for i, e := range entries {
		item := historyItem{At: e.At, Actor: e.ActorName, Action: "record.history.changed"}
		if item.Actor == "" && e.ActorID == "" && e.Form != "" { // a visitor's submission, not the command line
			item.Actor = s.catalog.T(lang, "record.history.web_form")
		}
		if _, verb, ok := strings.Cut(e.Action, "."); ok {
			if _, exists := known["record.history."+verb]; exists {
				item.Action = "record.history." + verb
			}
		}
		for _, field := range sortedHistoryFields(e.Changes) {
			from, to := e.Changes[field]["from"], e.Changes[field]["to"]
			switch field {
			case "owner_id":
				from, to = team.Name(from), team.Name(to)
			case "company_id":
				from, to = companyName(from), companyName(to)
			case "lifecycle_status":
				from, to = statusName(s.catalog, lang, from), statusName(s.catalog, lang, to)
			}
			key, ok := historyFieldKeys[field]
			if !ok {
				key = field // a field added later still shows, by its JSON name
			}
			item.Changes = append(item.Changes, historyChange{Field: key, From: shorten(from), To: shorten(to)})
		}
		out[i] = item
	}
	return out
}

func sortedHistoryFields(changes map[string]map[string]string) []string {
	rank := map[string]int{}
	for i, f := range historyFieldOrder {
		rank[f] = i + 1
	}
	fields := make([]string, 0, len(changes))
	for f := range changes {
		fields = append(fields, f)
	}
	sort.Slice(fields, func(i, j int) bool {
		ri, rj := rank[fields[i]], rank[fields[j]]
		if ri == 0 {
			ri = len(historyFieldOrder) + 1
		}
		if rj == 0 {
			rj = len(historyFieldOrder) + 1
		}
		if ri != rj {
			return ri < rj
		}
		return fields[i] < fields[j]
	})
	return fields
}

func statusName(c *i18n.Catalog, lang, status string) string {
	if status == "" {
		return ""
	}
	return c.T(lang, "lifecycle."+status)
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxHistoryValue {
		return s
	}
	return string([]rune(s)[:maxHistoryValue]) + "…"
}
