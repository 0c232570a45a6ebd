package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleContactUpdate saves the contact form. When someone else saved the
// contact since the form was opened (its version moved on), the form comes
// back with the user's input and the conflict explained, rather than
// overwriting their colleague's change.
func handleContactUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.edit_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		form := readContactForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			s.renderContactForm(w, r, http.StatusOK, contactFormPage{Base: b, ID: id, Form: form, Name: s.storedContactName(r, id)})
			return
		}
		if s.holdForDuplicates(w, r, contactFormPage{Base: b, ID: id, Form: form, Name: s.storedContactName(r, id)}, id) {
			return
		}
		saved, err := s.app.UpdateContact(r.Context(), b.User, id, form.Version, form.input())
		page := contactFormPage{Base: b, ID: id, Form: form}
		if err != nil {
			if c, lookup := s.app.Contact(r.Context(), b.User, id); lookup == nil {
				page.Name = c.DisplayName // the heading names the stored contact, not the edit
			}
		}
		if fields := fieldErrors(err); fields != nil {
			page.Errors = fields
			s.renderContactForm(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if app.ErrorCode(err) == app.EConflict {
			page.Problem = app.AsError(err).Message
			s.renderContactForm(w, r, http.StatusConflict, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.afterContactSave(w, r, id, contactSavedFlash("contacts.saved", saved)) // warns of a number that could not be read
	})
}
