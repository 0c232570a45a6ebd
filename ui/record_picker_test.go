package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// pickJSON asks GET /pick as b and returns the status and suggestions.
func pickJSON(t *testing.T, b *browser, kind, q string) (int, []map[string]string) {
	t.Helper()
	res := b.get("/pick?kind=" + kind + "&q=" + url.QueryEscape(q))
	var body struct {
		Data []map[string]string `json:"data"`
	}
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
		t.Fatalf("GET /pick: %v\n%s", err, res.Body)
	}
	return res.StatusCode, body.Data
}

// hasValue tells whether a suggestion carries value.
func hasValue(sugs []map[string]string, value string) bool {
	for _, s := range sugs {
		if s["value"] == value {
			return true
		}
	}
	return false
}

// lastOfManyContacts fills the test server with a 5,000-contact demo
// through the app's bulk path and returns the contact that comes last by
// name, far past any list a select could hold, with its first email.
func lastOfManyContacts(t *testing.T, ts *testServer) (id, name, email string) {
	t.Helper()
	start := time.Now()
	if err := ts.app.GenerateDemo(t.Context(), app.DemoOptions{Contacts: 5000, Companies: 150, Seed: 23}); err != nil {
		t.Fatal(err)
	}
	t.Logf("5,000 demo contacts in %v", time.Since(start).Round(time.Millisecond))
	err := ts.app.DB().Reader().QueryRowContext(t.Context(), `SELECT c.id, c.display_name, e.value FROM contacts c
		JOIN contact_emails e ON e.contact_id = c.id WHERE c.deleted_at IS NULL
		ORDER BY c.display_name DESC, c.id DESC, e.position LIMIT 1`).Scan(&id, &name, &email)
	if err != nil {
		t.Fatal(err)
	}
	return id, name, email
}

