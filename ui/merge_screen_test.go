package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestMergeScreenTakesChosenFields merges three contacts field by field:
// each chosen value ends up in the kept record, lists are combined, and
// undoing the merges brings the others back and the kept one's fields.
func TestMergeScreenTakesChosenFields(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	me := recordActor(t, ts)
	acme, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Acme"})
	is.NoErr(err)
	_, err = ts.app.CreateCustomField(ctx, nil, "contact", app.FieldInput{Key: "seats", Label: "Seats", Type: "number"})
	is.NoErr(err)
	_, err = ts.app.CreateCustomField(ctx, nil, "contact", app.FieldInput{Key: "region", Label: "Sales region", Type: "text"})
	is.NoErr(err)
	keep, err := ts.app.CreateContact(ctx, me, app.ContactInput{FirstName: "Ana", LastName: "Lima", Title: "Buyer", LifecycleStatus: "lead",
		Emails: []app.Labeled{{Value: "ana@example.com"}}, Tags: []string{"vip"}, OwnerID: me.ID,
		CustomFields: app.CustomValues{"seats": 5, "region": "North"}})
	is.NoErr(err)
	other, err := ts.app.CreateContact(ctx, me, app.ContactInput{FirstName: "Ana", LastName: "Lima Costa", Title: "CFO", LifecycleStatus: "customer",
		CompanyID: acme.ID, Birthday: "1990-04-02", Emails: []app.Labeled{{Value: "ana.lima@acme.example"}}, Phones: []app.Labeled{{Value: "+1 415 555 0134"}},
		Tags: []string{"fair"}, Address: app.Address{City: "Lisbon"}, CustomFields: app.CustomValues{"seats": 40, "region": "South"}})
	is.NoErr(err)
	third, err := ts.app.CreateContact(ctx, me, app.ContactInput{FirstName: "A.", LastName: "Lima", Title: "Chief Financial Officer", LeadSource: "Webinar",
		Emails: []app.Labeled{{Value: "ANA@example.com"}}})
	is.NoErr(err)
	ids := url.Values{"ids": {keep.ID, other.ID, third.ID}}

	res := admin.get("/contacts/merge?" + ids.Encode())
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `name="pick.title" value="`+other.ID+`"`))    // titles differ: a radio per record
	is.True(strings.Contains(res.Body, `name="pick.name" value="`+third.ID+`"`))     // names too
	is.True(!strings.Contains(res.Body, `name="pick.birthday"`))                     // one birthday: nothing to choose
	is.True(strings.Contains(res.Body, `name="pick.cf.seats" value="`+other.ID+`"`)) // custom values that differ: a choice too
	is.True(strings.Contains(res.Body, `name="keep" value="`+keep.ID+`" checked`))   // the first is kept by default
	is.True(strings.Contains(res.Body, "ana.lima@acme.example"))                     // lists are shown combined
	is.True(strings.Contains(res.Body, `id="merge-preview"`))

	// The preview follows the choices sent.
	res = admin.get("/contacts/merge?" + ids.Encode() + "&pick.title=" + third.ID + "&preview=1")
	is.Equal(res.StatusCode, http.StatusOK)
	preview := res.Body[strings.Index(res.Body, `id="merge-preview"`):]
	is.True(strings.Contains(preview, "Chief Financial Officer"))
	is.True(!strings.Contains(preview, "Buyer"))
	is.True(strings.Contains(preview, "Lisbon")) // an empty field is filled

	form := url.Values{"ids": ids["ids"], "keep": {keep.ID}, "pick.title": {third.ID}, "pick.lifecycle_status": {other.ID},
		"pick.company_id": {other.ID}, "pick.name": {keep.ID}, "pick.cf.seats": {other.ID}, "pick.cf.region": {keep.ID}}
	res = admin.post("/contacts/merge", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.HasPrefix(redirectTarget(res), "/contacts/merge?"))
	got, err := ts.app.Contact(ctx, nil, keep.ID)
	is.NoErr(err)
	is.Equal(got.Title, "Chief Financial Officer") // from the third
	is.Equal(got.LifecycleStatus, "customer")      // from the other
	is.Equal(got.CompanyID, acme.ID)
	is.Equal(got.DisplayName, "Ana Lima") // kept its own name
	is.Equal(got.Birthday, "1990-04-02")  // filled
	is.Equal(got.LeadSource, "Webinar")   // filled
	is.Equal(got.Address.City, "Lisbon")
	is.Equal(len(got.Emails), 2) // ana@ once, and the other's
	is.Equal(len(got.Phones), 1)
	is.Equal(len(got.Tags), 2)
	is.Equal(got.CustomFields["seats"], 40.0)     // taken from the other
	is.Equal(got.CustomFields["region"], "North") // kept
	for _, id := range []string{other.ID, third.ID} {
		c, err := ts.app.Contact(ctx, nil, id)
		is.NoErr(err)
		is.True(c.Trashed())
	}

	res = admin.get(redirectTarget(res))
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `id="merge-undo"`))
	merges, err := ts.app.RecentMerges(ctx, nil, "contact")
	is.NoErr(err)
	is.Equal(len(merges), 2)
	undo := url.Values{}
	for _, m := range merges {
		is.True(strings.Contains(res.Body, `name="m" value="`+m.ID+`"`)) // both are undone together
		undo.Add("m", m.ID)
	}
	res = admin.post("/contacts/merge/undo", undo)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(redirectTarget(res), "/contacts/"+keep.ID)
	got, err = ts.app.Contact(ctx, nil, keep.ID)
	is.NoErr(err)
	is.Equal(got.Title, "Buyer") // every field as before the first merge
	is.Equal(got.LifecycleStatus, "lead")
	is.Equal(got.CompanyID, "")
	is.Equal(got.Birthday, "")
	is.Equal(len(got.Emails), 1)
	is.Equal(len(got.Tags), 1)
	is.Equal(got.CustomFields["seats"], 5.0) // its own value back
	for _, c := range []app.Contact{other, third} {
		back, err := ts.app.Contact(ctx, nil, c.ID)
		is.NoErr(err)
		is.True(!back.Trashed())
		is.Equal(back.Title, c.Title)
		is.Equal(back.Emails[0].Value, c.Emails[0].Value)
	}
	back, err := ts.app.Contact(ctx, nil, other.ID)
	is.NoErr(err)
	is.Equal(back.CustomFields["seats"], 40.0) // and the other keeps its own
	res = admin.post("/contacts/merge/undo", undo)
	is.Equal(res.StatusCode, http.StatusSeeOther) // a second undo is refused with a message
	is.Equal(redirectTarget(res), "/data-quality")

	// Two contacts: the data-quality page's undo of one merge restores it too.
	form = url.Values{"ids": {keep.ID, other.ID}, "keep": {keep.ID}, "pick.title": {other.ID}}
	res = admin.post("/contacts/merge", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	got, err = ts.app.Contact(ctx, nil, keep.ID)
	is.NoErr(err)
	is.Equal(got.Title, "CFO")
	merges, err = ts.app.RecentMerges(ctx, nil, "contact")
	is.NoErr(err)
	res = admin.post("/merges/"+merges[0].ID+"/undo", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	got, err = ts.app.Contact(ctx, nil, keep.ID)
	is.NoErr(err)
	is.Equal(got.Title, "Buyer")
}

// TestMergeScreenPerRole: the screen and the merge are for roles that may
// delete contacts, over records they see; the data-quality page links to it.
func TestMergeScreenPerRole(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	a, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima", Emails: []app.Labeled{{Value: "ana@example.com"}}})
	is.NoErr(err)
	b, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima", Title: "CFO", Emails: []app.Labeled{{Value: "ana@example.com"}}})
	is.NoErr(err)
	path := "/contacts/merge?ids=" + a.ID + "&ids=" + b.ID

	res := admin.get("/data-quality")
	is.True(strings.Contains(res.Body, `href="/contacts/merge?ids=`+a.ID+`&ids=`+b.ID+`"`) ||
		strings.Contains(res.Body, `href="/contacts/merge?ids=`+b.ID+`&ids=`+a.ID+`"`)) // from the duplicate groups

	for _, c := range []struct {
		role app.Role
		may  bool
	}{{app.RoleManager, true}, {app.RoleSales, true}, {app.RoleMarketing, true}, {app.RoleSupport, false}, {app.RoleViewer, false}} {
		user := ts.loginAs(t, c.role)
		res := user.get(path)
		if c.may {
			is.Equal(res.StatusCode, http.StatusOK) // c.role
			continue
		}
		is.Equal(res.StatusCode, http.StatusForbidden) // c.role
		post := user.post("/contacts/merge", url.Values{"ids": {a.ID, b.ID}, "keep": {a.ID}, "pick.title": {b.ID}})
		is.Equal(post.StatusCode, http.StatusForbidden) // c.role
		got, err := ts.app.Contact(ctx, nil, b.ID)
		is.NoErr(err)
		is.True(!got.Trashed()) // nothing merged
	}

	// Limited to their own records, sales cannot put someone else's
	// contacts side by side.
	is.NoErr(ts.app.SetPermissions(ctx, recordActor(t, ts), app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	sales := ts.loginAs(t, app.RoleSales)
	res = sales.get(path)
	is.Equal(res.StatusCode, http.StatusNotFound)
	res = sales.post("/contacts/merge", url.Values{"ids": {a.ID, b.ID}, "keep": {a.ID}})
	is.True(res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusForbidden)
	got, err := ts.app.Contact(ctx, nil, b.ID)
	is.NoErr(err)
	is.True(!got.Trashed())

	// Marketing sees every record and may merge.
	res = ts.loginAs(t, app.RoleMarketing).post("/contacts/merge", url.Values{"ids": {a.ID, b.ID}, "keep": {a.ID}, "pick.title": {b.ID}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	got, err = ts.app.Contact(ctx, nil, a.ID)
	is.NoErr(err)
	is.Equal(got.Title, "CFO")
}
