package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleCompanyEdit shows the form for a company; a trashed one opens its
// page, which offers to restore it.
func handleCompanyEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "companies.edit_title")
		if s.refuseViewer(w, r, b) {
			return
		}
		c, err := s.app.Company(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if c.Trashed() {
			redirect(w, r, s.recordPath("company.show", "id", c.ID))
			return
		}
		s.renderCompanyForm(w, r, http.StatusOK, companyFormPage{Base: b, ID: c.ID, Name: c.Name, Form: companyFormOf(c)})
	})
}
