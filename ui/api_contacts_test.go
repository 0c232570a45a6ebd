package ui_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// send makes an API request with a raw body, so tests can send broken ones.
func (b *browser) send(method, path, contentType, body string) response {
	b.tb.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, b.srv.URL+path, r)
	if err != nil {
		b.tb.Fatal(err)
	}
	for k, v := range b.header {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{Response: res, Body: string(data)}
}

func (b *browser) json(method, path, body string) response {
	return b.send(method, path, "application/json", body)
}

// decode reads a JSON answer of the expected status into a T.
func decode[T any](t *testing.T, res response, status int) T {
	t.Helper()
	var v T
	if res.StatusCode != status {
		t.Fatalf("status %d, want %d: %s", res.StatusCode, status, res.Body)
	}
	if err := json.Unmarshal([]byte(res.Body), &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, res.Body)
	}
	return v
}

type problemBody struct {
	Status int               `json:"status"`
	Code   string            `json:"code"`
	Detail string            `json:"detail"`
	Errors map[string]string `json:"errors"` // a map, or decoding fails
}

// problemOf checks that res is problem+json with status and decodes it.
func problemOf(t *testing.T, res response, status int) problemBody {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q: %s", ct, res.Body)
	}
	p := decode[problemBody](t, res, status)
	if p.Status != status {
		t.Fatalf("problem status %d, want %d", p.Status, status)
	}
	return p
}

