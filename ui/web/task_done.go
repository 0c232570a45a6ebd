package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleTaskDone marks a task done (complete) or open again; a recurring
// task's next occurrence is announced. The button's form says where to
// come back to.
func handleTaskDone(s *site, complete bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		flash := "tasks.reopened"
		var err error
		if complete {
			var next *app.Task
			_, next, err = s.app.CompleteTask(r.Context(), b.User, id)
			flash = "tasks.completed"
			if next != nil {
				flash = "tasks.completed_next"
			}
		} else {
			_, err = s.app.ReopenTask(r.Context(), b.User, id)
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, flash)
		redirect(w, r, returnPath(r.PostForm.Get("return"), s.taskPath(id)))
	})
}
