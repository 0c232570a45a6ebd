package ui_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestTrashPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ada := adminActor(t, ts)
	ctx := t.Context()
	acme, err := ts.app.CreateCompany(ctx, ada, app.CompanyInput{Name: "Acme", Domain: "acme.example", Tags: []string{"partner"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := seedContact(t, ts, ada, app.ContactInput{FirstName: "Ann", LastName: "Lee", CompanyID: acme.ID, Tags: []string{"vip", "<script>alert(1)</script>"}})
	bob := seedContact(t, ts, ada, app.ContactInput{FirstName: "Bob"})
	for _, err := range []error{ts.app.TrashContact(ctx, ada, ann.ID), ts.app.TrashCompany(ctx, ada, acme.ID)} {
		if err != nil {
			t.Fatal(err)
		}
	}

	t.Run("lists trashed contacts and companies with who deleted them", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/trash")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "until an administrator empties the trash"))
		is.True(strings.Contains(res.Body, "Contacts (1)"))
		is.True(strings.Contains(res.Body, "Companies (1)"))
		row := between(res.Body, `id="contact-`+ann.ID+`"`, "</tr>")
		is.True(strings.Contains(row, "Ann Lee"))
		is.True(strings.Contains(row, "Ada Admin"))                             // deleted by
		is.True(strings.Contains(row, `action="/contacts/`+ann.ID+`/restore"`)) // restore button
		is.True(strings.Contains(row, "&lt;script&gt;alert(1)&lt;/script&gt;")) // tags shown, escaped
		is.True(!strings.Contains(res.Body, "<script>alert(1)</script>"))       // never raw
		is.True(strings.Contains(between(res.Body, `id="company-`+acme.ID+`"`, "</tr>"), "Ada Admin"))
		is.True(!strings.Contains(res.Body, bob.ID))                  // live records stay out
		is.True(strings.Contains(res.Body, `action="/trash/empty"`))  // admins may empty it
		is.True(strings.Contains(res.Body, "This cannot be undone.")) // and are warned
	})

	t.Run("sales users restore but cannot empty; viewers only look", func(t *testing.T) {
		is := is.New(t)
		sales := ts.loginAs(t, app.RoleSales)
		res := sales.get("/trash")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "/restore"))
		is.True(!strings.Contains(res.Body, `action="/trash/empty"`))
		is.Equal(sales.post("/trash/empty", nil).StatusCode, http.StatusForbidden)
		_, err := ts.app.Contact(ctx, ada, ann.ID)
		is.NoErr(err) // nothing was purged
		viewer := ts.loginAs(t, app.RoleViewer)
		res = viewer.get("/trash")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(!strings.Contains(res.Body, "/restore"))
		is.Equal(viewer.post("/contacts/"+ann.ID+"/restore", nil).StatusCode, http.StatusForbidden)
	})

	t.Run("restore brings records back with tags and company link", func(t *testing.T) {
		is := is.New(t)
		is.Equal(admin.post("/contacts/"+ann.ID+"/restore", nil).StatusCode, http.StatusSeeOther)
		is.Equal(admin.post("/companies/"+acme.ID+"/restore", nil).StatusCode, http.StatusSeeOther)
		c, err := ts.app.Contact(ctx, ada, ann.ID)
		is.NoErr(err)
		is.True(!c.Trashed())
		is.Equal(c.CompanyID, acme.ID)                                      // still works at Acme
		is.Equal(tagNames(c), []string{"<script>alert(1)</script>", "vip"}) // tags kept
		co, err := ts.app.Company(ctx, ada, acme.ID)
		is.NoErr(err)
		is.True(!co.Trashed())
		is.Equal(len(co.Tags), 1)
		res := admin.get("/trash")
		is.True(strings.Contains(res.Body, "Contacts (0)"))
		is.True(strings.Contains(res.Body, "No deleted contacts."))
	})

	t.Run("each section pages on its own", func(t *testing.T) {
		is := is.New(t)
		for i := range 52 {
			c := seedContact(t, ts, ada, app.ContactInput{FirstName: fmt.Sprintf("Temp %02d", i)})
			is.NoErr(ts.app.TrashContact(ctx, ada, c.ID))
		}
		is.NoErr(ts.app.TrashCompany(ctx, ada, acme.ID))
		res := admin.get("/trash")
		is.True(strings.Contains(res.Body, "Contacts (52)"))
		is.True(strings.Contains(res.Body, "Temp 51")) // newest deletion first
		is.True(!strings.Contains(res.Body, "Temp 01"))
		_, more, _ := strings.Cut(res.Body, `<p class="more"><a href="`)
		more, _, _ = strings.Cut(more, `"`)
		more = strings.ReplaceAll(more, "&amp;", "&")
		is.True(strings.HasPrefix(more, "/trash?contacts_cursor="))
		res = admin.get(more)
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "Temp 01"))
		is.True(strings.Contains(res.Body, "Temp 00"))
		is.True(!strings.Contains(res.Body, "Temp 51"))
		is.True(strings.Contains(res.Body, "Acme")) // the companies section stays on its first page
		is.True(!strings.Contains(res.Body, "More deleted contacts"))
		res = admin.get("/trash?contacts_cursor=garbage")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, "This page link is out of date."))
	})

	t.Run("empty trash purges everything and says how much", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/trash/empty", nil)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), "/trash?emptied=53")
		res = admin.get(res.Header.Get("Location"))
		is.True(strings.Contains(res.Body, "53 records were deleted for good."))
		is.True(strings.Contains(res.Body, "Contacts (0)"))
		is.True(strings.Contains(res.Body, "Companies (0)"))
		_, err := ts.app.Company(ctx, ada, acme.ID)
		is.Equal(app.ErrorCode(err), app.ENotFound) // gone for good
		c, err := ts.app.Contact(ctx, ada, ann.ID)
		is.NoErr(err)             // Ann was live, so she stays,
		is.Equal(c.CompanyID, "") // without the purged company
		is.Equal(admin.get(admin.post("/trash/empty", nil).Header.Get("Location")).StatusCode, http.StatusOK)
		is.True(strings.Contains(admin.get("/trash?emptied=0").Body, "The trash was already empty."))
	})
}
