package web

import (
	"net/http"

	"rolo/app"
)

// handleTaskNew shows an empty task form; ?contact=ID (company, deal)
// links the task to that record, ?title= and ?due_date= prefill it.
func handleTaskNew(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.new_title")
		if !app.CanDo(b.User, app.AreaActivities, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		q := r.URL.Query()
		f := taskForm{Title: q.Get("title"), DueDate: q.Get("due_date"), AssigneeID: b.User.ID, Priority: "normal", Ends: "never",
			Repeat: q.Get("repeat"), Return: returnPath(q.Get("return"), "")}
		if f.DueDate == "" {
			f.DueDate = s.app.Now().In(app.Location(b.User)).AddDate(0, 0, 1).Format("2006-01-02")
		}
		for _, ref := range queryRefs(r) {
			f.Links = append(f.Links, refValue(ref))
		}
		s.renderTaskForm(w, r, http.StatusOK, taskFormPage{Base: b, Form: f})
	})
}
