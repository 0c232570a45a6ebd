package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// addFields creates one contact field of every type through the settings
// form, as an admin would.
func addFields(t *testing.T, admin *browser) {
	t.Helper()
	forms := []url.Values{
		{"label": {"Nickname"}, "type": {"text"}, "group": {"Personal"}},
		{"label": {"Bio"}, "type": {"long_text"}},
		{"label": {"Seats"}, "type": {"number"}},
		{"label": {"Budget"}, "type": {"money"}, "currency": {"EUR"}},
		{"label": {"Renewal date"}, "type": {"date"}, "required": {"1"}},
		{"label": {"VIP"}, "type": {"bool"}},
		{"label": {"Plan"}, "type": {"select"}, "new_options": {"Free\nPro\nEnterprise"}},
		{"label": {"Channels"}, "type": {"multi_select"}, "new_options": {"Email\nPhone\nChat"}},
		{"label": {"Homepage"}, "type": {"url"}},
		{"label": {"Billing email"}, "type": {"email"}},
		{"label": {"Fax"}, "type": {"phone"}},
	}
	for _, f := range forms {
		f.Set("entity", "contact")
		res := admin.post("/settings/fields", f)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add %s: %d\n%s", f.Get("label"), res.StatusCode, res.Body)
		}
	}
}

func TestCustomFieldsThroughFormsAndAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	addFields(t, admin)
	is := is.New(t)

	page := admin.get("/settings/fields")
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, "<code>renewal_date</code>")) // keys made from labels

	// The new-contact form draws each type with its input.
	form := admin.get("/contacts/new")
	for _, want := range []string{`name="cf.renewal_date" value="" type="date"`, `name="cf.seats" value="" type="number"`,
		`name="cf.vip" value="yes"`, `name="cf.channels" value="Chat"`, `<select id="cf-plan" name="cf.plan">`, `<textarea id="cf-bio"`} {
		is.True(strings.Contains(form.Body, want)) // the right input per type
	}

	// A required field left empty comes back with its message; then it saves.
	values := url.Values{"first_name": {"Ada"}, "version": {"0"}, "cf.nickname": {"Addy"}, "cf.seats": {"12"}, "cf.budget": {"1250.50"},
		"cf.vip._": {"bool"}, "cf.vip": {"yes"}, "cf.plan": {"Pro"}, "cf.channels._": {"multi"}, "cf.channels": {"Email", "Chat"},
		"cf.homepage": {"example.com"}, "cf.billing_email": {"B@Example.com"}, "cf.fax": {"+1 555 0100"}, "cf.bio": {"Hello"}}
	res := admin.post("/contacts", values)
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, `value="Addy"`)) // entered values kept
	values.Set("cf.renewal_date", "2027-03-01")
	res = admin.post("/contacts", values)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	contactURL := res.Header.Get("Location")
	show := admin.get(contactURL)
	for _, want := range []string{`data-field="budget">1250.50 EUR`, `data-field="channels">Email; Chat`, `data-field="renewal_date">2027-03-01`,
		`<h2>Personal</h2>`, `href="https://example.com"`} {
		is.True(strings.Contains(show.Body, want)) // grouped values on the record page
	}
	id := contactURL[strings.LastIndex(contactURL, "/")+1:]

	// Editing with every checkbox cleared clears the yes/no and the multi select.
	edit := admin.get(contactURL + "/edit")
	is.True(strings.Contains(edit.Body, `value="Chat" checked`))
	values.Set("version", "1")
	values.Del("cf.vip")
	values.Del("cf.channels")
	res = admin.post(contactURL, values)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	c, err := ts.app.Contact(t.Context(), nil, id)
	is.NoErr(err)
	is.Equal(c.CustomFields["vip"], false)
	_, has := c.CustomFields["channels"]
	is.True(!has) // no option ticked: no value

	// The API shows and takes custom_fields by key.
	got := decode[api.ContactJSON](t, admin.get("/api/v1/contacts/"+id), http.StatusOK)
	is.Equal(got.CustomFields["plan"], "Pro")
	is.Equal(got.CustomFields["budget"], map[string]any{"minor": float64(125050), "currency": "EUR"})
	created := decode[api.ContactJSON](t, admin.json("POST", "/api/v1/contacts", `{"first_name": "Bo", "custom_fields":
		{"renewal_date": "2027-01-01", "seats": 3, "vip": true, "channels": ["Phone"], "budget": {"minor": 500, "currency": "USD"}}}`), http.StatusCreated)
	is.Equal(created.CustomFields["seats"], float64(3))
	is.Equal(created.CustomFields["channels"], []any{"Phone"})
	is.Equal(created.CustomFields["budget"], map[string]any{"minor": float64(500), "currency": "USD"})
	patched := decode[api.ContactJSON](t, admin.json("PATCH", "/api/v1/contacts/"+created.ID, `{"version": 1, "custom_fields": {"seats": 4}}`), http.StatusOK)
	is.Equal(patched.CustomFields["seats"], float64(4))
	is.Equal(patched.CustomFields["vip"], true) // merge patch: the rest stays
	bad := decode[problemBody](t, admin.json("POST", "/api/v1/contacts", `{"first_name": "X", "custom_fields": {"seats": "many"}}`), http.StatusUnprocessableEntity)
	is.True(bad.Errors["custom_fields.seats"] != "")        // the field key names the problem
	is.True(bad.Errors["custom_fields.renewal_date"] != "") // and the missing required field

	// Definitions in the API.
	fields := decode[struct{ Data []api.FieldJSON }](t, admin.get("/api/v1/fields?entity=contact"), http.StatusOK)
	is.Equal(len(fields.Data), 11)

	// Filter and sort on custom fields, in the page and the API.
	list := admin.get("/contacts?q=" + url.QueryEscape("seats:>3 plan:pro"))
	is.Equal(list.StatusCode, http.StatusOK)
	is.True(strings.Contains(list.Body, ">Ada<"))
	is.True(!strings.Contains(list.Body, ">Bo<"))
	builder := admin.get("/contacts?" + url.Values{"fb.field.0": {"seats"}, "fb.op.0": {"gt"}, "fb.value.0": {"5"}}.Encode())
	is.True(strings.Contains(builder.Body, ">Ada<") && !strings.Contains(builder.Body, ">Bo<")) // the builder rows filter without JS
	is.True(strings.Contains(builder.Body, `value="seats:&gt;&#34;5&#34;"`) || strings.Contains(builder.Body, `value="seats:&gt;5"`))
	sorted := decode[api.PageJSON[api.ContactJSON]](t, admin.get("/api/v1/contacts?sort=-cf.seats"), http.StatusOK)
	is.Equal(len(sorted.Data), 2)
	is.Equal(sorted.Data[0].FirstName, "Ada") // 12 before 4
	problem := decode[struct {
		Errors map[string]string
		At     string
	}](t, admin.get("/api/v1/contacts?q="+url.QueryEscape("tag:vip colour:red")), http.StatusUnprocessableEntity)
	is.Equal(problem.At, "9: colour:red")
	page = admin.get("/contacts?q=" + url.QueryEscape(`"unclosed`))
	is.Equal(page.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(page.Body, `id="query-error"`))

	// Type change refused with the count of records in the way.
	fs, err := ts.app.CustomFields(t.Context(), "contact")
	is.NoErr(err)
	var nick app.CustomField
	for _, f := range fs {
		if f.Key == "nickname" {
			nick = f
		}
	}
	res = admin.post("/settings/fields/"+nick.ID, url.Values{"label": {"Nickname"}, "type": {"number"}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, `<strong id="in-way-count">1</strong>`))
}

