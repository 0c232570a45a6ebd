package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestAuditLogPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ada := adminActor(t, ts)
	ctx := t.Context()
	sales := ts.loginAs(t, app.RoleSales)
	ann := seedContact(t, ts, ada, app.ContactInput{FirstName: "Ann", Title: "CTO", Tags: []string{"<script>alert(1)</script>"}})
	in := app.InputOf(ann)
	in.Title = "CEO"
	if _, err := ts.app.UpdateContact(ctx, ada, ann.ID, ann.Version, in); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{ts.app.TrashContact(ctx, ada, ann.ID), ts.app.RestoreContact(ctx, ada, ann.ID)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	acme, err := ts.app.CreateCompany(app.WithOrigin(ctx, app.Origin{Kind: app.OriginCLI}), nil, app.CompanyInput{Name: "Acme"}) // from the command line
	if err != nil {
		t.Fatal(err)
	}

	t.Run("shows who did what, newest first, with changed fields", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/settings/audit")
		is.Equal(res.StatusCode, http.StatusOK)
		body := res.Body
		annLink := `<a href="/contacts/` + ann.ID + `">“Ann”</a>`
		for _, sentence := range []string{"Ada Admin</span> created the contact " + annLink, "Ada Admin</span> changed the contact " + annLink,
			"Ada Admin</span> moved the contact " + annLink + " to the trash", "Ada Admin</span> restored the contact " + annLink + " from the trash",
			"Command line</span> created the company <a href=\"/companies/" + acme.ID + "\">“Acme”</a>", "created the tag", "Ada Admin</span> signed in"} {
			is.True(strings.Contains(body, sentence)) // every kind of entry is a sentence, the record linked
		}
		is.True(strings.Index(body, "created the company") < strings.Index(body, "restored the contact")) // newest first
		is.True(strings.Index(body, "restored the contact") < strings.Index(body, "created the contact"))
		is.True(strings.Contains(body, `<span class="audit-from">CTO</span>`)) // title: CTO → CEO
		is.True(strings.Contains(body, `<span class="audit-to">CEO</span>`))
		is.True(strings.Contains(body, "Command line</span>")) // the CLI made Acme
		is.True(strings.Contains(body, "Ada Admin"))
		is.True(strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;")) // the tag's name, escaped
		is.True(!strings.Contains(body, "<script>alert(1)</script>"))
	})

	t.Run("filters by kind of record, action and user", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/settings/audit?entity=company")
		is.True(strings.Contains(res.Body, "created the company"))
		is.True(!strings.Contains(res.Body, "created the contact"))
		is.True(strings.Contains(res.Body, `<option value="company" selected>`)) // the filter shows what is chosen
		res = admin.get("/settings/audit?entity=contact&action=updated")         // short action names work with a kind
		is.True(strings.Contains(res.Body, "changed the contact"))
		is.True(!strings.Contains(res.Body, "created the contact"))
		res = admin.get("/settings/audit?action=contact.deleted")
		is.True(strings.Contains(res.Body, "to the trash"))
		is.True(!strings.Contains(res.Body, "restored the contact"))
		salesUser := ""
		users, _ := ts.app.Users(ctx, ada)
		for _, u := range users {
			if u.Role == app.RoleSales {
				salesUser = u.ID
			}
		}
		res = admin.get("/settings/audit?" + url.Values{"actor": {salesUser}}.Encode())
		is.True(strings.Contains(res.Body, "signed in")) // the sales user's login
		is.True(!strings.Contains(res.Body, "created the contact"))
		res = admin.get("/settings/audit?action=nothing.like.this")
		is.True(strings.Contains(res.Body, "No changes match these filters."))
	})

	t.Run("pages back through older entries", func(t *testing.T) {
		is := is.New(t)
		for range 50 {
			seedContact(t, ts, ada, app.ContactInput{FirstName: "Filler"})
		}
		res := admin.get("/settings/audit?entity=contact")
		_, older, found := strings.Cut(res.Body, `<a href="/settings/audit?`)
		is.True(found) // 54 contact entries make two pages
		older, _, _ = strings.Cut(older, `"`)
		res = admin.get("/settings/audit?" + strings.ReplaceAll(older, "&amp;", "&"))
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "created the contact"))
		is.True(strings.Contains(res.Body, "Newest entries"))
		is.True(!strings.Contains(res.Body, "created the company")) // the filter is kept
	})

	t.Run("purged records keep their name", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(ts.app.TrashCompany(ctx, ada, acme.ID))
		_, err := ts.app.EmptyTrash(ctx, ada)
		is.NoErr(err)
		res := admin.get("/settings/audit?action=company.purged")
		is.True(strings.Contains(res.Body, "deleted the company “Acme” for good"))
		is.True(strings.Contains(between(res.Body, "<tbody>", "</tbody>"), "Acme"))
		is.True(!strings.Contains(res.Body, `href="/companies/`+acme.ID)) // no link to a record that is gone
	})

	t.Run("only admins", func(t *testing.T) {
		is := is.New(t)
		is.Equal(sales.get("/settings/audit").StatusCode, http.StatusForbidden)
		is.Equal(ts.loginAs(t, app.RoleManager).get("/settings/audit").StatusCode, http.StatusForbidden)
		is.True(!strings.Contains(sales.get("/settings").Body, `href="/settings/audit"`)) // nor linked for them
		is.True(strings.Contains(admin.get("/settings").Body, `href="/settings/audit"`))
	})
}

func TestPhoneRegionSetting(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ada := adminActor(t, ts)
	ctx := t.Context()

	t.Run("an invalid region is refused beside the field", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/settings/phone-region", url.Values{"phone_region": {"XX"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, "Use a two-letter country code"))
		is.True(strings.Contains(res.Body, `value="XX"`)) // what was typed is kept
		is.Equal(ts.app.PhoneRegion(ctx), app.DefaultPhoneRegion)
	})

	t.Run("a valid region reads new numbers", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/settings")
		is.True(strings.Contains(res.Body, `value="US"`))                              // the current region
		is.True(strings.Contains(res.Body, `<option value="KR">South Korea</option>`)) // suggestions, named
		res = admin.post("/settings/phone-region", url.Values{"phone_region": {" kr "}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(ts.app.PhoneRegion(ctx), "KR")
		res = admin.get("/settings")
		is.True(strings.Contains(res.Body, "The default phone region was saved."))
		is.True(strings.Contains(res.Body, `value="KR"`))
		c := seedContact(t, ts, ada, app.ContactInput{FirstName: "Min", Phones: []app.Labeled{{Value: "010-1234-5678"}}})
		is.Equal(c.Phones[0].E164, "+821012345678") // read as a Korean number
		res = admin.get("/settings/audit?entity=settings")
		is.True(strings.Contains(res.Body, "Default phone region"))
		is.True(strings.Contains(res.Body, "KR"))
	})

	t.Run("only admins see and change it", func(t *testing.T) {
		is := is.New(t)
		sales := ts.loginAs(t, app.RoleSales)
		is.True(!strings.Contains(sales.get("/settings").Body, `name="phone_region"`))
		is.Equal(sales.post("/settings/phone-region", url.Values{"phone_region": {"JP"}}).StatusCode, http.StatusForbidden)
		is.Equal(ts.app.PhoneRegion(ctx), "KR")
		body := sales.get("/settings").Body
		is.True(strings.Contains(body, `href="/settings/tags"`)) // everyone finds tags and trash
		is.True(strings.Contains(body, `href="/trash"`))
	})
}
