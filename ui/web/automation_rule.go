package web

import (
	"encoding/json"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// rulePage shows one rule, its definition and its latest runs.
type rulePage struct {
	Base
	Rule       app.Rule
	Definition string
	RunTable   runTable
}

// handleRuleShow shows a rule with its run log.
func handleRuleShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "automation.title")
		rule, err := s.app.Rule(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		runs, err := s.app.RuleRuns(r.Context(), b.User, rule.ID, 100)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		def, _ := json.MarshalIndent(rule.RuleDefinition, "", "  ")
		s.views.render(w, r, http.StatusOK, "automation_rule", b.Lang, rulePage{Base: b, Rule: rule, Definition: string(def),
			RunTable: runTable{Runs: runs, Names: map[string]string{rule.ID: rule.Name}}})
	})
}

// handleRuleToggle switches a rule on or off.
func handleRuleToggle(s *site, enabled bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "automation.title")
		if _, err := s.app.SetRuleEnabled(r.Context(), b.User, mux.Vars(r)["id"], enabled); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "automation.saved")
		redirect(w, r, "/settings/automation")
	})
}

// handleRuleDelete removes a rule with its run log.
func handleRuleDelete(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "automation.title")
		if err := s.app.DeleteRule(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "automation.deleted")
		redirect(w, r, "/settings/automation")
	})
}
