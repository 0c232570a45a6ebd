package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestPermissionsPage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.get("/settings/permissions")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `name="level.viewer.contacts"`)) // a select per role and area
	is.True(strings.Contains(res.Body, `name="visible.sales"`))
	is.True(strings.Contains(res.Body, "Reads, never changes.")) // each role in plain words

	viewer := ts.loginAs(t, app.RoleViewer)
	is.Equal(viewer.post("/contacts", url.Values{"first_name": {"Nope"}}).StatusCode, http.StatusForbidden)
	res = admin.post("/settings/permissions", url.Values{"level.viewer.contacts": {"create"}, "visible.support": {"own"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(viewer.post("/contacts", url.Values{"first_name": {"Yes"}}).StatusCode, http.StatusSeeOther) // applies at once
	is.True(ts.app.Permissions().Visible[app.RoleSupport] == app.SeeOwn)

	is.Equal(admin.post("/settings/permissions", url.Values{"level.viewer.contacts": {"everything"}}).StatusCode, http.StatusUnprocessableEntity)
	is.Equal(viewer.get("/settings/permissions").StatusCode, http.StatusForbidden)

	field, err := ts.app.CreateCustomField(t.Context(), nil, "contact", app.FieldInput{Label: "Salary", Type: "number"})
	is.NoErr(err)
	res = admin.get("/settings/permissions")
	is.True(strings.Contains(res.Body, `name="prot.`+field.ID+`.sales"`)) // a select per field and role
	res = admin.post("/settings/field-protection", url.Values{"prot." + field.ID + ".sales": {"hidden"}, "prot." + field.ID + ".support": {"read_only"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	prot, err := ts.app.FieldProtections(t.Context())
	is.NoErr(err)
	is.Equal(prot[field.ID]["sales"], "hidden")
	is.Equal(prot[field.ID]["support"], "read_only")

	res = admin.post("/settings/retention", url.Values{"retention_days": {"abc"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, `value="abc"`)) // what was typed stays
	is.Equal(admin.post("/settings/retention", url.Values{"retention_days": {"90"}}).StatusCode, http.StatusSeeOther)
	is.Equal(ts.app.RetentionDays(t.Context()), 90)
}

func TestConsentExportAndErase(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	c, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ximena", LastName: "Poldark", Emails: []app.Labeled{{Value: "ximena@example.net"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("consent", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/contacts/"+c.ID+"/consent", url.Values{"consent_status": {"granted"}, "consent_date": {"2026-03-04"},
			"consent_source": {"web form"}, "consent_text": {"Send me news"}, "do_not_contact": {"1"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		page := admin.get("/contacts/" + c.ID).Body
		is.True(strings.Contains(page, `id="do-not-contact"`))
		is.True(strings.Contains(page, "Send me news"))
		res = admin.post("/contacts/"+c.ID+"/consent", url.Values{"consent_status": {"granted"}, "unsubscribed": {"1"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		got, err := ts.app.ContactConsent(ctx, nil, c.ID)
		is.NoErr(err)
		is.Equal(got.Status, "withdrawn") // unsubscribing withdraws consent
		is.True(!got.UnsubscribedAt.IsZero())
	})
	t.Run("export", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/api/v1/contacts/" + c.ID + "/export")
		is.Equal(res.StatusCode, http.StatusOK)
		var body struct {
			Contact struct {
				DisplayName string `json:"display_name"`
			} `json:"contact"`
			Consent struct {
				Status string `json:"status"`
			} `json:"consent"`
			History []struct{ Action string } `json:"history"`
		}
		is.NoErr(json.Unmarshal([]byte(res.Body), &body))
		is.Equal(body.Contact.DisplayName, "Ximena Poldark")
		is.Equal(body.Consent.Status, "withdrawn")
		is.True(len(body.History) > 0)
		res = admin.get("/contacts/" + c.ID + "/export")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "ximena@example.net")) // the readable page
		res = admin.get("/contacts/" + c.ID + "/export?format=json")
		is.True(strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment"))
	})
	t.Run("erase", func(t *testing.T) {
		is := is.New(t)
		is.Equal(admin.get("/contacts/"+c.ID+"/erase").StatusCode, http.StatusOK)
		res := admin.post("/contacts/"+c.ID+"/erase", url.Values{"confirm": {"Ximena"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // the whole name must be typed
		res = admin.json(http.MethodPost, "/api/v1/contacts/"+c.ID+"/erase", `{"confirm": "nobody"}`)
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		sales := ts.loginAs(t, app.RoleSales)
		res = sales.json(http.MethodPost, "/api/v1/contacts/"+c.ID+"/erase", `{"confirm": "Ximena Poldark"}`)
		is.Equal(res.StatusCode, http.StatusForbidden)
		res = admin.json(http.MethodPost, "/api/v1/contacts/"+c.ID+"/erase", `{"confirm": "Ximena Poldark"}`)
		is.Equal(res.StatusCode, http.StatusNoContent)
		is.Equal(admin.get("/contacts/"+c.ID).StatusCode, http.StatusNotFound)
		res = admin.get("/api/v1/search?q=ximena")
		is.True(!strings.Contains(res.Body, c.ID)) // the search index forgot them
	})
}

// TestOwnRecordsOnlyOverHTTP checks that the API, search, exports and the
// record pages show a user limited to their own records nothing else.
func TestOwnRecordsOnlyOverHTTP(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	res := admin.post("/settings/permissions", url.Values{"visible.sales": {"own"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	sales := ts.loginAs(t, app.RoleSales)
	var me struct{ ID string }
	is.NoErr(json.Unmarshal([]byte(sales.get("/api/v1/me").Body), &me))
	is.True(me.ID != "")
	mine, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Wilhelmina", LastName: "Own", OwnerID: me.ID})
	is.NoErr(err)
	theirs, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Wilhelmina", LastName: "Other"})
	is.NoErr(err)

	for path, want := range map[string]string{
		"/api/v1/contacts":                        mine.ID,
		"/api/v1/search?q=wilhelmina":             mine.ID,
		"/contacts":                               mine.ID,
		"/search?q=wilhelmina":                    mine.ID,
		"/export/contact?format=csv":              "Wilhelmina,Own",
		"/api/v1/contacts/" + mine.ID:             mine.ID,
		"/api/v1/contacts/" + mine.ID + "/export": mine.ID,
	} {
		res := sales.get(path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, res.StatusCode)
			continue
		}
		if !strings.Contains(res.Body, want) {
			t.Errorf("%s does not show the user's own record", path)
		}
		if strings.Contains(res.Body, theirs.ID) || strings.Contains(res.Body, "Wilhelmina Other") || strings.Contains(res.Body, "Wilhelmina,Other") {
			t.Errorf("%s shows a record the user may not see", path)
		}
	}
	// Reports: a manager sees the team's figures, unless limited to their
	// own records.
	manager := ts.loginAs(t, app.RoleManager)
	is.Equal(manager.get("/dashboard?owner=team").StatusCode, http.StatusOK)
	is.Equal(admin.post("/settings/permissions", url.Values{"visible.manager": {"own"}}).StatusCode, http.StatusSeeOther)
	is.Equal(manager.get("/dashboard?owner=team").StatusCode, http.StatusForbidden)
	is.Equal(manager.get("/dashboard").StatusCode, http.StatusOK) // their own figures still show

	for _, path := range []string{"/contacts/" + theirs.ID, "/api/v1/contacts/" + theirs.ID, "/api/v1/contacts/" + theirs.ID + "/export"} {
		if res := sales.get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
}
