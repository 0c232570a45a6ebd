package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleTaskUpdate saves the task form; a colleague's save in between
// brings the form back with the conflict explained.
func handleTaskUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.edit_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		form := readTaskForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			page := taskFormPage{Base: b, ID: id, Form: form}
			if t, lookup := s.app.Task(r.Context(), b.User, id); lookup == nil {
				page.Task = &t
			}
			s.renderTaskForm(w, r, http.StatusOK, page)
			return
		}
		in, problems := form.input(app.ZoneName(b.User))
		var err error
		if problems == nil {
			_, err = s.app.UpdateTask(r.Context(), b.User, id, form.Version, in)
			problems = fieldErrors(err)
		}
		page := taskFormPage{Base: b, ID: id, Form: form, Errors: problems}
		if t, lookup := s.app.Task(r.Context(), b.User, id); lookup == nil {
			page.Task = &t
		}
		switch {
		case problems != nil:
			s.renderTaskForm(w, r, http.StatusUnprocessableEntity, page)
		case app.ErrorCode(err) == app.EConflict:
			page.Problem = app.AsError(err).Message
			s.renderTaskForm(w, r, http.StatusConflict, page)
		case err != nil:
			s.views.renderError(w, r, b, err)
		default:
			setFlash(w, "tasks.saved")
			redirect(w, r, returnPath(form.Return, s.taskPath(id)))
		}
	})
}
