package web

import (
	"net/http"
	"slices"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// dealHistoryFields names a deal's audited fields, in the order the deal
// page shows them.
var dealHistoryFields = []struct{ field, key string }{
	{"title", "deals.field.title"}, {"value", "deals.field.value"}, {"pipeline_id", "deals.field.pipeline"},
	{"stage_id", "deals.field.stage"}, {"status", "deals.field.status"}, {"lost_reason", "deals.field.lost_reason"},
	{"company_id", "record.field.company"}, {"contact_ids", "deals.field.contacts"}, {"owner_id", "record.field.owner"},
	{"expected_close_date", "deals.field.expected_close_date"}, {"source", "deals.field.source"},
	{"tags", "record.field.tags"}, {"notes", "record.field.notes"},
}

// dealActions are the catalog keys of a deal's audit actions.
var dealActions = map[string]string{
	"deal.created": "record.history.created", "deal.updated": "record.history.updated", "deal.moved": "deals.history.moved",
	"deal.won": "deals.history.won", "deal.lost": "deals.history.lost", "deal.reopened": "deals.history.reopened",
	"deal.deleted": "record.history.deleted", "deal.restored": "record.history.restored",
}

// dealHistoryItems names what a deal's audit entries mention, for its
// history and its timeline.
func (s *site) dealHistoryItems(r *http.Request, lang string, team recordTeam, entries []app.AuditEntry) ([]historyItem, error) {
	var stageIDs, contactIDs []string
	for _, e := range entries {
		if c, ok := e.Changes["stage_id"]; ok {
			stageIDs = append(stageIDs, c["from"], c["to"])
		}
		if c, ok := e.Changes["contact_ids"]; ok {
			contactIDs = append(contactIDs, strings.Split(c["from"]+","+c["to"], ",")...)
		}
	}
	names, err := s.dealNames(r, lang, stageIDs, contactIDs)
	if err != nil {
		return nil, err
	}
	out := make([]historyItem, len(entries))
	for i, e := range entries {
		item := historyItem{At: e.At, Actor: e.ActorName, Action: "record.history.changed"}
		if key, ok := dealActions[e.Action]; ok {
			item.Action = key
		}
		for _, f := range dealHistoryFields {
			c, ok := e.Changes[f.field]
			if !ok {
				continue
			}
			from, to := c["from"], c["to"]
			switch f.field {
			case "owner_id":
				from, to = team.Name(from), team.Name(to)
			case "status":
				from, to = s.statusName(lang, from), s.statusName(lang, to)
			case "stage_id", "pipeline_id":
				from, to = names.of(from), names.of(to)
			case "company_id":
				from, to = s.companyName(r, lang, from), s.companyName(r, lang, to)
			case "contact_ids":
				from, to = names.list(from), names.list(to)
			}
			item.Changes = append(item.Changes, historyChange{Field: f.key, From: shorten(from), To: shorten(to)})
		}
		out[i] = item
	}
	return out, nil
}

func (s *site) statusName(lang, status string) string {
	if status == "" {
		return ""
	}
	return s.catalog.T(lang, "deals.status."+status)
}

// idNames names the records a deal's history mentions.
type idNames map[string]string

func (n idNames) of(id string) string { return n[id] }

func (n idNames) list(ids string) string {
	var out []string
	for _, id := range strings.Split(ids, ",") {
		if id != "" {
			out = append(out, n[id])
		}
	}
	return strings.Join(out, ", ")
}

// dealNames loads the names of stages (trashed ones too), every pipeline,
// the contacts named, and companies, for a deal's history.
func (s *site) dealNames(r *http.Request, lang string, stageIDs, contactIDs []string) (idNames, error) {
	ctx, user := r.Context(), request.CurrentUser(r)
	names := idNames{}
	pipelines, err := s.app.Pipelines(ctx, user)
	if err != nil {
		return nil, err
	}
	trashed, err := s.app.TrashedPipelines(ctx, user)
	if err != nil {
		return nil, err
	}
	for _, p := range append(pipelines, trashed...) {
		names[p.ID] = s.catalog.PipelineName(lang, p)
		for _, st := range p.Stages {
			names[st.ID] = s.catalog.StageName(lang, st)
		}
	}
	var missing []string
	for _, id := range stageIDs {
		if _, ok := names[id]; !ok && id != "" {
			missing = append(missing, id)
		}
	}
	stages, err := s.app.StagesByID(ctx, user, slices.Compact(slices.Sorted(slices.Values(missing))))
	if err != nil {
		return nil, err
	}
	for id, st := range stages {
		names[id] = s.catalog.StageName(lang, st)
	}
	contacts, err := s.app.ContactsByID(ctx, user, slices.Compact(slices.Sorted(slices.Values(contactIDs))))
	if err != nil {
		return nil, err
	}
	for _, c := range contacts {
		names[c.ID] = c.DisplayName
	}
	return names, nil
}

// companyName names a company for the history, or says it was deleted.
func (s *site) companyName(r *http.Request, lang, id string) string {
	if id == "" {
		return ""
	}
	if co, err := s.app.Company(r.Context(), request.CurrentUser(r), id); err == nil {
		return co.Name
	}
	return s.catalog.T(lang, "record.unknown_company")
}

// dealFieldKey is the catalog key naming a deal's field in the audit log,
// or "" for other records and fields.
func dealFieldKey(entity, field string) string {
	if entity != "deal" {
		return ""
	}
	for _, f := range dealHistoryFields {
		if f.field == field {
			return f.key
		}
	}
	return ""
}

// pipelineOrStageName names a pipeline or stage id for the audit log.
func (s *site) pipelineOrStageName(r *http.Request, lang, id string) string {
	if p, err := s.app.Pipeline(r.Context(), request.CurrentUser(r), id); err == nil {
		return s.catalog.PipelineName(lang, p)
	}
	if stages, err := s.app.StagesByID(r.Context(), request.CurrentUser(r), []string{id}); err == nil {
		if st, ok := stages[id]; ok {
			return s.catalog.StageName(lang, st)
		}
	}
	return id
}
