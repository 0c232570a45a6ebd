package web

import (
	"net/http"

	"rolo/app"
)

// handleCompanyNew shows an empty company form owned by the current user.
func handleCompanyNew(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "companies.new_title")
		if s.refuseViewer(w, r, b) {
			return
		}
		s.renderCompanyForm(w, r, http.StatusOK, companyFormPage{Base: b, Form: companyFormOf(app.Company{OwnerID: b.User.ID})})
	})
}
