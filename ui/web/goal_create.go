package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// handleGoalCreate sets a goal and records its baseline.
func handleGoalCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		form := goalForm{Name: r.PostFormValue("name"), Metric: r.PostFormValue("metric"), UserID: r.PostFormValue("user_id"),
			Currency: r.PostFormValue("currency"), Target: r.PostFormValue("target"), Deadline: r.PostFormValue("deadline")}
		g, err := s.app.CreateGoal(r.Context(), request.CurrentUser(r), app.GoalInput(form))
		if err != nil {
			if app.ErrorCode(err) != app.EInvalid {
				s.views.renderError(w, r, s.base(w, r, "error.title"), err)
				return
			}
			page, perr := s.goalsPage(w, r, form, fieldErrors(err))
			if perr != nil {
				s.views.renderError(w, r, page.Base, perr)
				return
			}
			s.views.render(w, r, http.StatusUnprocessableEntity, "goals", page.Lang, page)
			return
		}
		setFlash(w, "goal.created")
		redirect(w, r, s.recordPath("goal.show", "id", g.ID))
	})
}
