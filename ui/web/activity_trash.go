package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleActivityTrash deletes an activity and goes back where the form
// says (the record page it was on).
func handleActivityTrash(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activities.edit_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := s.app.TrashActivity(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "activities.deleted")
		redirect(w, r, returnPath(r.PostForm.Get("return"), "/"))
	})
}
