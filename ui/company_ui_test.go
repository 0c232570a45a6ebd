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

func createCompany(t *testing.T, ts *testServer, in app.CompanyInput) app.Company {
	t.Helper()
	in.NoOwner = true // only the owner given
	c, err := ts.app.CreateCompany(t.Context(), recordActor(t, ts), in)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var companyRow = regexp.MustCompile(`<tr id="company-([0-9a-f-]+)"`)

func companyIDs(body string) []string {
	var ids []string
	for _, m := range companyRow.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func TestCompanyCreateAndEdit(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	res := admin.get("/companies/new")
	is.Equal(res.StatusCode, http.StatusOK)
	for _, size := range app.CompanySizes {
		is.True(strings.Contains(res.Body, `<option value="`+strings.ReplaceAll(size, "+", "&#43;")+`">`)) // every size band offered
	}

	form := url.Values{"name": {""}, "domain": {"not a domain"}, "website": {"nope"}, "size": {"huge"},
		"industry": {"Robotics"}, "phone": {"+49 30 123456"}, "address.city": {"Berlin"}, "notes": {"Two offices.\nOne lab."}, "tags": {"partner"}}
	res = admin.post("/companies", form)
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(errorBeside(res.Body, "name", message(ts, "error.required"))) // each problem beside its field
	is.True(errorBeside(res.Body, "domain", message(ts, "error.domain_invalid")))
	is.True(errorBeside(res.Body, "website", message(ts, "error.url_invalid")))
	is.True(errorBeside(res.Body, "size", message(ts, "error.size_invalid")))
	is.True(!errorBeside(res.Body, "industry", "field-error"))
	is.True(strings.Contains(res.Body, `value="Robotics"`)) // values kept
	is.True(strings.Contains(res.Body, `value="Berlin"`))
	is.True(strings.Contains(res.Body, "Two offices.\nOne lab."))

	form.Set("name", "Mechanical Turk GmbH")
	form.Set("domain", "")
	form.Set("website", "www.turk.example")
	form.Set("size", "11-50")
	res = admin.post("/companies", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	show := redirectTarget(res)
	page := admin.get(show)
	is.True(strings.Contains(page.Body, "<h1>Mechanical Turk GmbH</h1>"))
	is.True(strings.Contains(page.Body, "turk.example"))               // the domain, from the website
	is.True(strings.Contains(page.Body, `href="tel:&#43;4930123456"`)) // dialable
	is.True(strings.Contains(page.Body, message(ts, "companies.size_people", "11-50")))
	is.True(strings.Contains(page.Body, message(ts, "companies.no_people"))) // nobody works there yet

	edit := admin.get(show + "/edit")
	is.Equal(edit.StatusCode, http.StatusOK)
	version := formVersion(t, edit.Body)
	is.True(strings.Contains(edit.Body, `<option value="11-50" selected>`))
	is.True(strings.Contains(edit.Body, `value="partner"`))

	id := strings.TrimPrefix(show, "/companies/")
	_, err := ts.app.UpdateCompany(t.Context(), recordActor(t, ts), id, 1, app.CompanyInput{Name: "Turk AG"})
	is.NoErr(err) // a colleague saves first
	res = admin.post(show, url.Values{"version": {version}, "name": {"My Turk"}, "industry": {"Automata"}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, message(ts, "error.stale")))
	is.True(strings.Contains(res.Body, `value="My Turk"`)) // the user's input kept
	is.True(strings.Contains(res.Body, `value="Automata"`))

	edit = admin.get(show + "/edit")
	res = admin.post(show, url.Values{"version": {formVersion(t, edit.Body)}, "name": {"My Turk"}, "industry": {"Automata"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	page = admin.get(show)
	is.True(strings.Contains(page.Body, message(ts, "companies.saved")))
	is.True(strings.Contains(page.Body, `class="change-from">Turk AG<`)) // the history names the change
	is.True(strings.Contains(page.Body, `class="change-to">My Turk<`))
}

func TestCompanyTrashAndRestore(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	co := createCompany(t, ts, app.CompanyInput{Name: "Babbage & Co"})
	person := createContact(t, ts, app.ContactInput{FirstName: "Charles", CompanyID: co.ID})

	res := admin.post("/companies/"+co.ID+"/delete", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(redirectTarget(res), "/companies")
	list := admin.get("/companies")
	is.True(strings.Contains(list.Body, message(ts, "companies.trashed")))
	is.True(!strings.Contains(list.Body, "Babbage &amp; Co"))

	page := admin.get("/companies/" + co.ID)
	is.True(strings.Contains(page.Body, message(ts, "companies.in_trash")))
	is.True(strings.Contains(page.Body, `action="/companies/`+co.ID+`/restore"`))
	is.True(!strings.Contains(page.Body, `/companies/`+co.ID+`/edit`))
	contact := admin.get("/contacts/" + person.ID)
	is.True(strings.Contains(contact.Body, message(ts, "record.in_trash_badge"))) // its people still see the link, marked

	res = admin.post("/companies/"+co.ID+"/restore", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	page = admin.get(redirectTarget(res))
	is.True(strings.Contains(page.Body, message(ts, "companies.restored")))
	is.True(strings.Contains(page.Body, ">Charles</a>")) // with its people
}

func TestCompanyPageListsItsPeople(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	co := createCompany(t, ts, app.CompanyInput{Name: "Big Corp"})
	for i := range 53 {
		createContact(t, ts, app.ContactInput{FirstName: fmt.Sprintf("Worker %02d", i), CompanyID: co.ID})
	}
	createContact(t, ts, app.ContactInput{FirstName: "Freelancer"})

	page := admin.get("/companies/" + co.ID)
	is.Equal(page.StatusCode, http.StatusOK)
	people := between(page.Body, `id="people"`, "</section>")
	is.Equal(strings.Count(people, `<li>`), 50)          // the first 50
	is.True(strings.Contains(people, ">Worker 00</a>"))  // by name
	is.True(!strings.Contains(people, ">Worker 50</a>")) // the rest are a link away
	is.True(!strings.Contains(people, "Freelancer"))     // only its own
	is.True(strings.Contains(people, message(ts, "companies.all_people", 53)))
	is.True(strings.Contains(people, `href="/contacts?company=`+co.ID+`"`))
	is.True(strings.Contains(people, `href="/contacts/new?company=`+co.ID+`"`)) // add one here

	form := admin.get("/contacts/new?company=" + co.ID)
	is.True(strings.Contains(form.Body, `<option value="`+co.ID+`" selected>Big Corp</option>`))         // preselected
	is.True(strings.Contains(admin.get("/companies").Body, `href="/contacts?company=`+co.ID+`">53</a>`)) // the list counts people
}

func TestCompanyListFiltersSortsAndPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me := recordActor(t, ts)
	want := map[string]bool{}
	for i := range 55 {
		in := app.CompanyInput{Name: fmt.Sprintf("Company %02d", (i*13)%55), Domain: fmt.Sprintf("c%d.example", i), Industry: "Testing"}
		if i%5 == 0 {
			in.Tags, in.OwnerID = []string{"Enterprise"}, me.ID
		}
		want[createCompany(t, ts, in).ID] = true
	}
	walk := func(t *testing.T, query string) []string {
		is := is.New(t)
		var ids []string
		next := "/companies?" + query
		for pages := 0; next != ""; pages++ {
			is.True(pages < 5) // the walk ends
			res := admin.get(next)
			is.Equal(res.StatusCode, http.StatusOK)
			ids = append(ids, companyIDs(res.Body)...)
			next = ""
			if m := nextPageLink.FindStringSubmatch(res.Body); m != nil {
				next = html.UnescapeString(m[1])
			}
		}
		return ids
	}
	for _, sort := range []string{"name", "-name", "created", "-updated", "owner"} {
		t.Run("sort "+sort, func(t *testing.T) {
			is := is.New(t)
			ids := walk(t, "sort="+sort)
			is.Equal(len(ids), 55) // every company once
			seen := map[string]bool{}
			for _, id := range ids {
				is.True(want[id] && !seen[id]) // no duplicates, no strangers
				seen[id] = true
			}
		})
	}
	t.Run("filters", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/companies")
		is.True(strings.Contains(res.Body, message(ts, "companies.count", 55)))
		is.Equal(len(walk(t, "tag=enterprise")), 11)
		is.Equal(len(walk(t, "owner="+me.ID)), 11)
		is.Equal(len(walk(t, "owner=none&sort=-name")), 44)
		res = admin.get("/companies?tag=ghost")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, message(ts, "companies.tag_unknown", "ghost")))
		is.Equal(len(companyIDs(res.Body)), 0)
		is.Equal(admin.get("/companies?cursor=nonsense").StatusCode, http.StatusUnprocessableEntity)
	})
}

func TestCompanyPagesEscapeEverything(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.post("/companies", url.Values{"name": {hostile}, "industry": {hostile}, "notes": {hostile}, "address.street": {hostile},
		"address.city": {hostile}, "address.region": {hostile}, "address.country": {hostile}, "tags": {hostileTag}, "phone": {"+1 415 555 0100"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	show := redirectTarget(res)
	// The contact form's company picker shows companies as a search finds them.
	picked := admin.post("/contacts", url.Values{"first_name": {"X"}, "find.company_id": {"alert"}})
	is.Equal(picked.StatusCode, http.StatusOK)
	for _, path := range []string{"/companies", "/companies?tag=" + url.QueryEscape(hostileTag), show, show + "/edit", "picked"} {
		res := picked
		if path != "picked" {
			res = admin.get(path)
		}
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(!strings.Contains(res.Body, "<script>alert(1)</script>")) // never raw
		is.True(!strings.Contains(res.Body, "<img src=x"))
		is.True(strings.Contains(res.Body, "&lt;img src=x onerror=alert(1)&gt;")) // but shown, escaped
	}
}
