package web

import (
	"net/http"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// goalsPage lists the goals in view with the form for a new one.
type goalsPage struct {
	Base
	Goals    []goalRow
	Metrics  []string
	Users    []request.Option // who a goal may be for ("" is the team)
	Form     goalForm
	Errors   map[string]string
	CanWrite bool
}

// goalForm keeps what was typed when the form comes back with errors.
type goalForm struct {
	Name, Metric, UserID, Currency, Target, Deadline string
}

func (s *site) goalsPage(w http.ResponseWriter, r *http.Request, form goalForm, errs map[string]string) (goalsPage, error) {
	b := s.base(w, r, "goal.title")
	page := goalsPage{Base: b, Metrics: app.GoalMetrics, Form: form, Errors: errs, CanWrite: app.CanWriteRecords(b.User)}
	owner := b.User.ID
	if app.CanSeeTeam(b.User) {
		owner = ""
	}
	progress, err := s.app.GoalsInView(r.Context(), b.User, owner)
	if err != nil {
		return page, err
	}
	team, err := s.recordTeam(r)
	if err != nil {
		return page, err
	}
	for _, p := range progress {
		page.Goals = append(page.Goals, s.goalRow(b.Lang, b.User, team, p))
	}
	page.Users = []request.Option{{Value: b.User.ID, Label: s.catalog.T(b.Lang, "report.owner.me")}}
	if app.CanSeeTeam(b.User) {
		page.Users = append([]request.Option{{Value: "", Label: s.catalog.T(b.Lang, "goal.team")}}, page.Users...)
		for _, u := range team.All {
			if !u.Disabled && u.ID != b.User.ID {
				page.Users = append(page.Users, request.Option{Value: u.ID, Label: u.Name})
			}
		}
	}
	if page.Form.Currency == "" {
		page.Form.Currency = s.app.DefaultCurrency(r.Context())
	}
	if page.Form.Deadline == "" {
		now := s.app.Now().In(app.Location(b.User))
		page.Form.Deadline = time.Date(now.Year(), now.Month()+1, 0, 0, 0, 0, 0, now.Location()).Format(time.DateOnly) // the end of this month
	}
	return page, nil
}

// handleGoals lists the goals.
func handleGoals(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, err := s.goalsPage(w, r, goalForm{UserID: request.CurrentUser(r).ID}, nil)
		if err != nil {
			s.views.renderError(w, r, page.Base, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "goals", page.Lang, page)
	})
}