func addContact(t *testing.T, ts *testServer, in app.ContactInput) app.Contact {
	t.Helper()
	c, err := ts.app.CreateContact(t.Context(), nil, in)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAPIContactLifecycle(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me := decode[struct{ ID string }](t, admin.get("/api/v1/me"), http.StatusOK)

	res := admin.json(http.MethodPost, "/api/v1/contacts", `{
		"first_name": "Grace", "last_name": "Hopper", "title": "Rear Admiral",
		"emails": [{"label": "Work", "value": "Grace@Navy.MIL"}],
		"phones": [{"label": "mobile", "value": "+1 202 555 0143"}],
		"address": {"city": "Arlington", "country": "US"},
		"social": [{"label": "github", "value": "ghopper"}],
		"lifecycle_status": "customer", "tags": ["vip", "navy"], "notes": "COBOL"}`)
	created := decode[api.ContactJSON](t, res, http.StatusCreated)
	is.Equal(res.Header.Get("Location"), "/api/v1/contacts/"+created.ID) // where to find it
	is.Equal(created.DisplayName, "Grace Hopper")
	is.Equal(created.Emails[0], app.Labeled{Label: "work", Value: "grace@navy.mil"}) // normalised
	is.Equal(created.Phones[0].E164, "+12025550143")
	is.Equal(created.Tags, []string{"navy", "vip"})
	is.True(created.OwnerID != nil && *created.OwnerID == me.ID) // the caller owns it by default
	is.Equal(created.CompanyID, nil)
	is.Equal(created.Version, 1)
	is.True(strings.Contains(res.Body, `"company_id":null`))                                              // null, not ""
	is.True(strings.Contains(res.Body, `"created_at":"`+created.CreatedAt.Format("2006-01-02T15:04:05"))) // RFC 3339
	is.True(strings.HasSuffix(created.CreatedAt.Format("2006-01-02T15:04:05Z07:00"), "Z"))                // in UTC

	shown := decode[api.ContactJSON](t, admin.get("/api/v1/contacts/"+created.ID), http.StatusOK)
	is.Equal(shown, created)

	// A merge patch changes what it names and nothing else.
	path := "/api/v1/contacts/" + created.ID
	patched := decode[api.ContactJSON](t, admin.json(http.MethodPatch, path, `{"version": 1, "title": "Admiral", "address": {"region": "VA"}}`), http.StatusOK)
	is.Equal(patched.Title, "Admiral")
	is.Equal(patched.Version, 2)
	is.Equal(patched.Address, app.Address{City: "Arlington", Region: "VA", Country: "US"}) // nested parts merge
	is.Equal(patched.Emails, created.Emails)
	is.Equal(patched.Phones, created.Phones)
	is.Equal(patched.Tags, created.Tags)
	is.Equal(patched.Notes, created.Notes)
	is.Equal(patched.OwnerID, created.OwnerID)
	is.Equal(patched.LifecycleStatus, "customer")

	// A stale version is refused and changes nothing.
	p := problemOf(t, admin.json(http.MethodPatch, path, `{"version": 1, "title": "Lost update"}`), http.StatusConflict)
	is.Equal(p.Code, "conflict")
	is.Equal(decode[api.ContactJSON](t, admin.get(path), http.StatusOK), patched) // unchanged

	p = problemOf(t, admin.json(http.MethodPatch, path, `{"title": "No version"}`), http.StatusUnprocessableEntity)
	is.True(p.Errors["version"] != "") // version is required

	// null clears; a fetched contact can be sent back as it is.
	patched = decode[api.ContactJSON](t, admin.json(http.MethodPatch, path, `{"version": 2, "owner_id": null, "tags": null}`), http.StatusOK)
	is.Equal(patched.OwnerID, nil)
	is.Equal(patched.Tags, []string{})
	roundTrip, _ := json.Marshal(patched)
	patched = decode[api.ContactJSON](t, admin.json(http.MethodPatch, path, string(roundTrip)), http.StatusOK)
	is.Equal(patched.Version, 4) // sent back unchanged, it saves

	res = admin.json(http.MethodDelete, path, "")
	is.Equal(res.StatusCode, http.StatusNoContent)
	is.Equal(problemOf(t, admin.get(path), http.StatusNotFound).Code, "not_found")                            // trashed
	problemOf(t, admin.json(http.MethodPatch, path, `{"version": 4, "title": "x"}`), http.StatusNotFound)     // trashed
	problemOf(t, admin.json(http.MethodDelete, path, ""), http.StatusNotFound)                                // already trashed
	problemOf(t, admin.get("/api/v1/contacts/no-such-id"), http.StatusNotFound)                               // unknown
	is.Equal(decode[api.PageJSON[api.ContactJSON]](t, admin.get("/api/v1/contacts"), http.StatusOK).Total, 0) // not listed

	// An explicit null owner on create means no owner.
	c := decode[api.ContactJSON](t, admin.json(http.MethodPost, "/api/v1/contacts", `{"first_name": "Nobody's", "owner_id": null}`), http.StatusCreated)
	is.Equal(c.OwnerID, nil)
}

func TestAPIContactProblems(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	c := addContact(t, ts, app.ContactInput{FirstName: "Ada"})

	t.Run("content type", func(t *testing.T) {
		is := is.New(t)
		p := problemOf(t, admin.send(http.MethodPost, "/api/v1/contacts", "text/plain", `{"first_name": "A"}`), http.StatusUnsupportedMediaType)
		is.True(strings.Contains(p.Detail, "application/json"))
		problemOf(t, admin.send(http.MethodPost, "/api/v1/contacts", "application/x-www-form-urlencoded", "first_name=A"), http.StatusUnsupportedMediaType)
	})
	t.Run("too large", func(t *testing.T) {
		big := `{"notes": "` + strings.Repeat("x", 1<<20) + `"}`
		problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", big), http.StatusRequestEntityTooLarge)
	})
	t.Run("unknown field", func(t *testing.T) {
		is := is.New(t)
		p := problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `{"first_name": "A", "nickname": "Al"}`), http.StatusBadRequest)
		is.True(strings.Contains(p.Detail, `"nickname"`)) // named
		p = problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `{"address": {"planet": "Mars"}}`), http.StatusBadRequest)
		is.True(strings.Contains(p.Detail, `"planet"`)) // nested too
	})
	t.Run("malformed", func(t *testing.T) {
		is := is.New(t)
		p := problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `{"first_name": "A",}`), http.StatusBadRequest)
		is.True(strings.Contains(p.Detail, "20")) // the byte where it breaks
		p = problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `{"first_name": 5}`), http.StatusBadRequest)
		is.True(strings.Contains(p.Detail, "first_name")) // the field of the wrong type
		problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `[]`), http.StatusBadRequest)
		problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `null`), http.StatusBadRequest)
		problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", ``), http.StatusBadRequest)
		problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `{} {}`), http.StatusBadRequest)
		problemOf(t, admin.json(http.MethodPost, "/api/v1/contacts", `{"first_name": "A"`), http.StatusBadRequest)
	})
	t.Run("invalid fields", func(t *testing.T) {
		is := is.New(t)
		res := admin.json(http.MethodPost, "/api/v1/contacts", `{"emails": [{"value": "not-an-address"}], "lifecycle_status": "royalty", "company_id": "nope"}`)
		p := problemOf(t, res, http.StatusUnprocessableEntity)
		is.Equal(p.Code, "invalid")
		is.Equal(p.Errors["emails.0"], ts.catalog.T("en", "error.email_invalid"))
		is.Equal(p.Errors["lifecycle_status"], ts.catalog.T("en", "error.status_invalid"))
		is.Equal(p.Errors["company_id"], ts.catalog.T("en", "error.company_unknown"))
		is.True(!strings.Contains(res.Body, "error.")) // messages, not catalog keys

		ko := ts.browser(t)
		ko.client.Jar, ko.header = admin.client.Jar, http.Header{"Accept-Language": {"ko"}}
		p = problemOf(t, ko.json(http.MethodPatch, "/api/v1/contacts/"+c.ID, `{"version": 1, "birthday": "someday"}`), http.StatusUnprocessableEntity)
		is.Equal(p.Errors["birthday"], ts.catalog.T("ko", "error.birthday_invalid")) // in the caller's language
	})
	t.Run("query parameters", func(t *testing.T) {
		is := is.New(t)
		p := problemOf(t, admin.get("/api/v1/contacts?sort=shoe-size&status=royalty&limit=many"), http.StatusUnprocessableEntity)
		is.True(p.Errors["sort"] != "")
		is.True(p.Errors["status"] != "")
		is.True(p.Errors["limit"] != "") // every bad parameter at once
		p = problemOf(t, admin.get("/api/v1/contacts?limit=501"), http.StatusUnprocessableEntity)
		is.True(p.Errors["limit"] != "")
		p = problemOf(t, admin.get("/api/v1/contacts?cursor=garbage"), http.StatusUnprocessableEntity)
		is.True(p.Errors["cursor"] != "")
		p = problemOf(t, admin.get("/api/v1/companies?sort=-owner"), http.StatusUnprocessableEntity)
		is.True(p.Errors["sort"] != "")
	})
	t.Run("login required", func(t *testing.T) {
		problemOf(t, ts.browser(t).get("/api/v1/contacts"), http.StatusUnauthorized)
	})
}

