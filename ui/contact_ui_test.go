package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// hostile is a value that would run script if any page forgot to escape it.
const hostile = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`

// hostileTag fits the 50-character limit of tag names.
const hostileTag = `"'><img src=x onerror=alert(1)>`

// recordActor is the admin that setupAdmin made, for seeding through app.
func recordActor(t *testing.T, ts *testServer) *app.User {
	t.Helper()
	u, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func createContact(t *testing.T, ts *testServer, in app.ContactInput) app.Contact {
	t.Helper()
	in.NoOwner = true // only the owner given
	c, err := ts.app.CreateContact(t.Context(), recordActor(t, ts), in)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// message is how a page shows the catalog message key, escaped.
func message(ts *testServer, key string, args ...any) string {
	return html.EscapeString(ts.catalog.T("en", key, args...))
}

// errorBeside tells whether msg sits after the input named field and
// before the next input, i.e. beside that field.
func errorBeside(body, field, msg string) bool {
	i := strings.Index(body, `name="`+field+`"`)
	if i < 0 {
		return false
	}
	rest := body[i+len(field)+7:]
	next := strings.Index(rest, `name="`)
	if next < 0 {
		next = len(rest)
	}
	return strings.Contains(rest[:next], msg)
}

var versionField = regexp.MustCompile(`name="version" value="(\d+)"`)

func formVersion(t *testing.T, body string) string {
	t.Helper()
	m := versionField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no version field in the form")
	}
	return m[1]
}

// redirectTarget is where a 303 leads.
func redirectTarget(res response) string { return res.Header.Get("Location") }

func TestContactCreateShowsProblemsBesideFields(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	res := admin.get("/contacts/new")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `name="emails.0.value"`)) // two empty email rows
	is.True(strings.Contains(res.Body, `name="emails.1.value"`))
	is.True(strings.Contains(res.Body, `name="phones.1.value"`))
	is.True(strings.Contains(res.Body, `name="social.0.value"`))
	me := recordActor(t, ts)
	is.True(strings.Contains(res.Body, `<option value="`+me.ID+`" selected>`)) // the current user owns new contacts

	form := url.Values{
		"title": {"Head of Sales"}, "notes": {"Met at the fair.\nCall back."},
		"emails.0.label": {"work"}, "emails.0.value": {"not-an-email"},
		"emails.1.label": {"home"}, "emails.1.value": {"still@bad"},
		"phones.0.value": {"call me"},
		"birthday":       {"1990-13-45"}, "website": {"not a web address"}, "lifecycle_status": {"bogus"},
		"address.city": {"Seoul"}, "lead_source": {"Webinar"}, "tags": {"vip, webinar"},
	}
	res = admin.post("/contacts", form)
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, message(ts, "error.invalid")))                    // a summary above the form
	is.True(errorBeside(res.Body, "emails.0.value", message(ts, "error.email_invalid"))) // the first row's problem under it
	is.True(errorBeside(res.Body, "emails.1.value", message(ts, "error.email_invalid"))) // and the second row's under it
	is.True(errorBeside(res.Body, "phones.0.value", message(ts, "error.phone_invalid"))) // phones likewise
	is.True(errorBeside(res.Body, "first_name", message(ts, "error.contact_name_required")))
	is.True(errorBeside(res.Body, "birthday", message(ts, "error.birthday_invalid")))
	is.True(errorBeside(res.Body, "website", message(ts, "error.url_invalid")))
	is.True(!errorBeside(res.Body, "title", "field-error")) // no problem where there is none

	is.True(strings.Contains(res.Body, `value="Head of Sales"`))        // values kept
	is.True(strings.Contains(res.Body, "Met at the fair.\nCall back.")) // the textarea too
	is.True(strings.Contains(res.Body, `value="not-an-email"`))
	is.True(strings.Contains(res.Body, `value="still@bad"`))
	is.True(strings.Contains(res.Body, `value="Seoul"`))
	is.True(strings.Contains(res.Body, `value="vip, webinar"`))

	// With a valid first address, only the second row is at fault.
	one := url.Values{"emails.0.value": {"ok@example.com"}, "emails.1.value": {"broken@"}, "phones.1.value": {"no digits"}}
	res = admin.post("/contacts", one)
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(!errorBeside(res.Body, "emails.0.value", "field-error"))                     // not under the first row
	is.True(errorBeside(res.Body, "emails.1.value", message(ts, "error.email_invalid"))) // but under the second
	is.True(!errorBeside(res.Body, "phones.0.value", "field-error"))
	is.True(errorBeside(res.Body, "phones.1.value", message(ts, "error.phone_invalid")))
	is.True(!errorBeside(res.Body, "first_name", "field-error")) // an email is enough of a name

	list, err := ts.app.ListContacts(t.Context(), me, app.ListQuery{})
	is.NoErr(err)
	is.Equal(list.Total, 0) // nothing was saved

	form.Set("emails.0.value", "Kim@Example.com")
	form.Set("emails.1.value", "")
	form.Set("phones.0.value", "+82 10-1234-5678")
	form.Set("birthday", "05-17")
	form.Set("website", "example.com")
	form.Set("lifecycle_status", "customer")
	form.Set("first_name", "민수")
	form.Set("last_name", "김")
	res = admin.post("/contacts", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	page := admin.get(redirectTarget(res))
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, "<h1>김민수</h1>"))                    // family name first
	is.True(strings.Contains(page.Body, `href="mailto:kim@example.com"`))   // lower-cased, a mailto link
	is.True(strings.Contains(page.Body, `href="tel:&#43;821012345678"`))    // E.164 for dialling
	is.True(strings.Contains(page.Body, "Met at the fair.\nCall back."))    // line breaks kept (CSS pre-wrap)
	is.True(strings.Contains(page.Body, `href="https://example.com"`))      // the website, completed
	is.True(strings.Contains(page.Body, message(ts, "lifecycle.customer"))) // status in words
	is.True(strings.Contains(page.Body, "</span> created the contact “"))   // the history starts
	is.True(strings.Contains(page.Body, ">vip</a>") && strings.Contains(page.Body, ">webinar</a>"))
}

