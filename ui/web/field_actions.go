package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleFieldCreate adds a custom field.
func handleFieldCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "fields.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		form := readFieldForm(r.PostForm)
		_, err := s.app.CreateCustomField(r.Context(), b.User, form.Entity, form.input())
		if s.fieldProblem(w, r, fieldsPage{Base: b, Form: form}, err) {
			return
		}
		setFlash(w, "fields.created")
		redirect(w, r, s.recordPath("fields"))
	})
}

// handleFieldEdit shows one field's form.
func handleFieldEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "fields.title")
		f, err := s.app.CustomField(r.Context(), mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.renderFields(w, r, http.StatusOK, fieldsPage{Base: b, Form: fieldFormOf(f)})
	})
}

// handleFieldUpdate saves a field: label, help, options, type…
func handleFieldUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "fields.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		f, err := s.app.CustomField(r.Context(), mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		form := readFieldForm(r.PostForm)
		form.ID, form.Entity, form.Key = f.ID, f.Entity, f.Key
		_, err = s.app.UpdateCustomField(r.Context(), b.User, f.ID, form.input())
		if s.fieldProblem(w, r, fieldsPage{Base: b, Form: form}, err) {
			return
		}
		setFlash(w, "fields.saved")
		redirect(w, r, s.recordPath("fields"))
	})
}

// handleFieldDelete removes a field; its values go to the audit log.
func handleFieldDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "fields.title")
		if err := s.app.DeleteCustomField(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "fields.deleted")
		redirect(w, r, s.recordPath("fields"))
	})
}

// handleFieldRestore brings a deleted field back from its audit entry.
func handleFieldRestore(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "fields.title")
		if _, err := s.app.RestoreCustomField(r.Context(), b.User, mux.Vars(r)["audit"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "fields.restored")
		redirect(w, r, s.recordPath("fields"))
	})
}
