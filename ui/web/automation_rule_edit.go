package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// editableRule loads the rule of the path for someone who may change it
// (asked first, so that others learn nothing of which rules exist).
func (s *site) editableRule(r *http.Request, b Base) (app.Rule, error) {
	if !app.CanManageAutomation(b.User) {
		return app.Rule{}, &app.Error{Code: app.EForbidden, Message: "error.forbidden"}
	}
	return s.app.Rule(r.Context(), b.User, mux.Vars(r)["id"])
}

// handleRuleEdit shows the rule form filled with a rule.
func handleRuleEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "automation.edit_title")
		rule, err := s.editableRule(r, b)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.renderRuleEdit(w, r, http.StatusOK, automationPage{Base: b, New: rule.RuleDefinition, Editing: &rule})
	})
}

func (s *site) renderRuleEdit(w http.ResponseWriter, r *http.Request, status int, page automationPage) {
	if err := s.ruleFormChoices(r, &page); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	s.views.render(w, r, status, "automation_rule_edit", page.Lang, page)
}

// handleRuleUpdate saves the edited rule; problems show beside their
// fields with what was entered, and a rule saved meanwhile by someone else
// is not overwritten.
func handleRuleUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "automation.edit_title")
		rule, err := s.editableRule(r, b)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		def, err := s.postedRule(w, r, b)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		_, err = s.app.UpdateRule(r.Context(), b.User, rule.ID, version, def)
		if fields := fieldErrors(err); fields != nil {
			rule.Version = version // keep the version the form was made from
			s.renderRuleEdit(w, r, http.StatusUnprocessableEntity, automationPage{Base: b, New: def, Editing: &rule, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "automation.saved")
		redirect(w, r, "/settings/automation/"+rule.ID)
	})
}
