package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// scoringPage lists the lead-scoring rules, a form for a new one, and the
// best-scoring contacts.
type scoringPage struct {
	Base
	Rules  []app.ScoreRule
	Top    []app.ScoredContact
	Min    int
	Name   string
	Conds  string
	Points string
	Errors map[string]string
}

func (s *site) renderScoring(w http.ResponseWriter, r *http.Request, status int, page scoringPage) {
	var err error
	if page.Rules, err = s.app.ScoreRules(r.Context(), page.User); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Min, _ = strconv.Atoi(r.URL.Query().Get("min"))
	if page.Top, err = s.app.TopScores(r.Context(), page.User, page.Min, 50); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	s.views.render(w, r, status, "scoring", page.Lang, page)
}

// handleScoring shows the lead-scoring page.
func handleScoring(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderScoring(w, r, http.StatusOK, scoringPage{Base: s.base(w, r, "scoring.title")})
	})
}

// handleScoreRuleCreate adds a scoring rule; every score is recomputed.
func handleScoreRuleCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "scoring.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := scoringPage{Base: b, Name: r.PostForm.Get("name"), Conds: r.PostForm.Get("conditions"), Points: r.PostForm.Get("points")}
		points, _ := strconv.Atoi(page.Points)
		_, err := s.app.CreateScoreRule(r.Context(), b.User, page.Name, page.Conds, points)
		if fields := fieldErrors(err); fields != nil {
			page.Errors = fields
			s.renderScoring(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "scoring.saved")
		redirect(w, r, "/settings/scoring")
	})
}

// handleScoreRuleDelete removes a scoring rule.
func handleScoreRuleDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "scoring.title")
		if err := s.app.DeleteScoreRule(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "scoring.saved")
		redirect(w, r, "/settings/scoring")
	})
}
