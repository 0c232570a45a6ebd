package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/ui/request"
)

// handleGoalDelete removes a goal.
func handleGoalDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.DeleteGoal(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, s.base(w, r, "error.title"), err)
			return
		}
		setFlash(w, "goal.deleted")
		redirect(w, r, s.recordPath("goals"))
	})
}