func TestQueryHostileInputNever500(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	if _, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "Ann"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"`, `'; DROP TABLE contacts; --`, `NEAR(a b)`, `a OR "b`, `*`, `name:~%_\`, `tag:`, "\x00", `-:`,
		`created:>2026-99-99`, `"` + strings.Repeat("x", 3000) + `"`, `<script>alert(1)</script>`} {
		for _, path := range []string{"/api/v1/contacts", "/api/v1/companies", "/api/v1/deals", "/contacts", "/companies"} {
			res := admin.get(path + "?q=" + url.QueryEscape(q))
			if res.StatusCode >= 500 {
				t.Errorf("%s %q: %d", path, q, res.StatusCode)
			}
			if strings.Contains(res.Body, "<script>alert(1)</script>") {
				t.Errorf("%s %q: unescaped", path, q)
			}
		}
	}
}

func TestSegmentsThroughAPIAndPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	viewer := ts.loginAs(t, app.RoleViewer)
	for _, name := range []string{"One", "Two", "Three"} {
		tags := []string{"vip"}
		if name == "Three" {
			tags = nil
		}
		if _, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: name, Tags: tags}); err != nil {
			t.Fatal(err)
		}
	}
	is := is.New(t)
	shared := decode[api.SegmentJSON](t, admin.json("POST", "/api/v1/segments", `{"entity": "contact", "name": "VIPs", "query": "tag:vip", "shared": true}`), http.StatusCreated)
	is.Equal(shared.Count, 2)
	private := decode[api.SegmentJSON](t, admin.json("POST", "/api/v1/segments", `{"entity": "contact", "name": "Mine", "query": "owner:me"}`), http.StatusCreated)

	seen := decode[struct{ Data []api.SegmentJSON }](t, viewer.get("/api/v1/segments"), http.StatusOK)
	is.Equal(len(seen.Data), 1) // the viewer sees the shared one only
	is.Equal(viewer.get("/api/v1/segments/"+private.ID).StatusCode, http.StatusNotFound)
	is.Equal(viewer.json("POST", "/api/v1/segments", `{"entity": "contact", "name": "Ours", "query": "", "shared": true}`).StatusCode, http.StatusForbidden)
	is.Equal(viewer.do("DELETE", "/api/v1/segments/"+shared.ID, nil).StatusCode, http.StatusForbidden)
	is.Equal(viewer.json("POST", "/api/v1/segments", `{"entity": "contact", "name": "Own", "query": "tag:vip"}`).StatusCode, http.StatusCreated)

	// The list takes the segment, the API as well; the segments page counts.
	page := viewer.get("/contacts?segment=" + shared.ID)
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, ">One<") && !strings.Contains(page.Body, ">Three<"))
	list := decode[api.PageJSON[api.ContactJSON]](t, viewer.get("/api/v1/contacts?segment="+shared.ID), http.StatusOK)
	is.Equal(list.Total, 2)
	segs := viewer.get("/segments")
	is.True(strings.Contains(segs.Body, `<td data-label="Records" class="count">2</td>`))

	// Saving a filter from the list page.
	res := admin.post("/segments", url.Values{"entity": {"contact"}, "name": {"No tag"}, "query": {"-tag:vip"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.HasPrefix(res.Header.Get("Location"), "/contacts?segment="))
	patched := decode[api.SegmentJSON](t, admin.json("PATCH", "/api/v1/segments/"+shared.ID, `{"name": "Very important"}`), http.StatusOK)
	is.Equal(patched.Name, "Very important")
	is.Equal(patched.Query, "tag:vip")

	// Viewers may not manage fields.
	is.Equal(viewer.get("/settings/fields").StatusCode, http.StatusForbidden)
}

func TestCustomFieldsOnCompaniesAndDeals(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	is := is.New(t)
	for _, e := range []string{"company", "deal"} {
		res := admin.post("/settings/fields", url.Values{"entity": {e}, "label": {"Region code"}, "type": {"select"}, "new_options": {"EMEA\nAPAC"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
	}
	is.True(strings.Contains(admin.get("/companies/new").Body, `name="cf.region_code"`))
	is.True(strings.Contains(admin.get("/deals/new").Body, `name="cf.region_code"`))
	co := decode[api.CompanyJSON](t, admin.json("POST", "/api/v1/companies", `{"name": "Globex", "custom_fields": {"region_code": "apac"}}`), http.StatusCreated)
	is.Equal(co.CustomFields["region_code"], "APAC")
	is.True(strings.Contains(admin.get("/companies/"+co.ID).Body, `data-field="region_code">APAC`))
	d := decode[api.DealJSON](t, admin.json("POST", "/api/v1/deals", `{"title": "Big", "custom_fields": {"region_code": "EMEA"}}`), http.StatusCreated)
	is.Equal(d.CustomFields["region_code"], "EMEA")
	is.True(strings.Contains(admin.get("/deals/"+d.ID).Body, `data-field="region_code">EMEA`))
	deals := decode[api.PageJSON[api.DealJSON]](t, admin.get("/api/v1/deals?q=region_code:apac"), http.StatusOK)
	is.Equal(len(deals.Data), 0)
	deals = decode[api.PageJSON[api.DealJSON]](t, admin.get("/api/v1/deals?q=region_code:emea"), http.StatusOK)
	is.Equal(len(deals.Data), 1)
	companies := decode[api.PageJSON[api.CompanyJSON]](t, admin.get("/api/v1/companies?q=region_code:apac"), http.StatusOK)
	is.Equal(companies.Total, 1)
}

func TestListColumnPicker(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	viewer := ts.loginAs(t, app.RoleViewer)
	addFields(t, admin)
	is := is.New(t)
	_, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "Ada", CustomFields: app.CustomValues{"seats": 12, "renewal_date": "2027-01-01", "plan": "Pro"}})
	is.NoErr(err)
	is.True(!strings.Contains(admin.get("/contacts").Body, `data-column="seats"`)) // none chosen yet
	res := admin.post("/list-columns", url.Values{"entity": {"contact"}, "columns": {"plan", "seats", "no_such_key"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	page := admin.get("/contacts").Body
	is.True(strings.Contains(page, `data-column="plan">Pro</td>`))
	is.True(strings.Contains(page, `data-column="seats">12</td>`))
	is.True(!strings.Contains(viewer.get("/contacts").Body, `data-column="seats"`)) // columns are each user's own
}
