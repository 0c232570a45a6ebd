package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// adminActor is the admin that setupAdmin made, for seeding through app.
func adminActor(t *testing.T, ts *testServer) *app.User {
	t.Helper()
	u, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// seedContact creates a contact through the app, as a form would.
func seedContact(t *testing.T, ts *testServer, actor *app.User, in app.ContactInput) app.Contact {
	t.Helper()
	c, err := ts.app.CreateContact(t.Context(), actor, in)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func tagNames(c app.Contact) []string {
	var names []string
	for _, t := range c.Tags {
		names = append(names, t.Name)
	}
	return names
}

func TestTagsPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ada := adminActor(t, ts)
	ctx := t.Context()
	ann := seedContact(t, ts, ada, app.ContactInput{FirstName: "Ann", Tags: []string{"VIP", "webinar"}})
	bob := seedContact(t, ts, ada, app.ContactInput{FirstName: "Bob", Tags: []string{"Very important"}})
	acme, err := ts.app.CreateCompany(ctx, ada, app.CompanyInput{Name: "Acme", Tags: []string{"vip"}})
	if err != nil {
		t.Fatal(err)
	}
	tagID := func(name string) string {
		tag, err := ts.app.TagByName(ctx, name)
		if err != nil {
			t.Fatalf("tag %q: %v", name, err)
		}
		return tag.ID
	}
	vip, webinar, important := tagID("vip"), tagID("webinar"), tagID("very important")

	t.Run("lists tags with counts, colours and links", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/settings/tags")
		is.Equal(res.StatusCode, http.StatusOK)
		row := between(res.Body, `id="tag-`+vip+`"`, "</tr>")
		is.True(strings.Contains(row, `<circle cx="5" cy="5" r="5" fill="#`)) // an SVG dot, not a style attribute
		is.True(strings.Contains(row, `href="/contacts?tag=VIP">1</a>`))      // one contact, linked to the filtered list
		is.True(strings.Contains(row, `href="/companies?tag=VIP">1</a>`))     // one company
		is.True(strings.Contains(row, `type="color"`))
		is.True(!strings.Contains(res.Body, ` style=`)) // the CSP would block it
	})

	t.Run("rename and recolour", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/settings/tags/"+webinar, url.Values{"name": {"Webinar 2026"}, "color": {"#ABCDEF"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		tag, err := ts.app.TagByName(ctx, "webinar 2026")
		is.NoErr(err)
		is.Equal(tag.ID, webinar)
		is.Equal(tag.Color, "#abcdef") // stored lower-case, as <input type=color> sends it
		res = admin.get("/settings/tags")
		is.True(strings.Contains(res.Body, "The tag was saved."))
		is.True(strings.Contains(res.Body, `fill="#abcdef"`))
		c, _ := ts.app.Contact(ctx, ada, ann.ID)
		is.Equal(tagNames(c), []string{"VIP", "Webinar 2026"}) // the record follows the rename
	})

	t.Run("renaming onto another tag's name is refused beside the row", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/settings/tags/"+important, url.Values{"name": {"vip"}, "color": {"#123456"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		row := between(res.Body, `id="tag-`+important+`"`, "</tr>")
		is.True(strings.Contains(row, "Another tag already has this name. Merge the two tags instead.")) // the error sits in the row
		is.True(strings.Contains(row, `value="vip"`))                                                    // what was typed is kept
		res = admin.post("/settings/tags/"+important, url.Values{"name": {"x"}, "color": {"red"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, "Use a colour like #2563eb."))
	})

	t.Run("merge moves the records and deletes the merged tag", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/settings/tags")
		is.True(strings.Contains(between(res.Body, `id="tag-`+important+`"`, "</tr>"), `<option value="`+vip+`">VIP</option>`)) // the other tags are offered
		res = admin.post("/settings/tags/"+important+"/merge", url.Values{"into": {vip}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		c, _ := ts.app.Contact(ctx, ada, bob.ID)
		is.Equal(tagNames(c), []string{"VIP"})
		_, err := ts.app.TagByName(ctx, "very important")
		is.Equal(app.ErrorCode(err), app.ENotFound) // merged away
		res = admin.get("/settings/tags")
		is.True(strings.Contains(res.Body, "The tags were merged."))
		is.True(strings.Contains(between(res.Body, `id="tag-`+vip+`"`, "</tr>"), `href="/contacts?tag=VIP">2</a>`))
		res = admin.post("/settings/tags/"+vip+"/merge", url.Values{"into": {vip}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, "Choose a different tag to merge into."))
	})

	t.Run("delete removes the tag from every record", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/settings/tags/"+vip+"/delete", nil)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		c, _ := ts.app.Contact(ctx, ada, ann.ID)
		is.Equal(tagNames(c), []string{"Webinar 2026"})
		co, _ := ts.app.Company(ctx, ada, acme.ID)
		is.Equal(len(co.Tags), 0)
		is.Equal(admin.post("/settings/tags/"+vip+"/delete", nil).StatusCode, http.StatusNotFound) // already gone
	})

	t.Run("viewers see the tags but no forms, and cannot write", func(t *testing.T) {
		is := is.New(t)
		viewer := ts.loginAs(t, app.RoleViewer)
		res := viewer.get("/settings/tags")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "Webinar 2026"))
		is.True(!strings.Contains(res.Body, `action="/settings/tags/`)) // no forms
		res = viewer.post("/settings/tags/"+webinar, url.Values{"name": {"Hijacked"}, "color": {"#000000"}})
		is.Equal(res.StatusCode, http.StatusForbidden)
		is.Equal(viewer.post("/settings/tags/"+webinar+"/delete", nil).StatusCode, http.StatusForbidden)
		sales := ts.loginAs(t, app.RoleSales)
		is.Equal(sales.get("/settings/tags").StatusCode, http.StatusOK)
		is.True(strings.Contains(sales.get("/settings/tags").Body, `action="/settings/tags/`+webinar+`"`)) // sales may edit
	})

	t.Run("hostile tag names are escaped", func(t *testing.T) {
		is := is.New(t)
		seedContact(t, ts, ada, app.ContactInput{FirstName: "Eve", Tags: []string{"<script>alert(1)</script>"}})
		res := admin.get("/settings/tags")
		is.True(!strings.Contains(res.Body, "<script>alert(1)</script>"))
		is.True(strings.Contains(res.Body, "&lt;script&gt;alert(1)&lt;/script&gt;"))
	})
}

// between returns the part of s from the first start to the next end, or
// "" when start is missing, so a check can look at one row of a table.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}
