package api

import (
	"encoding/json"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// GoalPatch changes a goal at the version last read; absent members
// stay. Metric, person and currency are what its baseline measured: a
// different one is a new goal.
type GoalPatch struct {
	Version  *int         `json:"version"`
	Name     *string      `json:"name"`
	Target   *json.Number `json:"target"`   // in the form's units: 30 (per cent), 1250.50 (money), 12 (count)
	Deadline *string      `json:"deadline"` // the last day, in the caller's zone
}

// handleAPIGoalUpdate answers PATCH /api/v1/goals/{id}: its owner, or a
// manager or admin, as for deleting it.
func handleAPIGoalUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in GoalPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaReports, app.LevelEdit, &in); !ok {
			return
		}
		version, ok := versionOf(w, r, s, in.Version)
		if !ok {
			return
		}
		ch := app.GoalChange{Name: in.Name, Deadline: in.Deadline}
		if in.Target != nil {
			t := in.Target.String()
			ch.Target = &t
		}
		user := request.CurrentUser(r)
		g, err := s.app.UpdateGoal(r.Context(), user, mux.Vars(r)["id"], version, ch)
		var p app.GoalProgress
		if err == nil {
			p, err = s.app.GoalDetail(r.Context(), user, g.ID)
		}
		answer(w, r, s, http.StatusOK, s.goalOf(r, p), err)
	})
}
