package ui_test

import (
	"net/http"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// The deal settings (managers), the date reminders and the permission
// matrix (admins), as their pages change them.
func TestAPIInstanceSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	manager := ts.loginAs(t, app.RoleManager)
	sales := ts.loginAs(t, app.RoleSales)
	reader := readKey(t, ts, admin)

	t.Run("managers set the default currency and the lost reasons", func(t *testing.T) {
		is := is.New(t)
		// everyone reads them; before any is set, the built-in reasons
		before := decode[api.DealSettingsJSON](t, sales.get("/api/v1/deal-settings"), http.StatusOK)
		is.True(len(before.LostReasons) > 0)
		got := decode[api.DealSettingsJSON](t, manager.json("PATCH", "/api/v1/deal-settings", `{"default_currency": "eur", "lost_reasons": ["Price", "price", " Timing "]}`), http.StatusOK)
		is.Equal(got.DefaultCurrency, "EUR")
		is.Equal(got.LostReasons, []string{"Price", "Timing"}) // cleaned, without repeats
		got = decode[api.DealSettingsJSON](t, manager.json("PATCH", "/api/v1/deal-settings", `{"lost_reasons": []}`), http.StatusOK)
		is.Equal(got.DefaultCurrency, "EUR")          // absent: kept
		is.Equal(got.LostReasons, before.LostReasons) // empty: the built-in ones again
		deal := decode[map[string]any](t, manager.json("POST", "/api/v1/deals", `{"title": "Euro deal"}`), http.StatusCreated)
		is.Equal(deal["currency"], "EUR")
		p := problemOf(t, manager.json("PATCH", "/api/v1/deal-settings", `{"default_currency": "Euros"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["default_currency"] != "")
		problemOf(t, sales.json("PATCH", "/api/v1/deal-settings", `{"default_currency": "USD"}`), http.StatusForbidden)
		problemOf(t, reader.json("PATCH", "/api/v1/deal-settings", `{"default_currency": "USD"}`), http.StatusForbidden)
	})

	t.Run("admins change a date reminder", func(t *testing.T) {
		is := is.New(t)
		list := decode[struct{ Data []api.DateReminderJSON }](t, admin.get("/api/v1/date-reminders"), http.StatusOK)
		is.True(len(list.Data) > 0)
		d := list.Data[0]
		is.Equal(d.Field, "birthday")
		got := decode[api.DateReminderJSON](t, admin.json("PATCH", "/api/v1/date-reminders/"+d.ID, `{"days_before": 5}`), http.StatusOK)
		is.Equal(got.DaysBefore, 5)
		is.Equal(got.Enabled, d.Enabled) // absent: kept
		got = decode[api.DateReminderJSON](t, admin.json("PATCH", "/api/v1/date-reminders/"+d.ID, `{"enabled": false}`), http.StatusOK)
		is.True(!got.Enabled)
		is.Equal(got.DaysBefore, 5)
		p := problemOf(t, admin.json("PATCH", "/api/v1/date-reminders/"+d.ID, `{"days_before": 61}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["days_before"] != "")
		problemOf(t, admin.json("PATCH", "/api/v1/date-reminders/nope", `{"days_before": 1}`), http.StatusNotFound)
		problemOf(t, manager.get("/api/v1/date-reminders"), http.StatusForbidden)
		problemOf(t, manager.json("PATCH", "/api/v1/date-reminders/"+d.ID, `{"days_before": 1}`), http.StatusForbidden)
		problemOf(t, reader.json("PATCH", "/api/v1/date-reminders/"+d.ID, `{"days_before": 1}`), http.StatusForbidden)
	})

	t.Run("admins change the instance's settings; a refused member changes none", func(t *testing.T) {
		is := is.New(t)
		got := decode[api.SettingsJSON](t, admin.json("PATCH", "/api/v1/settings", `{"retention_days": 90, "phone_region": "kr", "email_logging": false, "allow_private_webhooks": true}`), http.StatusOK)
		is.Equal(got, api.SettingsJSON{RetentionDays: 90, PhoneRegion: "KR", EmailLogging: false, AllowPrivateWebhooks: true})
		p := problemOf(t, admin.json("PATCH", "/api/v1/settings", `{"retention_days": -1, "phone_region": "Atlantis", "email_logging": true}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["retention_days"] != "")
		is.True(p.Errors["phone_region"] != "")
		again := decode[api.SettingsJSON](t, admin.get("/api/v1/settings"), http.StatusOK)
		is.Equal(again, got) // email_logging stayed off
		problemOf(t, manager.get("/api/v1/settings"), http.StatusForbidden)
		problemOf(t, manager.json("PATCH", "/api/v1/settings", `{"retention_days": 1}`), http.StatusForbidden)
		problemOf(t, reader.json("PATCH", "/api/v1/settings", `{"retention_days": 1}`), http.StatusForbidden)
	})

	t.Run("admins hide a custom field from a role or make it read-only", func(t *testing.T) {
		is := is.New(t)
		f := decode[api.FieldJSON](t, admin.json("POST", "/api/v1/fields", `{"entity": "contact", "label": "Salary", "type": "number"}`), http.StatusCreated)
		got := decode[map[string]map[string]string](t, admin.json("PATCH", "/api/v1/field-protection", `{"`+f.ID+`": {"sales": "hidden", "support": "read_only"}}`), http.StatusOK)
		is.Equal(got[f.ID], map[string]string{"sales": "hidden", "support": "read_only"})
		c := decode[map[string]any](t, admin.json("POST", "/api/v1/contacts", `{"first_name": "Paid", "custom_fields": {"salary": 100}}`), http.StatusCreated)
		seen := decode[map[string]any](t, sales.get("/api/v1/contacts/"+c["id"].(string)), http.StatusOK)
		_, shown := seen["custom_fields"].(map[string]any)["salary"]
		is.True(!shown) // hidden from sales
		p := problemOf(t, admin.json("PATCH", "/api/v1/field-protection", `{"`+f.ID+`": {"sales": "", "admin": "hidden", "viewer": "secret"}}`), http.StatusUnprocessableEntity)
		is.True(p.Errors[f.ID+".admin"] != "" && p.Errors[f.ID+".viewer"] != "")
		again := decode[map[string]map[string]string](t, admin.get("/api/v1/field-protection"), http.StatusOK)
		is.Equal(again[f.ID]["sales"], "hidden") // a refused patch changes nothing
		problemOf(t, admin.json("PATCH", "/api/v1/field-protection", `{"no-such-field": {"sales": "hidden"}}`), http.StatusNotFound)
		problemOf(t, manager.json("PATCH", "/api/v1/field-protection", `{"`+f.ID+`": {"sales": ""}}`), http.StatusForbidden)
		problemOf(t, reader.json("PATCH", "/api/v1/field-protection", `{"`+f.ID+`": {"sales": ""}}`), http.StatusForbidden)
	})

	t.Run("admins change cells of the permission matrix; the change applies at once", func(t *testing.T) {
		is := is.New(t)
		m := decode[api.PermissionsJSON](t, admin.get("/api/v1/permissions"), http.StatusOK)
		is.Equal(m.Levels["sales"]["forms"], "none")
		is.Equal(m.Levels["admin"]["settings"], "manage")
		problemOf(t, sales.get("/api/v1/web-forms"), http.StatusForbidden)
		m = decode[api.PermissionsJSON](t, admin.json("PATCH", "/api/v1/permissions", `{"levels": {"sales": {"forms": "view"}}, "visible": {"sales": "own"}}`), http.StatusOK)
		is.Equal(m.Levels["sales"]["forms"], "view")
		is.Equal(m.Levels["sales"]["contacts"], "delete") // cells not sent keep their value
		is.Equal(m.Visible["sales"], "own")
		is.Equal(sales.get("/api/v1/web-forms").StatusCode, http.StatusOK) // sales now see forms

		p := problemOf(t, admin.json("PATCH", "/api/v1/permissions", `{"levels": {"sales": {"forms": "everything", "planets": "view"}, "admin": {"settings": "none"}, "king": {}}, "visible": {"sales": "some"}}`), http.StatusUnprocessableEntity)
		for _, field := range []string{"levels.sales.forms", "levels.sales.planets", "levels.admin", "levels.king", "visible.sales"} {
			is.True(p.Errors[field] != "")
		}
		problemOf(t, manager.get("/api/v1/permissions"), http.StatusForbidden)
		problemOf(t, manager.json("PATCH", "/api/v1/permissions", `{"levels": {"manager": {"settings": "manage"}}}`), http.StatusForbidden)
		problemOf(t, reader.json("PATCH", "/api/v1/permissions", `{"visible": {"sales": "all"}}`), http.StatusForbidden)
		again := decode[api.PermissionsJSON](t, reader.get("/api/v1/permissions"), http.StatusOK) // an admin's read key reads
		is.Equal(again.Levels["manager"]["settings"], "view")
	})
}