func TestContactEditConflict(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	c := createContact(t, ts, app.ContactInput{FirstName: "Ada", LastName: "Lovelace", Emails: []app.Labeled{{Label: "work", Value: "ada@example.org"}}})

	edit := admin.get("/contacts/" + c.ID + "/edit")
	is.Equal(edit.StatusCode, http.StatusOK)
	version := formVersion(t, edit.Body)
	is.True(strings.Contains(edit.Body, `value="ada@example.org"`)) // the stored email
	is.True(strings.Contains(edit.Body, `name="emails.2.value"`))   // plus two empty rows

	// A colleague saves first.
	_, err := ts.app.UpdateContact(t.Context(), recordActor(t, ts), c.ID, c.Version, app.ContactInput{FirstName: "Augusta", LastName: "Lovelace"})
	is.NoErr(err)

	res := admin.post("/contacts/"+c.ID, url.Values{"version": {version}, "first_name": {"Countess"}, "last_name": {"Lovelace"}, "notes": {"my careful notes"}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, message(ts, "error.stale"))) // the conflict is explained
	is.True(strings.Contains(res.Body, `value="Countess"`))         // and the user's input kept
	is.True(strings.Contains(res.Body, "my careful notes"))
	got, err := ts.app.Contact(t.Context(), nil, c.ID)
	is.NoErr(err)
	is.Equal(got.FirstName, "Augusta") // the colleague's change stands

	edit = admin.get("/contacts/" + c.ID + "/edit")
	res = admin.post("/contacts/"+c.ID, url.Values{"version": {formVersion(t, edit.Body)}, "first_name": {"Countess"}, "last_name": {"Lovelace"}})
	is.Equal(res.StatusCode, http.StatusSeeOther) // with the fresh version it saves
	page := admin.get(redirectTarget(res))
	is.True(strings.Contains(page.Body, "<h1>Countess Lovelace</h1>"))
	is.True(strings.Contains(page.Body, "</span> changed the contact “")) // the change is in the history
	is.True(strings.Contains(page.Body, "Augusta"))                       // from → to
	is.True(strings.Contains(page.Body, `class="change-to">Countess<`))
}

