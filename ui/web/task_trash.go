package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleTaskTrash deletes a task and goes back to the task list, or where
// the form says.
func handleTaskTrash(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := s.app.TrashTask(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "tasks.deleted")
		redirect(w, r, returnPath(r.PostForm.Get("return"), s.recordPath("tasks")))
	})
}
