package web

import (
	"net/http"

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

func (s *site) statusName(lang, status string) string {
	if status == "" {
		return ""
	}
	return s.catalog.T(lang, "deals.status."+status)
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
