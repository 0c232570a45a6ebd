package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleCompanyTrash moves a company to the trash (its contacts keep the
// link) and back to the list, or restores it and opens its page.
func handleCompanyTrash(s *site, trash bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "companies.title")
		id := mux.Vars(r)["id"]
		if trash {
			if err := s.app.TrashCompany(r.Context(), b.User, id); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			setFlash(w, "companies.trashed")
			redirect(w, r, s.recordPath("companies"))
			return
		}
		if err := s.app.RestoreCompany(r.Context(), b.User, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "companies.restored")
		redirect(w, r, s.recordPath("company.show", "id", id))
	})
}