func TestAPIContactPagingIsStable(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	var original []string
	for _, name := range []string{"Mia", "Bo", "Zed", "Kim", "Lee", "Ann", "Ola"} {
		original = append(original, addContact(t, ts, app.ContactInput{FirstName: name}).ID)
	}

	for _, sort := range []string{"name", "-name", "created", "-created", "updated", "owner"} {
		t.Run(sort, func(t *testing.T) {
			is := is.New(t)
			seen := map[string]int{}
			cursor, pages := "", 0
			for {
				q := url.Values{"limit": {"2"}, "sort": {sort}}
				if cursor != "" {
					q.Set("cursor", cursor)
				}
				page := decode[api.PageJSON[api.ContactJSON]](t, admin.get("/api/v1/contacts?"+q.Encode()), http.StatusOK)
				is.True(len(page.Data) <= 2)
				for _, c := range page.Data {
					seen[c.ID]++
				}
				if pages++; pages == 1 {
					// Others keep working between pages: rows before the
					// cursor are missed, none is shown twice.
					addContact(t, ts, app.ContactInput{FirstName: "Aaa " + sort})
					addContact(t, ts, app.ContactInput{FirstName: "Zzz " + sort})
				}
				if page.NextCursor == nil {
					break
				}
				cursor = *page.NextCursor
			}
			for _, id := range original {
				is.Equal(seen[id], 1) // every row exactly once
			}
			for _, n := range seen {
				is.Equal(n, 1) // no row twice, old or new
			}
		})
	}
}