func TestContactTrashAndRestore(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	c := createContact(t, ts, app.ContactInput{FirstName: "Grace", LastName: "Hopper", Tags: []string{"navy"}})

	res := admin.post("/contacts/"+c.ID+"/delete", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(redirectTarget(res), "/contacts")
	list := admin.get("/contacts")
	is.True(strings.Contains(list.Body, message(ts, "contacts.trashed"))) // the flash says where it went
	is.True(!strings.Contains(list.Body, "Grace Hopper"))                 // gone from the list

	page := admin.get("/contacts/" + c.ID)
	is.Equal(page.StatusCode, http.StatusOK) // a trashed contact's page still opens
	is.True(strings.Contains(page.Body, message(ts, "contacts.in_trash")))
	is.True(strings.Contains(page.Body, `action="/contacts/`+c.ID+`/restore"`)) // with a restore button
	is.True(!strings.Contains(page.Body, `/contacts/`+c.ID+`/edit`))            // and no edit
	is.Equal(admin.get("/contacts/"+c.ID+"/edit").StatusCode, http.StatusSeeOther)
	is.Equal(admin.post("/contacts/"+c.ID+"/delete", nil).StatusCode, http.StatusNotFound) // not twice

	res = admin.post("/contacts/"+c.ID+"/restore", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	page = admin.get(redirectTarget(res))
	is.True(strings.Contains(page.Body, message(ts, "contacts.restored")))
	is.True(!strings.Contains(page.Body, message(ts, "contacts.in_trash")))
	is.True(strings.Contains(page.Body, "” to the trash</span>")) // both moves are in the history
	is.True(strings.Contains(page.Body, "” from the trash</span>"))
	is.True(strings.Contains(admin.get("/contacts?tag=navy").Body, "Grace Hopper")) // back with its tag

	is.Equal(admin.get("/contacts/no-such-id").StatusCode, http.StatusNotFound)
}

func TestContactBulkActions(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	a := createContact(t, ts, app.ContactInput{FirstName: "Anna"})
	b := createContact(t, ts, app.ContactInput{FirstName: "Bert"})
	c := createContact(t, ts, app.ContactInput{FirstName: "Cleo"})
	back := url.Values{"back.status": {"lead"}, "back.sort": {"-created"}}
	bulk := func(action string, extra url.Values, ids ...string) response {
		form := url.Values{"action": {action}, "ids": ids}
		for k, v := range back {
			form[k] = v
		}
		for k, v := range extra {
			form[k] = v
		}
		return admin.post("/contacts/bulk", form)
	}
	get := func(id string) app.Contact {
		got, err := ts.app.Contact(t.Context(), nil, id)
		is.NoErr(err)
		return got
	}

	list := admin.get("/contacts?status=lead&sort=-created")
	is.True(strings.Contains(list.Body, `<form method="post" action="/contacts/bulk" id="bulk"`))
	is.True(strings.Contains(list.Body, `name="ids" value="`+a.ID+`" form="bulk"`)) // each checkbox belongs to the bulk form
	is.True(strings.Contains(list.Body, `name="back.status" value="lead"`))         // which knows its way back

	res := bulk("add_tag", url.Values{"tag": {"VIP"}}, a.ID, b.ID)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(redirectTarget(res), "/contacts?sort=-created&status=lead") // back to the same list
	is.Equal(len(get(a.ID).Tags), 1)
	is.Equal(len(get(b.ID).Tags), 1)
	is.Equal(len(get(c.ID).Tags), 0) // only the ticked ones
	is.True(strings.Contains(admin.get(redirectTarget(res)).Body, message(ts, "contacts.bulk_done")))

	res = bulk("remove_tag", url.Values{"tag": {"vip"}}, b.ID)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(len(get(b.ID).Tags), 0) // case-insensitive

	res = bulk("set_status", url.Values{"status": {"customer"}}, a.ID, c.ID)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(get(a.ID).LifecycleStatus, "customer")
	is.Equal(get(b.ID).LifecycleStatus, "lead")
	is.Equal(get(c.ID).LifecycleStatus, "customer")

	me := recordActor(t, ts)
	res = bulk("set_owner", url.Values{"owner_id": {me.ID}}, b.ID)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(get(b.ID).OwnerID, me.ID)
	res = bulk("set_owner", url.Values{"owner_id": {""}}, b.ID)
	is.Equal(get(b.ID).OwnerID, "") // an empty owner clears it

	res = bulk("set_status", url.Values{"status": {"bogus"}}, a.ID)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(admin.get(redirectTarget(res)).Body, message(ts, "error.status_invalid"))) // a refused change says why
	is.Equal(get(a.ID).LifecycleStatus, "customer")

	res = bulk("add_tag", url.Values{"tag": {"x"}})
	is.True(strings.Contains(admin.get(redirectTarget(res)).Body, message(ts, "error.none_selected")))

	res = bulk("delete", nil, a.ID, b.ID)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(get(a.ID).Trashed())
	is.True(get(b.ID).Trashed())
	is.True(!get(c.ID).Trashed())

	res = admin.post("/contacts/bulk", url.Values{"action": {"delete"}, "ids": {c.ID}, "back.cursor": {"//evil.example"}, "back.sort": {"x\r\nSet-Cookie: a=b"}})
	is.True(strings.HasPrefix(redirectTarget(res), "/contacts?")) // the way back is always the list
}

// contactIDs are the contact rows of a list page, in order.
var contactRow = regexp.MustCompile(`<tr id="contact-([0-9a-f-]+)"`)

func contactIDs(body string) []string {
	var ids []string
	for _, m := range contactRow.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

var nextPageLink = regexp.MustCompile(`href="([^"]+)" rel="next" id="next-page"`)

func TestContactListFiltersSortsAndPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me := recordActor(t, ts)
	co, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := range 60 {
		in := app.ContactInput{FirstName: "Person", LastName: fmt.Sprintf("%02d", (i*37)%60)}
		if i%3 == 0 {
			in.LifecycleStatus, in.Tags, in.OwnerID, in.CompanyID = "customer", []string{"VIP"}, me.ID, co.ID
		}
		c := createContact(t, ts, in)
		want[c.ID] = c.DisplayName
	}

	walk := func(t *testing.T, query string) []string {
		is := is.New(t)
		var ids []string
		next := "/contacts?" + query
		for pages := 0; next != ""; pages++ {
			is.True(pages < 5) // the walk ends
			res := admin.get(next)
			is.Equal(res.StatusCode, http.StatusOK)
			ids = append(ids, contactIDs(res.Body)...)
			next = ""
			if m := nextPageLink.FindStringSubmatch(res.Body); m != nil {
				next = html.UnescapeString(m[1])
			}
			if pages > 0 {
				is.True(strings.Contains(res.Body, `id="first-page"`)) // later pages lead back to the first
			}
		}
		return ids
	}
	for _, sort := range []string{"name", "-name", "created", "-created", "updated", "-updated", "owner"} {
		t.Run("sort "+sort, func(t *testing.T) {
			is := is.New(t)
			ids := walk(t, "sort="+sort)
			is.Equal(len(ids), 60) // every contact once
			seen := map[string]bool{}
			for _, id := range ids {
				is.True(!seen[id]) // no duplicates across pages
				seen[id] = true
				is.True(want[id] != "")
			}
			if sort == "name" {
				for i := 1; i < len(ids); i++ {
					is.True(want[ids[i-1]] < want[ids[i]]) // in name order across the page break
				}
			}
		})
	}
	t.Run("filters", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/contacts?status=customer")
		is.True(strings.Contains(res.Body, message(ts, "contacts.count", 20))) // the count of the whole result
		is.Equal(len(contactIDs(res.Body)), 20)
		is.Equal(len(walk(t, "tag=vip&sort=-updated")), 20) // tag names match case-insensitively
		is.Equal(len(walk(t, "owner="+me.ID)), 20)
		is.Equal(len(walk(t, "owner=none")), 40)
		is.Equal(len(walk(t, "company="+co.ID)), 20)
		is.Equal(len(walk(t, "company=none&status=lead")), 40)
		res = admin.get("/contacts?company=" + co.ID)
		is.True(strings.Contains(res.Body, `<option value="`+co.ID+`" selected>Acme</option>`)) // the company filter is named

		res = admin.get("/contacts?tag=no-such-tag")
		is.Equal(res.StatusCode, http.StatusOK) // an unknown tag is an empty list, not an error
		is.True(strings.Contains(res.Body, message(ts, "contacts.tag_unknown", "no-such-tag")))
		is.Equal(len(contactIDs(res.Body)), 0)

		res = admin.get("/contacts?cursor=garbage")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, message(ts, "error.cursor_invalid")))
		is.True(!strings.Contains(res.Body, `id="count"`))                  // no "0 contacts": no rows were read
		is.True(!strings.Contains(res.Body, message(ts, "contacts.empty"))) // nor "No contacts yet"
		is.True(strings.Contains(res.Body, `id="first-page"`))              // the way back
		res = admin.get("/contacts?sort=shoe-size")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, message(ts, "error.sort_invalid")))
	})
}

