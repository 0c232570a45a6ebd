package web

import (
	"net/http"

	"rolo/app"
)

// handleContactNew shows an empty contact form. The current user is the
// owner by default; ?company=ID (from a company page) picks the company.
func handleContactNew(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.new_title")
		if s.refuseViewer(w, r, b) {
			return
		}
		form := contactFormOf(app.Contact{LifecycleStatus: "lead", OwnerID: b.User.ID, CompanyID: r.URL.Query().Get("company")})
		s.renderContactForm(w, r, http.StatusOK, contactFormPage{Base: b, Form: form})
	})
}
