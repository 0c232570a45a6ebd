package ui_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestRuleEditPage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	rule := decode[map[string]any](t, admin.json("POST", "/api/v1/automation/rules",
		`{"name": "Renewal soon", "enabled": true, "trigger": {"event": "tag.added", "value": "vip"}, "actions": [{"type": "add_tag", "value": "renew"}]}`), http.StatusCreated)
	id := rule["id"].(string)

	form := admin.get("/settings/automation/" + id + "/edit")
	is.Equal(form.StatusCode, http.StatusOK)
	is.True(strings.Contains(form.Body, `value="Renewal soon"`))             // the form is filled
	is.True(strings.Contains(form.Body, `name="version" value="1"`))         // and knows which version it edits
	is.True(strings.Contains(form.Body, `action="/settings/automation/`+id)) // it saves this rule

	bad := admin.post("/settings/automation/"+id, url.Values{"version": {"1"}, "enabled": {"1"}, "name": {"Renewal later"},
		"event": {"date.arriving"}, "trigger_field": {"nope"}, "trigger_value": {"soon"}, "conditions": {"score>=x"},
		"action.0.type": {"add_tag"}, "action.0.value": {"renew"}})
	is.Equal(bad.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(bad.Body, `value="Renewal later"`)) // what was entered is kept
	is.True(strings.Contains(bad.Body, `value="soon"`))
	for _, key := range []string{"error.rule_date_field_invalid", "error.rule_days_invalid", "error.rule_conditions_invalid"} {
		is.True(strings.Contains(bad.Body, html.EscapeString(ts.catalog.T("en", key)))) // each problem beside its field
	}

	noAction := admin.post("/settings/automation", url.Values{"name": {"Empty"}, "event": {"contact.created"}})
	is.Equal(noAction.StatusCode, http.StatusUnprocessableEntity)
	message := html.EscapeString(ts.catalog.T("en", "error.rule_actions_required"))
	at, conditions := strings.Index(noAction.Body, message), strings.Index(noAction.Body, `id="rule-conditions"`)
	is.True(at > strings.LastIndex(noAction.Body, `class="rule-action"`) && conditions > 0) // said after the actions, not under the conditions

	res := admin.post("/settings/automation/"+id, url.Values{"version": {"1"}, "name": {"Renewal later"},
		"event": {"tag.added"}, "trigger_value": {"gold"}, "action.0.type": {"add_tag"}, "action.0.value": {"renew"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	saved := decode[map[string]any](t, admin.get("/api/v1/automation/rules/"+id), http.StatusOK)
	is.Equal(saved["name"], "Renewal later")
	is.Equal(saved["enabled"], false) // the box was left unticked

	stale := admin.post("/settings/automation/"+id, url.Values{"version": {"1"}, "name": {"Old tab"},
		"event": {"tag.added"}, "action.0.type": {"add_tag"}, "action.0.value": {"renew"}})
	is.Equal(stale.StatusCode, http.StatusConflict) // someone saved it meanwhile

	sales := ts.loginAs(t, app.RoleSales)
	is.Equal(sales.get("/settings/automation/"+id+"/edit").StatusCode, http.StatusForbidden)
}
