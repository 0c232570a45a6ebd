package ui_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// confirmField is the hidden field that carries the candidates shown.
var confirmField = regexp.MustCompile(`name="confirm_duplicates" value="([^"]*)"`)

// selectedOwner is the owner the contact form proposes.
var selectedOwner = regexp.MustCompile(`name="owner_id"[^>]*>[\s\S]*?<option value="([^"]+)" selected>`)

// TestContactCreateHoldsLikelyDuplicates is issue 23's case: adding
// "ana LIMA" with ANA.LIMA@example.com when Ana Lima exists shows her
// before anything is saved, keeps what was typed, and "save anyway" saves.
func TestContactCreateHoldsLikelyDuplicates(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	ana, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima",
		Emails: []app.Labeled{{Value: "ana.lima@example.com"}}, Phones: []app.Labeled{{Value: "(415) 555-0134"}}})
	is.NoErr(err)
	other, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Bruno", LastName: "Costa",
		Emails: []app.Labeled{{Value: "bruno@example.com"}}})
	is.NoErr(err)

	form := url.Values{"first_name": {"ana"}, "last_name": {"LIMA"}, "emails.0.value": {"ANA.LIMA@example.com"},
		"title": {"Buyer"}, "notes": {"Met at the fair."}}
	res := admin.post("/contacts", form)
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, `id="candidate-`+ana.ID+`"`)) // Ana is shown
	is.True(!strings.Contains(res.Body, `id="candidate-`+other.ID))  // Bruno is not
	is.True(strings.Contains(res.Body, message(ts, "duplicates.reason.email")))
	is.True(strings.Contains(res.Body, message(ts, "duplicates.reason.name")))
	is.True(strings.Contains(res.Body, `href="/contacts/`+ana.ID+`" target="_blank"`)) // "open it" keeps the form
	is.True(strings.Contains(res.Body, `name="merge_with" value="`+ana.ID+`"`))        // "merge"
	is.True(strings.Contains(res.Body, `id="save-anyway"`))
	is.True(strings.Contains(res.Body, `value="Buyer"`)) // what was typed stays
	is.True(strings.Contains(res.Body, "Met at the fair."))
	is.True(strings.Contains(res.Body, `value="ANA.LIMA@example.com"`))
	list, err := ts.app.ListContacts(ctx, nil, app.ListQuery{})
	is.NoErr(err)
	is.Equal(list.Total, 2) // nothing was saved

	m := confirmField.FindStringSubmatch(res.Body)
	is.True(m != nil)
	is.Equal(m[1], ana.ID)
	form.Set("confirm_duplicates", m[1]) // "save anyway"
	res = admin.post("/contacts", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.HasPrefix(redirectTarget(res), "/contacts/"))
	list, err = ts.app.ListContacts(ctx, nil, app.ListQuery{})
	is.NoErr(err)
	is.Equal(list.Total, 3)

	// The same number typed another way is the same number in E.164.
	res = admin.post("/contacts", url.Values{"first_name": {"Someone"}, "phones.0.value": {"+1 415-555-0134"}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, `id="candidate-`+ana.ID+`"`))
	is.True(strings.Contains(res.Body, message(ts, "duplicates.reason.phone")))

	// Nothing alike: saved at once.
	res = admin.post("/contacts", url.Values{"first_name": {"Carla"}, "emails.0.value": {"carla@example.com"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)

	// A confirmation covers the candidates seen, not one met later.
	res = admin.post("/contacts", url.Values{"first_name": {"Dup"}, "emails.0.value": {"bruno@example.com"}, "confirm_duplicates": {ana.ID}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, `id="candidate-`+other.ID+`"`))
}

// TestContactDuplicateNames: the same name at the same company with other
// accents and spacing is a candidate; the same name at another company
// is someone else.
func TestContactDuplicateNames(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	acme, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Acme"})
	is.NoErr(err)
	globex, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Globex"})
	is.NoErr(err)
	zoe, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Zoë", LastName: "Müller", CompanyID: acme.ID})
	is.NoErr(err)

	res := admin.post("/contacts", url.Values{"first_name": {"ZOE"}, "last_name": {"muller"}, "company_id": {acme.ID}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, `id="candidate-`+zoe.ID+`"`))

	res = admin.post("/contacts", url.Values{"first_name": {"Zoë"}, "last_name": {"Müller"}, "company_id": {globex.ID}})
	is.Equal(res.StatusCode, http.StatusSeeOther) // another company, another person

	res = admin.post("/contacts", url.Values{"first_name": {"zoë"}, "last_name": {"MÜLLER"}})
	is.Equal(res.StatusCode, http.StatusConflict) // no company given: the same name anywhere is worth a look
}

// TestContactEditChecksWhatChanged: an edit that adds another contact's
// address is held; one that leaves email, phone and name alone is not,
// even when a duplicate already exists.
func TestContactEditChecksWhatChanged(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	ana, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima", Emails: []app.Labeled{{Value: "ana@example.com"}}})
	is.NoErr(err)
	twin, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima", Emails: []app.Labeled{{Value: "ana.lima@work.example"}}})
	is.NoErr(err)
	bia, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Bia", Emails: []app.Labeled{{Value: "bia@example.com"}}})
	is.NoErr(err)

	res := admin.get("/contacts/" + twin.ID + "/edit")
	is.Equal(res.StatusCode, http.StatusOK)
	version := formVersion(t, res.Body)
	form := url.Values{"version": {version}, "first_name": {"Ana"}, "last_name": {"Lima"}, "title": {"CFO"},
		"emails.0.value": {"ana.lima@work.example"}}
	res = admin.post("/contacts/"+twin.ID, form)
	is.Equal(res.StatusCode, http.StatusSeeOther) // the name did not change: not asked again

	res = admin.get("/contacts/" + bia.ID + "/edit")
	form = url.Values{"version": {formVersion(t, res.Body)}, "first_name": {"Bia"},
		"emails.0.value": {"bia@example.com"}, "emails.1.value": {"Ana@Example.com"}}
	res = admin.post("/contacts/"+bia.ID, form)
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, `id="candidate-`+ana.ID+`"`))
	is.True(!strings.Contains(res.Body, `id="candidate-`+bia.ID+`"`)) // never its own duplicate
	is.True(strings.Contains(res.Body, `value="Ana@Example.com"`))

	// "Save and merge": saved, then the merge screen with both.
	form.Set("confirm_duplicates", confirmField.FindStringSubmatch(res.Body)[1])
	form.Set("merge_with", ana.ID)
	res = admin.post("/contacts/"+bia.ID, form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(redirectTarget(res), "/contacts/merge?ids="+ana.ID+"&ids="+bia.ID)
	saved, err := ts.app.Contact(ctx, nil, bia.ID)
	is.NoErr(err)
	is.Equal(len(saved.Emails), 2)
	res = admin.get(redirectTarget(res))
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `id="merge-fields"`))
}

