package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleContactTrash moves a contact to the trash (trash=true) and back
// to the list, or restores it and opens its page.
func handleContactTrash(s *site, trash bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		id := mux.Vars(r)["id"]
		if trash {
			if err := s.app.TrashContact(r.Context(), b.User, id); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			setFlash(w, "contacts.trashed")
			redirect(w, r, s.recordPath("contacts"))
			return
		}
		if err := s.app.RestoreContact(r.Context(), b.User, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "contacts.restored")
		redirect(w, r, s.recordPath("contact.show", "id", id))
	})
}
