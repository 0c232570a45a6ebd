package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleTaskSnooze snoozes a task to the button's choice (later today,
// tomorrow, next week) or to the date picked.
func handleTaskSnooze(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if !app.CanDo(b.User, app.AreaActivities, app.LevelEdit) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		id := mux.Vars(r)["id"]
		if _, err := s.app.Task(r.Context(), b.User, id); err != nil { // a task not visible is not found, whatever the form says
			s.views.renderError(w, r, b, err)
			return
		}
		until, err := s.app.SnoozeUntil(b.User, r.PostForm.Get("option"), r.PostForm.Get("date"), r.PostForm.Get("time"))
		if err == nil {
			_, err = s.app.SnoozeTask(r.Context(), b.User, id, until)
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "tasks.snoozed")
		redirect(w, r, returnPath(r.PostForm.Get("return"), s.taskPath(id)))
	})
}
