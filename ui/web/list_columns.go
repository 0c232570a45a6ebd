package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// columnsView is a list's custom columns and the picker that chooses them.
type columnsView struct {
	Entity  string
	Chosen  []app.CustomField
	Fields  []app.CustomField
	IsShown map[string]bool
	Cells   map[string]map[string]string // record id → key → text
	// Pipeline is the deal list's pipeline, where saving goes back to.
	Pipeline string
}

// columnsFor loads the user's columns of entity's list and their values
// for the page's records.
func (s *site) columnsFor(r *http.Request, entity string, ids []string) columnsView {
	fields, _ := s.app.FieldsFor(r.Context(), request.CurrentUser(r), entity)
	return s.columnsWith(r, entity, ids, fields)
}

// columnsWith is columnsFor with the custom fields the user may see
// already read.
func (s *site) columnsWith(r *http.Request, entity string, ids []string, fields []app.CustomField) columnsView {
	v := columnsView{Entity: entity, IsShown: map[string]bool{}, Fields: fields}
	v.Chosen, _ = s.app.ListColumns(r.Context(), request.CurrentUser(r), entity)
	for _, f := range v.Chosen {
		v.IsShown[f.Key] = true
	}
	v.Cells, _ = s.app.ColumnTexts(r.Context(), v.Chosen, ids)
	return v
}

// handleListColumns saves the columns picked for a list and goes back to it.
func handleListColumns(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		entity := r.PostForm.Get("entity")
		if err := s.app.SetListColumns(r.Context(), b.User, entity, r.PostForm["columns"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		to := s.recordPath("contacts")
		switch entity {
		case "company":
			to = s.recordPath("companies")
		case "deal":
			// Back to the pipeline's list; an id no route takes goes to the deals.
			var err error
			if to, err = s.views.url("pipeline.list", "id", r.PostForm.Get("pipeline")); err != nil {
				to = s.recordPath("deals")
			}
		}
		redirect(w, r, to)
	})
}