func TestAPIContactFiltersAndSort(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	owner, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	acme, err := ts.app.CreateCompany(t.Context(), nil, app.CompanyInput{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	addContact(t, ts, app.ContactInput{FirstName: "Cleo", LifecycleStatus: "customer", Tags: []string{"VIP"}, CompanyID: acme.ID, OwnerID: owner.ID})
	addContact(t, ts, app.ContactInput{FirstName: "Abe", LifecycleStatus: "lead", Tags: []string{"vip", "newsletter"}})
	addContact(t, ts, app.ContactInput{FirstName: "Bea", LifecycleStatus: "customer", CompanyID: acme.ID})
	trashed := addContact(t, ts, app.ContactInput{FirstName: "Dan", Tags: []string{"vip"}})
	if err := ts.app.TrashContact(t.Context(), nil, trashed.ID); err != nil {
		t.Fatal(err)
	}

	names := func(query string) ([]string, int) {
		t.Helper()
		page := decode[api.PageJSON[api.ContactJSON]](t, admin.get("/api/v1/contacts?"+query), http.StatusOK)
		var out []string
		for _, c := range page.Data {
			out = append(out, c.FirstName)
		}
		return out, page.Total
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"Abe", "Bea", "Cleo"}},
		{"sort=-name", []string{"Cleo", "Bea", "Abe"}},
		{"sort=-created", []string{"Bea", "Abe", "Cleo"}},
		{"tag=vip", []string{"Abe", "Cleo"}}, // by name, any case; not the trashed one
		{"tag=newsletter&status=lead", []string{"Abe"}},
		{"tag=unheard-of", nil},
		{"status=customer", []string{"Bea", "Cleo"}},
		{"owner=" + owner.ID, []string{"Cleo"}},
		{"owner=none", []string{"Abe", "Bea"}},
		{"company=" + acme.ID, []string{"Bea", "Cleo"}},
		{"company=none&sort=-name", []string{"Abe"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			is := is.New(t)
			got, total := names(tc.query)
			is.Equal(got, tc.want)
			is.Equal(total, len(tc.want)) // total counts what the filters match
		})
	}

	t.Run("companies and tags", func(t *testing.T) {
		is := is.New(t)
		page := decode[api.PageJSON[api.CompanyJSON]](t, admin.get("/api/v1/companies?tag=vip"), http.StatusOK)
		is.Equal(page.Total, 0)
		is.True(strings.Contains(admin.get("/api/v1/companies?tag=vip").Body, `"data":[]`)) // an empty list, not null
		tags := decode[struct{ Data []api.TagJSON }](t, admin.get("/api/v1/tags"), http.StatusOK).Data
		is.Equal(len(tags), 2)
		is.Equal(tags[0].Name, "newsletter")
		is.Equal(tags[1].Name, "VIP") // the first spelling stays
		is.Equal(tags[1].Contacts, 2) // live ones only
		is.True(strings.HasPrefix(tags[1].Color, "#"))
	})
}

