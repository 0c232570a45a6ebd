package ui_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestAutomationPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	t.Run("a rule made on the page runs and shows its runs", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/settings/automation", url.Values{"name": {"VIP welcome"}, "event": {"tag.added"}, "trigger_value": {"vip"},
			"action.0.type": {"add_tag"}, "action.0.value": {"welcomed"}, "action.1.type": {""}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		res = admin.post("/contacts", url.Values{"first_name": {"Vera"}, "tags": {"vip"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		page := admin.get("/settings/automation")
		is.Equal(page.StatusCode, http.StatusOK)
		is.True(strings.Contains(page.Body, "VIP welcome"))
		is.True(strings.Contains(page.Body, `class="run-ok"`)) // the run is listed

		bad := admin.post("/settings/automation", url.Values{"name": {""}, "event": {"tag.added"}, "conditions": {"score>=x"}})
		is.Equal(bad.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(bad.Body, "field-error"))
	})

	t.Run("a webhook's secret is shown once", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/settings/webhooks", url.Values{"url": {"https://example.com/hook"}, "events": {"contact.created"}})
		is.Equal(res.StatusCode, http.StatusCreated)
		// The page escapes a "+" of the secret as "&#43;": read it unescaped,
		// or a secret that starts with "+" (one in 64) is not found.
		secret := regexp.MustCompile(`whsec_[A-Za-z0-9+/=]+`).FindString(html.UnescapeString(res.Body))
		is.True(secret != "")
		is.True(!strings.Contains(html.UnescapeString(admin.get("/settings/webhooks").Body), secret)) // never again
		bad := admin.post("/settings/webhooks", url.Values{"url": {"ftp://example.com"}})
		is.Equal(bad.StatusCode, http.StatusUnprocessableEntity)
	})

	t.Run("API keys page shows the token once", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/profile/api-keys", url.Values{"name": {"cron"}, "scope": {"write"}})
		is.Equal(res.StatusCode, http.StatusCreated)
		token := regexp.MustCompile(`rolo_[A-Za-z0-9_-]+`).FindString(res.Body)
		is.True(token != "")
		is.Equal(ts.bearer(t, token).get("/api/v1/me").StatusCode, http.StatusOK)
		is.True(!strings.Contains(admin.get("/profile/api-keys").Body, token))
	})

	t.Run("the bell counts unread notifications", func(t *testing.T) {
		is := is.New(t)
		sales := ts.loginAs(t, app.RoleSales)
		me := decode[map[string]any](t, sales.get("/api/v1/me"), http.StatusOK)
		res := admin.json("POST", "/api/v1/contacts", `{"first_name": "Given", "owner_id": "`+me["id"].(string)+`"}`)
		is.Equal(res.StatusCode, http.StatusCreated)
		page := sales.get("/tasks")
		is.True(strings.Contains(page.Body, `id="nav-bell"`))
		is.True(strings.Contains(page.Body, `<span class="nav-count">1</span>`))
		list := decode[struct {
			Unread int `json:"unread"`
		}](t, sales.get("/api/v1/notifications"), http.StatusOK)
		is.Equal(list.Unread, 1)
		is.Equal(sales.post("/notifications/read", nil).StatusCode, http.StatusSeeOther)
		is.True(!strings.Contains(sales.get("/tasks").Body, `<span class="nav-count">1</span>`))
	})

	t.Run("rules through the API", func(t *testing.T) {
		is := is.New(t)
		rule := decode[map[string]any](t, admin.json("POST", "/api/v1/automation/rules",
			`{"name": "API rule", "enabled": true, "trigger": {"event": "contact.created"}, "conditions": "tag:api", "actions": [{"type": "add_tag", "value": "via-api"}]}`), http.StatusCreated)
		id := rule["id"].(string)
		res := admin.json("POST", "/api/v1/contacts", `{"first_name": "Api", "tags": ["api"]}`)
		is.True(strings.Contains(res.Body, "via-api"))
		runs := decode[struct{ Data []map[string]any }](t, admin.get("/api/v1/automation/rules/"+id+"/runs"), http.StatusOK)
		is.Equal(len(runs.Data), 1)
		sales := ts.loginAs(t, app.RoleSales)
		problemOf(t, sales.json("POST", "/api/v1/automation/rules", `{}`), http.StatusForbidden)
		is.Equal(admin.do("DELETE", "/api/v1/automation/rules/"+id, nil).StatusCode, http.StatusNoContent)
	})
}
