package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"rolo/app"
)

// fieldsPage lists the custom fields of contacts, companies and deals,
// the form for a new one, and recently deleted fields to restore.
type fieldsPage struct {
	Base
	Entities []fieldEntity
	Types    []string
	Form     fieldForm
	Errors   map[string]string
	Count    int // records in the way of a refused change
	Deleted  []deletedFieldView
}

type fieldEntity struct {
	Entity string
	Fields []app.CustomField
}

type deletedFieldView struct {
	AuditID, Entity, Key, Label string
	At                          string
}

// fieldForm is the field form as typed; Options is one option per line
// for a new field, and existing options are edited by id.
type fieldForm struct {
	ID         string
	Entity     string
	Key        string
	Label      string
	Type       string
	Help       string
	Required   bool
	Group      string
	Position   int
	Currency   string
	Options    []app.FieldOption
	NewOptions string
}

func readFieldForm(form url.Values) fieldForm {
	pos, _ := strconv.Atoi(form.Get("position"))
	f := fieldForm{Entity: form.Get("entity"), Key: form.Get("key"), Label: form.Get("label"), Type: form.Get("type"),
		Help: form.Get("help"), Required: form.Get("required") != "", Group: form.Get("group"), Position: pos,
		Currency: form.Get("currency"), NewOptions: form.Get("new_options")}
	type placed struct {
		o   app.FieldOption
		pos int
	}
	var existing []placed
	for _, id := range form["option_id"] {
		p, _ := strconv.Atoi(form.Get("option_pos." + id))
		existing = append(existing, placed{app.FieldOption{ID: id, Label: form.Get("option." + id)}, p})
	}
	sort.SliceStable(existing, func(i, j int) bool { return existing[i].pos < existing[j].pos })
	for _, e := range existing {
		f.Options = append(f.Options, e.o)
	}
	return f
}

func (f fieldForm) input() app.FieldInput {
	in := app.FieldInput{Key: f.Key, Label: f.Label, Type: f.Type, Help: f.Help, Required: f.Required, Group: f.Group,
		Position: f.Position, Currency: f.Currency, Options: f.Options}
	for _, line := range strings.Split(f.NewOptions, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Options = append(in.Options, app.FieldOption{Label: line})
		}
	}
	return in
}

func fieldFormOf(f app.CustomField) fieldForm {
	return fieldForm{ID: f.ID, Entity: f.Entity, Key: f.Key, Label: f.Label, Type: f.Type, Help: f.Help, Required: f.Required,
		Group: f.Group, Position: f.Position, Currency: f.Currency, Options: f.Options}
}

func (s *site) renderFields(w http.ResponseWriter, r *http.Request, status int, page fieldsPage) {
	page.Types = app.FieldTypes
	for _, e := range app.FieldEntities {
		fields, err := s.app.CustomFields(r.Context(), e)
		if err != nil {
			s.views.renderError(w, r, page.Base, err)
			return
		}
		page.Entities = append(page.Entities, fieldEntity{Entity: e, Fields: fields})
	}
	deleted, err := s.app.DeletedFields(r.Context(), page.User, 20)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	for _, d := range deleted {
		page.Deleted = append(page.Deleted, deletedFieldView{AuditID: d.AuditID, Entity: d.Entity, Key: d.Key, Label: d.Label, At: d.At.Format("2006-01-02 15:04")})
	}
	name := "fields"
	if page.Form.ID != "" {
		name = "field"
	}
	s.views.render(w, r, status, name, page.Lang, page)
}

// handleFields shows the custom fields settings page.
func handleFields(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderFields(w, r, http.StatusOK, fieldsPage{Base: s.base(w, r, "fields.title"), Form: fieldForm{Entity: "contact", Type: "text"}})
	})
}

// fieldProblem renders the page again with the problems of a refused
// change, or the error page for anything else.
func (s *site) fieldProblem(w http.ResponseWriter, r *http.Request, page fieldsPage, err error) bool {
	if err == nil {
		return false
	}
	e := app.AsError(err)
	if e.Code != app.EInvalid && len(e.Fields) == 0 {
		s.views.renderError(w, r, page.Base, err)
		return true
	}
	page.Errors, page.Count = e.Fields, e.Count
	status := http.StatusUnprocessableEntity
	if e.Code == app.EConflict {
		status = http.StatusConflict
	}
	s.renderFields(w, r, status, page)
	return true
}
