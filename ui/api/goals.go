package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// goalJSON is a goal with its baseline and progress. Target, baseline,
// current and the points are in the metric's unit: a count, the
// currency's minor units (revenue_won), or tenths of a per cent (rates).
type goalJSON struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Metric    string      `json:"metric"`
	Unit      string      `json:"unit"`               // count, minor_units or tenth_percent
	UserID    *string     `json:"user_id"`            // null for a team goal
	Currency  string      `json:"currency,omitempty"` // revenue_won only
	Target    int64       `json:"target"`
	Baseline  int64       `json:"baseline"` // the metric over the equal span before the goal was set
	Current   int64       `json:"current"`
	Percent   float64     `json:"percent"`
	Reached   bool        `json:"reached"`
	Ended     bool        `json:"ended"`
	StartsAt  time.Time   `json:"starts_at"`
	Deadline  string      `json:"deadline"` // the last day, in the reader's zone
	EndsAt    time.Time   `json:"ends_at"`
	CreatedAt time.Time   `json:"created_at"`
	Points    []goalPoint `json:"points,omitempty"` // progress over time (one goal only)
	Version   int         `json:"version"`          // what a PATCH sends back
}

type goalPoint struct {
	At    time.Time `json:"at"`
	Value int64     `json:"value"`
}

func (s *apiSite) goalOf(r *http.Request, p app.GoalProgress) goalJSON {
	g := p.Goal
	out := goalJSON{ID: g.ID, Name: g.Name, Metric: g.Metric, Unit: "count", Currency: g.Currency, Target: g.Target, Baseline: g.Baseline,
		Current: p.Current, Percent: p.Percent, Reached: p.Reached, Ended: p.Ended, StartsAt: g.StartsAt, EndsAt: g.Deadline,
		Deadline: g.Deadline.In(app.Location(request.CurrentUser(r))).Add(-time.Nanosecond).Format(time.DateOnly), CreatedAt: g.CreatedAt, Version: g.Version}
	switch {
	case g.Metric == app.MetricRevenueWon:
		out.Unit = "minor_units"
	case app.IsRateMetric(g.Metric):
		out.Unit = "tenth_percent"
	}
	if g.UserID != "" {
		out.UserID = &g.UserID
	}
	for _, pt := range p.Points {
		out.Points = append(out.Points, goalPoint{pt.At, pt.Value})
	}
	return out
}

// handleAPIGoals answers GET /api/v1/goals: the goals the dashboard
// shows — the team's and the reader's, or every goal for managers.
func handleAPIGoals(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaReports, app.LevelView) {
			return
		}
		user := request.CurrentUser(r)
		owner := user.ID
		if app.CanSeeTeam(user) {
			owner = ""
		}
		list, err := s.app.GoalsInView(r.Context(), user, owner)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []goalJSON{}
		for _, p := range list {
			out = append(out, s.goalOf(r, p))
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}

// handleAPIGoalCreate answers POST /api/v1/goals; the baseline is
// recorded now. user_id "" or absent is the caller's own goal, "team" the
// team's (managers and admins).
func handleAPIGoalCreate(s *apiSite) http.Handler {
	type body struct {
		Name     string      `json:"name"`
		Metric   string      `json:"metric"`
		UserID   string      `json:"user_id"`
		Currency string      `json:"currency"`
		Target   json.Number `json:"target"` // in the form's units: 30 (per cent), 1250.50 (money), 12 (count)
		Deadline string      `json:"deadline"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaReports, app.LevelEdit) {
			return
		}
		var b body
		if _, err := decodeBody(w, r, &b); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		user := request.CurrentUser(r)
		switch b.UserID {
		case "":
			b.UserID = user.ID
		case "team":
			b.UserID = ""
		}
		g, err := s.app.CreateGoal(r.Context(), user, app.GoalInput{Name: b.Name, Metric: b.Metric, UserID: b.UserID,
			Currency: b.Currency, Target: b.Target.String(), Deadline: b.Deadline})
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		p, err := s.app.GoalDetail(r.Context(), user, g.ID)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.Header().Set("Location", s.path("api.goal", "id", g.ID))
		request.Encode(w, http.StatusCreated, s.goalOf(r, p))
	})
}

// handleAPIGoal answers GET /api/v1/goals/{id}, with its progress over
// time.
func handleAPIGoal(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaReports, app.LevelView) {
			return
		}
		p, err := s.app.GoalDetail(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, s.goalOf(r, p))
	})
}

// handleAPIGoalDelete answers DELETE /api/v1/goals/{id}.
func handleAPIGoalDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.DeleteGoal(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