func TestAPIViewerCannotWrite(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	ts.setupAdmin(t)
	viewer := ts.loginAs(t, app.RoleViewer)
	c := addContact(t, ts, app.ContactInput{FirstName: "Read", LastName: "Only"})
	co, err := ts.app.CreateCompany(t.Context(), nil, app.CompanyInput{Name: "Readonly Inc"})
	is.NoErr(err)

	is.Equal(decode[api.ContactJSON](t, viewer.get("/api/v1/contacts/"+c.ID), http.StatusOK).ID, c.ID) // reading is fine
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodPost, "/api/v1/contacts", `{"first_name": "New"}`},
		{http.MethodPatch, "/api/v1/contacts/" + c.ID, `{"version": 1, "title": "Boss"}`},
		{http.MethodDelete, "/api/v1/contacts/" + c.ID, ""},
		{http.MethodPost, "/api/v1/companies", `{"name": "New"}`},
		{http.MethodPatch, "/api/v1/companies/" + co.ID, `{"version": 1, "name": "Renamed"}`},
		{http.MethodDelete, "/api/v1/companies/" + co.ID, ""},
	} {
		t.Run(fmt.Sprint(tc.method, " ", tc.path), func(t *testing.T) {
			is := is.New(t)
			is.Equal(problemOf(t, viewer.json(tc.method, tc.path, tc.body), http.StatusForbidden).Code, "forbidden")
		})
	}
	after := decode[api.ContactJSON](t, viewer.get("/api/v1/contacts/"+c.ID), http.StatusOK)
	is.Equal(after.Version, 1) // untouched
	is.Equal(decode[api.PageJSON[api.ContactJSON]](t, viewer.get("/api/v1/contacts"), http.StatusOK).Total, 1)
}

func TestAPICompanies(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	res := admin.json(http.MethodPost, "/api/v1/companies", `{"name": "Initech", "website": "https://www.initech.example",
		"size": "51-200", "phone": "+1 512 555 0199", "address": {"city": "Austin"}, "tags": ["prospect"]}`)
	co := decode[api.CompanyJSON](t, res, http.StatusCreated)
	is.Equal(res.Header.Get("Location"), "/api/v1/companies/"+co.ID)
	is.Equal(co.Domain, "initech.example") // taken from the website
	is.Equal(co.PhoneE164, "+15125550199")
	is.True(co.OwnerID != nil) // the caller
	is.Equal(co.Tags, []string{"prospect"})

	path := "/api/v1/companies/" + co.ID
	patched := decode[api.CompanyJSON](t, admin.json(http.MethodPatch, path, `{"version": 1, "industry": "Software"}`), http.StatusOK)
	is.Equal(patched.Industry, "Software")
	is.Equal(patched.Name, "Initech") // untouched
	is.Equal(patched.Address, co.Address)
	problemOf(t, admin.json(http.MethodPatch, path, `{"version": 1, "name": "Initrode"}`), http.StatusConflict)
	p := problemOf(t, admin.json(http.MethodPatch, path, `{"version": 2, "name": "", "size": "huge"}`), http.StatusUnprocessableEntity)
	is.True(p.Errors["name"] != "" && p.Errors["size"] != "")
	p = problemOf(t, admin.json(http.MethodPatch, path, `{"version": 2, "employees": 50}`), http.StatusBadRequest)
	is.True(strings.Contains(p.Detail, `"employees"`))

	contact := decode[api.ContactJSON](t, admin.json(http.MethodPost, "/api/v1/contacts", `{"first_name": "Peter", "company_id": "`+co.ID+`"}`), http.StatusCreated)
	is.Equal(*contact.CompanyID, co.ID)
	list := decode[api.PageJSON[api.CompanyJSON]](t, admin.get("/api/v1/companies"), http.StatusOK)
	is.Equal(list.Total, 1)
	is.Equal(list.Data[0], patched) // list items are whole companies
	is.Equal(list.NextCursor, nil)

	is.Equal(admin.json(http.MethodDelete, path, "").StatusCode, http.StatusNoContent)
	problemOf(t, admin.get(path), http.StatusNotFound)
	is.Equal(decode[api.PageJSON[api.CompanyJSON]](t, admin.get("/api/v1/companies"), http.StatusOK).Total, 0)
}
