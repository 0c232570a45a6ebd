package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleWebFormEdit shows a form's builder filled in with its settings;
// its address, and every site that embeds it, stays when it is saved.
func handleWebFormEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "forms.title")
		if !s.app.Can(b.User, app.AreaForms, app.LevelManage) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		f, err := s.app.WebForm(r.Context(), mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.renderWebFormBuilder(w, r, http.StatusOK, "web_form_edit", webFormsPage{Base: b, Editing: &f, FormVersion: f.Version, New: app.WebFormInputOf(f)})
	})
}

// handleWebFormUpdate saves the builder over a form, if nobody changed
// the form since it was opened (its version).
func handleWebFormUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "forms.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		in := webFormInput(r.PostForm)
		version, _ := strconv.Atoi(r.PostForm.Get("version")) // none or garbage: stale
		_, err := s.app.PatchWebForm(r.Context(), b.User, id, version, func(have *app.WebFormInput) { *have = in })
		fields, stale := fieldErrors(err), app.ErrorCode(err) == app.EConflict
		if fields != nil || stale {
			f, ferr := s.app.WebForm(r.Context(), id)
			if ferr != nil {
				s.views.renderError(w, r, b, ferr)
				return
			}
			page, status := webFormsPage{Base: b, Editing: &f, FormVersion: version, New: in, Errors: fields}, http.StatusUnprocessableEntity
			if stale {
				page.Problem, status = app.AsError(err).Message, http.StatusConflict
			}
			s.renderWebFormBuilder(w, r, status, "web_form_edit", page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "forms.updated")
		redirect(w, r, s.recordPath("web_form", "id", id))
	})
}
