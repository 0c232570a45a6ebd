package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

type scoreRuleJSON struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Conditions string `json:"conditions"`
	Points     int    `json:"points"`
}

// handleAPIScoreRules answers GET /api/v1/scoring/rules.
func handleAPIScoreRules(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		list, err := s.app.ScoreRules(r.Context(), request.CurrentUser(r))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []scoreRuleJSON{}
		for _, sr := range list {
			out = append(out, scoreRuleJSON{ID: sr.ID, Name: sr.Name, Conditions: sr.Conditions, Points: sr.Points})
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}

// handleAPIScoreRuleCreate answers POST /api/v1/scoring/rules; every
// contact's score is recomputed before it answers.
func handleAPIScoreRuleCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaAutomation, app.LevelManage) {
			return
		}
		var b scoreRuleJSON
		if _, err := decodeBody(w, r, &b); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		sr, err := s.app.CreateScoreRule(r.Context(), request.CurrentUser(r), b.Name, b.Conditions, b.Points)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusCreated, scoreRuleJSON{ID: sr.ID, Name: sr.Name, Conditions: sr.Conditions, Points: sr.Points})
	})
}

// handleAPIScoreRuleDelete answers DELETE /api/v1/scoring/rules/{id}.
func handleAPIScoreRuleDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.DeleteScoreRule(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// handleAPIContactScore answers GET /api/v1/contacts/{id}/score: the
// score and why.
func handleAPIContactScore(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		score, why, err := s.app.ContactScore(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if why == nil {
			why = []app.ScoreReason{}
		}
		request.Encode(w, http.StatusOK, map[string]any{"score": score, "reasons": why})
	})
}