// TestContactDuplicatesPerRole: each role that may add contacts gets the
// check; only roles that may merge get "merge"; a user limited to their
// own records is shown only their own.
func TestContactDuplicatesPerRole(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	ana, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima", Emails: []app.Labeled{{Value: "ana.lima@example.com"}}})
	is.NoErr(err)
	dup := url.Values{"first_name": {"Ana"}, "last_name": {"Lima"}, "emails.0.value": {"ana.lima@example.com"}}
	for _, c := range []struct {
		role  app.Role
		merge bool
	}{{app.RoleAdmin, true}, {app.RoleManager, true}, {app.RoleSales, true}, {app.RoleMarketing, true}, {app.RoleSupport, false}} {
		b := admin
		if c.role != app.RoleAdmin {
			b = ts.loginAs(t, c.role)
		}
		res := b.post("/contacts", dup)
		is.Equal(res.StatusCode, http.StatusConflict)
		is.True(strings.Contains(res.Body, `id="candidate-`+ana.ID+`"`))
		is.Equal(strings.Contains(res.Body, `name="merge_with"`), c.merge) // c.role
	}
	viewer := ts.loginAs(t, app.RoleViewer)
	res := viewer.post("/contacts", dup)
	is.Equal(res.StatusCode, http.StatusForbidden) // viewers add nothing, and learn nothing

	// Sales limited to their own records: Ana is someone else's.
	me := recordActor(t, ts)
	is.NoErr(ts.app.SetPermissions(ctx, me, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	sales := ts.loginAs(t, app.RoleSales)
	owner := selectedOwner.FindStringSubmatch(sales.get("/contacts/new").Body)
	is.True(owner != nil)
	dup.Set("owner_id", owner[1]) // as the form sends it: their own
	res = sales.post("/contacts", dup)
	is.Equal(res.StatusCode, http.StatusSeeOther)
}
