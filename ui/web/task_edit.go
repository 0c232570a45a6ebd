package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleTaskEdit shows a task: its form, with done, snooze and delete.
func handleTaskEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.edit_title")
		t, err := s.app.Task(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		f := taskFormOf(t)
		f.Return = returnPath(r.URL.Query().Get("return"), "")
		s.renderTaskForm(w, r, http.StatusOK, taskFormPage{Base: b, ID: t.ID, Task: &t, Form: f})
	})
}
