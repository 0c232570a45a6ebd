package web

import (
	"html/template"
	"net/http"
	"sort"
	"time"
	"unicode/utf8"

	"rolo/app"
	"rolo/ui/i18n"
)

// historyItem is one audit entry as a record's timeline shows it.
type historyItem struct {
	At       time.Time
	Sentence template.HTML // who did what, in words (historyWords.sentence)
	Changes  []historyChange
}

// historyChange is one field an update changed, ready to show.
type historyChange struct {
	Field    string // the field's label, in the reader's language
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

// historyItems turns a record's audit entries into timeline items in the
// reader's language: a sentence each, labels, names, dates and repeat
// rules in words (historyWords).
func (s *site) historyItems(r *http.Request, lang string, entries []app.AuditEntry) ([]historyItem, error) {
	if len(entries) == 0 {
		return nil, nil // a timeline page of activities only: no words to load (pipelines, fields, team, forms)
	}
	words, err := s.newHistoryWords(r, lang, entries)
	if err != nil {
		return nil, err
	}
	out := make([]historyItem, len(entries))
	for i, e := range entries {
		item := historyItem{At: e.At, Sentence: words.sentence(e, words.subject(e), "")}
		for _, field := range orderedHistoryFields(e.Entity, e.Changes) {
			c := e.Changes[field]
			item.Changes = append(item.Changes, historyChange{Field: words.fieldLabel(e.Entity, field),
				From: words.value(e.Entity, field, c["from"]), To: words.value(e.Entity, field, c["to"])})
		}
		out[i] = item
	}
	return out, nil
}

// orderedHistoryFields puts a deal's fields in the order its page shows
// them, and other records' in the contact and company pages' order.
func orderedHistoryFields(entity string, changes map[string]map[string]string) []string {
	fields := sortedHistoryFields(changes)
	if entity != "deal" {
		return fields
	}
	rank := map[string]int{}
	for i, f := range dealHistoryFields {
		rank[f.field] = i + 1
	}
	sort.SliceStable(fields, func(i, j int) bool {
		ri, rj := rank[fields[i]], rank[fields[j]]
		if ri == 0 {
			ri = len(rank) + 1
		}
		if rj == 0 {
			rj = len(rank) + 1
		}
		return ri < rj
	})
	return fields
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
