package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleContactEdit shows the form for a contact. A trashed contact cannot
// be edited; its page offers to restore it instead.
func handleContactEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.edit_title")
		if s.refuseViewer(w, r, b) {
			return
		}
		c, err := s.app.Contact(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if c.Trashed() {
			redirect(w, r, s.recordPath("contact.show", "id", c.ID))
			return
		}
		s.renderContactForm(w, r, http.StatusOK, contactFormPage{Base: b, ID: c.ID, Name: c.DisplayName, Form: contactFormOf(c)})
	})
}