func TestPickerSuggestions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	far, farName, farEmail := lastOfManyContacts(t, ts)

	t.Run("the 5,000th contact is reachable", func(t *testing.T) {
		is := is.New(t)
		status, sugs := pickJSON(t, admin, "contact", farEmail)
		is.Equal(status, http.StatusOK)
		is.True(hasValue(sugs, far)) // found by its email
		status, sugs = pickJSON(t, admin, "contact", farName)
		is.Equal(status, http.StatusOK)
		is.True(len(sugs) > 0)
		for _, s := range sugs {
			is.True(s["detail"] != "") // every suggestion says more than the name: email, company
		}
		start := time.Now()
		for _, q := range []string{"k", "ki", "kim", "person", "person49", farEmail, farName, "example"} {
			pickJSON(t, admin, "contact", q)
		}
		t.Logf("GET /pick over 5,000 contacts: %v a request, over HTTP", (time.Since(start) / 8).Round(10*time.Microsecond))
	})

	t.Run("only kinds of record, and only the user's records", func(t *testing.T) {
		is := is.New(t)
		status, _ := pickJSON(t, admin, "task", "x")
		is.Equal(status, http.StatusBadRequest)
		anon := ts.browser(t)
		res := anon.get("/pick?kind=contact&q=a")
		is.True(res.StatusCode == http.StatusSeeOther || res.StatusCode == http.StatusUnauthorized) // signed-in users only

		is.NoErr(ts.app.SetPermissions(t.Context(), nil, app.PermissionChange{
			Levels:  map[app.Role]map[app.Area]app.Level{app.RoleSupport: {app.AreaDeals: app.LevelNone}},
			Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
		support := ts.loginAs(t, app.RoleSupport)
		status, _ = pickJSON(t, support, "deal", "a")
		is.Equal(status, http.StatusForbidden) // a role without deals gets none
		status, sugs := pickJSON(t, support, "contact", farEmail)
		is.Equal(status, http.StatusOK)
		is.True(hasValue(sugs, far)) // but contacts, as its role allows

		sales := ts.loginAs(t, app.RoleSales)
		status, sugs = pickJSON(t, sales, "contact", farEmail)
		is.Equal(status, http.StatusOK)
		is.True(!hasValue(sugs, far)) // a user limited to their own records is not offered others'
	})
}

// TestPickerWithoutJavaScript: the search box's text is searched when the
// form is submitted, and the form comes back unsaved with the matches in
// the select under the form's own field name; choosing one and saving
// links it. Scripts posting only contact_ids and company_id still save.
func TestPickerWithoutJavaScript(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	_, stages := salesStages(t, ts)
	co, err := ts.app.CreateCompany(t.Context(), recordActor(t, ts), app.CompanyInput{Name: "Hooli"})
	is.NoErr(err)
	gavin := createContact(t, ts, app.ContactInput{FirstName: "Gavin", LastName: "Belson", CompanyID: co.ID,
		Emails: []app.Labeled{{Value: "gavin@hooli.example"}}})
	other := createContact(t, ts, app.ContactInput{FirstName: "Gavin", LastName: "Belson", Emails: []app.Labeled{{Value: "gb@else.example"}}})

	form := url.Values{"title": {"Box"}, "stage_id": {stages["demo"].ID}, "company_id": {""}, "contact_ids": {""},
		"find.contact_ids.0": {"gavin"}, "find.company_id": {"hoo"}}
	res := admin.post("/deals", form)
	is.Equal(res.StatusCode, http.StatusOK) // the form again, not saved
	for _, option := range []string{
		`<option value="` + gavin.ID + `" data-label="Gavin Belson" data-detail="Hooli · gavin@hooli.example"`, // same names told apart
		`<option value="` + other.ID + `" data-label="Gavin Belson" data-detail="gb@else.example"`,
		`<option value="` + co.ID + `" data-label="Hooli" data-detail=""`,
	} {
		is.True(strings.Contains(res.Body, option)) // a match offered in its select
	}
	is.Equal(strings.Count(res.Body, `" selected>Gavin Belson`), 1) // the best match is chosen in the row searched
	is.True(strings.Contains(res.Body, `value="Box"`))              // what was typed stays
	list, err := ts.app.ListDeals(t.Context(), nil, app.DealQuery{})
	is.NoErr(err)
	is.Equal(len(list.Rows), 0) // nothing saved by a search

	res = admin.post("/deals", url.Values{"title": {"Box"}, "stage_id": {stages["demo"].ID}, "company_id": {co.ID},
		"contact_ids": {gavin.ID, ""}, "find.contact_ids.0": {""}, "find.company_id": {""}})
	is.Equal(res.StatusCode, http.StatusSeeOther) // chosen and saved
	d, err := ts.app.Deal(t.Context(), nil, strings.TrimPrefix(res.Header.Get("Location"), "/deals/"))
	is.NoErr(err)
	is.Equal(d.CompanyID, co.ID)
	is.Equal(d.ContactID, gavin.ID)

	edit := admin.get("/deals/" + d.ID + "/edit")
	is.True(strings.Contains(edit.Body, `<option value="`+co.ID+`" selected>Hooli`))              // the chosen company, named
	is.True(strings.Contains(edit.Body, `<option value="`+gavin.ID+`" selected>Gavin Belson · `)) // and contact, told apart

	act := admin.post("/activities", url.Values{"outcome": {"Called"}, "links": {""}, "find.links": {"belson"}})
	is.Equal(act.StatusCode, http.StatusOK)
	is.True(strings.Contains(act.Body, `<option value="contact:`+gavin.ID+`" data-label="Gavin Belson"`)) // any kind of record, as kind:id
	is.True(strings.Contains(act.Body, `<option value="deal:`+d.ID+`" data-label="Box"`))                 // deals too

	task := admin.post("/tasks", url.Values{"title": {"Call"}, "links": {""}, "find.links": {"hooli"}})
	is.Equal(task.StatusCode, http.StatusOK)
	is.True(strings.Contains(task.Body, `<option value="company:`+co.ID+`" data-label="Hooli"`)) // the task form links any record too

	contact := admin.post("/contacts", url.Values{"first_name": {"Nelson"}, "company_id": {""}, "find.company_id": {"hooli"}})
	is.Equal(contact.StatusCode, http.StatusOK) // the contact form's company is a picker as well
	is.True(strings.Contains(contact.Body, `<option value="`+co.ID+`" data-label="Hooli" data-detail="" selected>`))
	is.True(strings.Contains(contact.Body, `value="Nelson"`))
	contact = admin.post("/contacts", url.Values{"first_name": {"Nelson"}, "last_name": {"Bighetti"}, "company_id": {co.ID}})
	is.Equal(contact.StatusCode, http.StatusSeeOther) // a script posting company_id still saves
}
