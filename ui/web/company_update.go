package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleCompanyUpdate saves the company form; a stale version brings the
// form back with the user's input and the conflict explained.
func handleCompanyUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "companies.edit_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		form := readCompanyForm(r.PostForm)
		saved, err := s.app.UpdateCompany(r.Context(), b.User, id, form.Version, form.input())
		page := companyFormPage{Base: b, ID: id, Form: form}
		if err != nil {
			if c, lookup := s.app.Company(r.Context(), b.User, id); lookup == nil {
				page.Name = c.Name // the heading names the stored company, not the edit
			}
		}
		if fields := fieldErrors(err); fields != nil {
			page.Errors = fields
			s.renderCompanyForm(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if app.ErrorCode(err) == app.EConflict {
			page.Problem = app.AsError(err).Message
			s.renderCompanyForm(w, r, http.StatusConflict, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, companySavedFlash("companies.saved", saved)) // warns of a number that could not be read
		redirect(w, r, s.recordPath("company.show", "id", id))
	})
}