func TestContactPagesEscapeEverything(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	co, err := ts.app.CreateCompany(t.Context(), recordActor(t, ts), app.CompanyInput{Name: hostile, Industry: hostile})
	is.NoErr(err)

	res := admin.post("/contacts", url.Values{
		"first_name": {hostile}, "last_name": {hostile}, "title": {hostile}, "notes": {hostile}, "lead_source": {hostile},
		"company_id": {co.ID}, "address.street": {hostile}, "address.city": {hostile}, "address.region": {hostile},
		"address.country": {hostile}, "emails.0.label": {hostile}, "emails.0.value": {"x@example.com"},
		"phones.0.label": {hostile}, "phones.0.value": {"+1 415 555 0100"},
		"social.0.label": {hostile}, "social.0.value": {hostile}, "tags": {hostileTag},
	})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	show := redirectTarget(res)
	id := strings.TrimPrefix(show, "/contacts/")
	// Change it once, so the history shows hostile values as from → to.
	edit := admin.get(show + "/edit")
	res = admin.post(show, url.Values{"version": {formVersion(t, edit.Body)}, "first_name": {hostile + "2"}, "notes": {"calm"},
		"company_id": {co.ID}, "tags": {hostileTag}})
	is.Equal(res.StatusCode, http.StatusSeeOther)

	for _, path := range []string{"/contacts", "/contacts?tag=" + url.QueryEscape(hostileTag), show, show + "/edit", "/companies/" + co.ID, "/contacts?company=" + co.ID} {
		res := admin.get(path)
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(!strings.Contains(res.Body, "<script>alert(1)</script>")) // never raw
		is.True(!strings.Contains(res.Body, "<img src=x"))
		is.True(strings.Contains(res.Body, "&lt;img src=x onerror=alert(1)&gt;")) // but shown, escaped
	}
	is.True(strings.Contains(admin.get("/contacts").Body, `<tr id="contact-`+id+`"`))
	is.True(strings.Contains(admin.get("/contacts/"+id).Body, "&lt;script&gt;alert(1)&lt;/script&gt;"))

	// A form shown again with problems escapes what was typed.
	res = admin.post("/contacts", url.Values{"title": {hostile}, "emails.0.label": {hostile}, "emails.0.value": {hostile}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(!strings.Contains(res.Body, "<img src=x"))
	is.True(strings.Contains(res.Body, "&lt;img src=x onerror=alert(1)&gt;"))
}

func TestContactNamesInEveryScript(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	for _, name := range []struct{ first, last, display string }{
		{"민수", "김", "김민수"}, {"太郎", "山田", "山田太郎"}, {"伟", "王", "王伟"}, {"Zoë", "Saldaña", "Zoë Saldaña"},
	} {
		res := admin.post("/contacts", url.Values{"first_name": {name.first}, "last_name": {name.last}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		show := admin.get(redirectTarget(res))
		is.True(strings.Contains(show.Body, "<h1>"+name.display+"</h1>")) // shown as written
		edit := admin.get(redirectTarget(res) + "/edit")
		is.True(strings.Contains(edit.Body, `value="`+name.first+`"`)) // and back in the form unchanged
		is.True(strings.Contains(edit.Body, `value="`+name.last+`"`))
	}
	list := admin.get("/contacts")
	for _, display := range []string{"김민수", "山田太郎", "王伟", "Zoë Saldaña"} {
		is.True(strings.Contains(list.Body, ">"+display+"</a>")) // every name in the list
	}
	is.True(strings.Contains(admin.get("/contacts?tag=&sort=-name").Body, "김민수"))
}

func TestViewersCannotChangeContactsOrCompanies(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	ts.setupAdmin(t)
	c := createContact(t, ts, app.ContactInput{FirstName: "Kept"})
	co, err := ts.app.CreateCompany(t.Context(), recordActor(t, ts), app.CompanyInput{Name: "Kept Inc"})
	is.NoErr(err)
	gone := createContact(t, ts, app.ContactInput{FirstName: "Trashed"})
	is.NoErr(ts.app.TrashContact(t.Context(), recordActor(t, ts), gone.ID))
	viewer := ts.loginAs(t, app.RoleViewer)

	for _, path := range []string{"/contacts", "/contacts/" + c.ID, "/companies", "/companies/" + co.ID, "/contacts/" + gone.ID} {
		res := viewer.get(path)
		is.Equal(res.StatusCode, http.StatusOK)                         // viewers read everything
		is.True(!strings.Contains(res.Body, `action="/contacts/bulk"`)) // but are offered no changes
		is.True(!strings.Contains(res.Body, `/edit"`))
		is.True(!strings.Contains(res.Body, `/delete"`))
		is.True(!strings.Contains(res.Body, `/restore"`))
		is.True(!strings.Contains(res.Body, `href="/contacts/new"`))
		is.True(!strings.Contains(res.Body, `href="/companies/new"`))
	}
	for _, path := range []string{"/contacts/new", "/contacts/" + c.ID + "/edit", "/companies/new", "/companies/" + co.ID + "/edit"} {
		is.Equal(viewer.get(path).StatusCode, http.StatusForbidden) // no form that cannot be saved
	}
	writes := map[string]url.Values{
		"/contacts":                         {"first_name": {"Sneaky"}},
		"/contacts/" + c.ID:                 {"version": {"1"}, "first_name": {"Sneaky"}},
		"/contacts/" + c.ID + "/delete":     nil,
		"/contacts/" + gone.ID + "/restore": nil,
		"/contacts/bulk":                    {"action": {"delete"}, "ids": {c.ID}},
		"/companies":                        {"name": {"Sneaky Inc"}},
		"/companies/" + co.ID:               {"version": {"1"}, "name": {"Sneaky Inc"}},
		"/companies/" + co.ID + "/delete":   nil,
		"/companies/" + co.ID + "/restore":  nil,
	}
	for path, form := range writes {
		res := viewer.post(path, form)
		is.Equal(res.StatusCode, http.StatusForbidden) // every write route refuses a viewer
	}
	got, err := ts.app.Contact(t.Context(), nil, c.ID)
	is.NoErr(err)
	is.Equal(got.FirstName, "Kept")
	is.True(!got.Trashed())
	list, err := ts.app.ListCompanies(t.Context(), nil, app.ListQuery{})
	is.NoErr(err)
	is.Equal(list.Total, 1)
}
