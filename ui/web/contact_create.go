package web

import (
	"net/http"
)

// handleContactCreate saves a new contact and opens its page.
func handleContactCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.new_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		form := readContactForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			s.renderContactForm(w, r, http.StatusOK, contactFormPage{Base: b, Form: form})
			return
		}
		if s.holdForDuplicates(w, r, contactFormPage{Base: b, Form: form}, "") {
			return
		}
		c, err := s.app.CreateContact(r.Context(), b.User, form.input())
		if fields := fieldErrors(err); fields != nil {
			s.renderContactForm(w, r, http.StatusUnprocessableEntity, contactFormPage{Base: b, Form: form, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.afterContactSave(w, r, c.ID, contactSavedFlash("contacts.created", c)) // warns of a number that could not be read
	})
}
