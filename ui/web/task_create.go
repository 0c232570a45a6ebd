package web

import (
	"net/http"

	"rolo/app"
)

// handleTaskCreate saves the new-task form and goes back where the form
// came from (a record page, Today), or to the task.
func handleTaskCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.new_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		form := readTaskForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			s.renderTaskForm(w, r, http.StatusOK, taskFormPage{Base: b, Form: form})
			return
		}
		in, problems := form.input(app.ZoneName(b.User))
		var t app.Task
		var err error
		if problems == nil {
			t, err = s.app.CreateTask(r.Context(), b.User, in)
			problems = fieldErrors(err)
		}
		if problems != nil {
			s.renderTaskForm(w, r, http.StatusUnprocessableEntity, taskFormPage{Base: b, Form: form, Errors: problems})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "tasks.created")
		redirect(w, r, returnPath(form.Return, s.taskPath(t.ID)))
	})
}
