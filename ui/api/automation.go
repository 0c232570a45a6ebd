package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// ruleJSON is a rule as the API shows it: its definition plus identity.
type ruleJSON struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	app.RuleDefinition
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func ruleOf(r app.Rule) ruleJSON {
	return ruleJSON{ID: r.ID, Version: r.Version, RuleDefinition: r.RuleDefinition, CreatedAt: r.Stored.CreatedAt, UpdatedAt: r.Stored.UpdatedAt}
}

type runJSON struct {
	ID       string    `json:"id"`
	RuleID   string    `json:"rule_id"`
	Event    string    `json:"event"`
	Entity   string    `json:"entity"`
	EntityID string    `json:"entity_id"`
	Status   string    `json:"status"`
	Error    string    `json:"error"`
	Depth    int       `json:"depth"`
	At       time.Time `json:"at"`
}

func runsOf(list []app.RuleRun) []runJSON {
	out := []runJSON{}
	for _, r := range list {
		out = append(out, runJSON{ID: r.ID, RuleID: r.RuleID, Event: r.Event, Entity: r.Entity, EntityID: r.EntityID, Status: r.Status, Error: r.Error, Depth: r.Depth, At: r.At})
	}
	return out
}

// handleAPIRuleList answers GET /api/v1/automation/rules.
func handleAPIRuleList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rules, err := s.app.Rules(r.Context(), request.CurrentUser(r))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []ruleJSON{}
		for _, rule := range rules {
			out = append(out, ruleOf(rule))
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}

// handleAPIRuleCreate answers POST /api/v1/automation/rules.
func handleAPIRuleCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaAutomation, app.LevelManage) {
			return
		}
		var def app.RuleDefinition
		if _, err := decodeBody(w, r, &def); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		rule, err := s.app.CreateRule(r.Context(), request.CurrentUser(r), def)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusCreated, ruleOf(rule))
	})
}

// handleAPIRuleShow answers GET /api/v1/automation/rules/{id}.
func handleAPIRuleShow(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rule, err := s.app.Rule(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, ruleOf(rule))
	})
}

// handleAPIRuleReplace answers PUT /api/v1/automation/rules/{id}: the
// whole definition, with the version it was read at.
func handleAPIRuleReplace(s *apiSite) http.Handler {
	type body struct {
		Version int `json:"version"`
		app.RuleDefinition
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaAutomation, app.LevelManage) {
			return
		}
		var b body
		if _, err := decodeBody(w, r, &b); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		rule, err := s.app.UpdateRule(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], b.Version, b.RuleDefinition)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, ruleOf(rule))
	})
}

// handleAPIRuleDelete answers DELETE /api/v1/automation/rules/{id}.
func handleAPIRuleDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.DeleteRule(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// handleAPIRuleRuns answers GET /api/v1/automation/rules/{id}/runs: the
// latest runs with their outcomes.
func handleAPIRuleRuns(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := s.app.Rule(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		runs, err := s.app.RuleRuns(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], 100)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": runsOf(runs)})
	})
}
