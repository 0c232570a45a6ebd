package ui_test

import (
	"bytes"
	"encoding/json"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// uploadBytes sends data as the file of the imports page's upload form,
// as a browser sends a file it has downloaded.
func uploadBytes(b *browser, name string, data []byte, fields map[string]string) response {
	b.tb.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		b.tb.Fatal(err)
	}
	_, _ = part.Write(data)
	w.Close()
	return b.send(http.MethodPost, "/imports", w.FormDataContentType(), body.String())
}

// previewOf uploads data and opens its preview.
func previewOf(t *testing.T, b *browser, name string, data []byte, entity string) (string, response) {
	t.Helper()
	res := uploadBytes(b, name, data, map[string]string{"entity": entity})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload %s: %d %s", name, res.StatusCode, res.Body)
	}
	preview := res.Header.Get("Location")
	return preview, b.get(preview)
}

// runPreview posts the preview's form to its run address, as its import button does.
func runPreview(b *browser, preview string) response {
	path, query, _ := strings.Cut(preview, "?")
	form, _ := url.ParseQuery(query)
	return b.post(path+"/run", form)
}

// exportedMember is one kind's list of the page's JSON export, as raw JSON.
func exportedMember(t *testing.T, b *browser, entity, member string) (string, []byte) {
	t.Helper()
	res := b.get("/export/" + entity + "?format=json")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export %s: %d", entity, res.StatusCode)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatal(err)
	}
	return string(doc[member]), []byte(res.Body)
}

var problemLine = regexp.MustCompile(`data-line="(\d+)"`)

// TestImportPageTakesRolosJSONExport: the JSON the imports page's own
// export link downloads goes back in through the same page — preview,
// import, nothing new on a second upload, undo — with every field equal.
func TestImportPageTakesRolosJSONExport(t *testing.T) {
	is := is.New(t)
	src := newTestServer(t)
	sb := src.setupAdmin(t)
	for _, name := range []string{"google.csv", "rolo.csv"} {
		res := upload(t, sb, name, map[string]string{"entity": "contact", "tag": "webinar"})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		path, query, _ := strings.Cut(res.Header.Get("Location"), "?")
		form, _ := url.ParseQuery(query)
		form.Set("owner_id", adminID(t, src))
		is.Equal(sb.post(path+"/run", form).StatusCode, http.StatusSeeOther)
	}
	companies, companiesJSON := exportedMember(t, sb, "company", "companies")
	contacts, contactsJSON := exportedMember(t, sb, "contact", "contacts")
	var records []map[string]any
	is.NoErr(json.Unmarshal([]byte(contacts), &records))
	is.True(len(records) > 1)

	dst := newTestServer(t)
	db := dst.setupAdmin(t)
	// Contacts name their company by id: the companies' export goes first.
	preview, res := previewOf(t, db, "companies.json", companiesJSON, "company")
	is.Equal(res.StatusCode, http.StatusOK)
	is.Equal(runPreview(db, preview).StatusCode, http.StatusSeeOther)
	gotCompanies, _ := exportedMember(t, db, "company", "companies")
	is.Equal(gotCompanies, strings.ReplaceAll(companies, adminID(t, src), adminID(t, dst)))

	preview, res = previewOf(t, db, "contacts.json", contactsJSON, "contact")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `id="read-as-json"`)) // read as Rolo's JSON...
	is.True(!strings.Contains(res.Body, `id="mapping"`))     // ...with no columns to map
	is.True(strings.Contains(res.Body, dst.catalog.T("en", "imports.would", len(records), 0, 0)))
	res = runPreview(db, preview)
	is.Equal(res.StatusCode, http.StatusSeeOther)

	// Every field equal; the two servers' admins (the owner) differ only by id.
	got, _ := exportedMember(t, db, "contact", "contacts")
	is.Equal(got, strings.ReplaceAll(contacts, adminID(t, src), adminID(t, dst)))
	batches, err := dst.app.ImportBatches(t.Context(), nil, 5)
	is.NoErr(err)
	is.Equal(batches[0].Created, len(records))

	// The same file again matches every record by id: nothing is created.
	preview, res = previewOf(t, db, "contacts.json", contactsJSON, "contact")
	is.True(strings.Contains(res.Body, dst.catalog.T("en", "imports.would", 0, 0, len(records))))
	is.Equal(runPreview(db, preview).StatusCode, http.StatusSeeOther)
	again, err := dst.app.ImportBatches(t.Context(), nil, 5)
	is.NoErr(err)
	is.Equal(again[0].Created, 0)
	again0, _ := exportedMember(t, db, "contact", "contacts")
	is.Equal(again0, got)

	// Undo of the first contacts import puts them in the trash.
	is.Equal(db.post("/imports/batches/"+batches[0].ID+"/undo", nil).StatusCode, http.StatusSeeOther)
	list, err := dst.app.ListContacts(t.Context(), nil, app.ListQuery{Limit: 10})
	is.NoErr(err)
	is.Equal(list.Total, 0)
}

func adminID(t *testing.T, ts *testServer) string {
	t.Helper()
	u, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// TestImportPageJSONProblems: a refused record of a JSON file is shown
// at the line its record begins on; a Rolo export of another kind, or
// JSON that is not Rolo's, is refused with a message saying so; and a
// user who may export but not import cannot import JSON either.
func TestImportPageJSONProblems(t *testing.T) {
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	res := upload(t, b, "google.csv", map[string]string{"entity": "contact"})
	is.Equal(runPreview(b, res.Header.Get("Location")).StatusCode, http.StatusSeeOther)
	_, contactsJSON := exportedMember(t, b, "contact", "contacts")
	_, companiesJSON := exportedMember(t, b, "company", "companies")

	// One email spoilt: the warning names the line its record begins on.
	lines := strings.Split(string(contactsJSON), "\n")
	spoilt, begins, records := -1, -1, 0
	for i, l := range lines {
		if l == "    {" {
			begins, records = i+1, records+1
		}
		if strings.Contains(l, `"value": "`) && strings.Contains(l, "@") && records > 1 { // a record past the first
			lines[i] = strings.Replace(l, "@", "", 1) // an email without its @ is left out
			spoilt = begins
			break
		}
	}
	is.True(spoilt > 0)
	_, res = previewOf(t, b, "contacts.json", []byte(strings.Join(lines, "\n")), "contact")
	is.Equal(res.StatusCode, http.StatusOK)
	found := problemLine.FindAllStringSubmatch(res.Body, -1)
	is.Equal(len(found), 1)
	is.Equal(found[0][1], strconv.Itoa(spoilt))

	for _, c := range []struct{ name, entity, data, message, holds string }{
		{"companies.json", "contact", string(companiesJSON), "error.import_json_no_contacts", "companies"},
		{"contacts.json", "deal", string(contactsJSON), "error.import_json_no_deals", "contacts"},
		{"foo.json", "contact", `{"foo":1}`, "error.import_json_not_rolo", ""},
		{"list.json", "company", `[{"name":"Acme"}]`, "error.import_json_not_rolo", ""},
	} {
		preview, res := previewOf(t, b, c.name, []byte(c.data), c.entity)
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, html.EscapeString(ts.catalog.T("en", c.message))))
		if c.holds != "" {
			is.True(strings.Contains(res.Body, "<code>"+c.holds+"</code>")) // what the file holds instead
		}
		is.Equal(runPreview(b, preview).StatusCode, http.StatusUnprocessableEntity)
	}
	// Rolo's JSON with a value of the wrong type: the problem at its path.
	_, res = previewOf(t, b, "bad.json", []byte(`{"format": "rolo", "version": 1, "contacts": [{"id": "x", "emails": [{"value": 5}]}]}`), "contact")
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, html.EscapeString(ts.catalog.T("en", "error.import_json_invalid"))))
	is.True(strings.Contains(res.Body, "contacts[0].emails[0].value: must be a string, not a number"))

	list, err := ts.app.ListContacts(t.Context(), nil, app.ListQuery{Limit: 1})
	is.NoErr(err)
	before := list.Total

	// Sales may export (imports: view) but not import.
	sales := ts.loginAs(t, app.RoleSales)
	is.Equal(sales.get("/export/contact?format=json").StatusCode, http.StatusOK)
	is.Equal(uploadBytes(sales, "contacts.json", contactsJSON, map[string]string{"entity": "contact"}).StatusCode, http.StatusForbidden)
	preview, _ := previewOf(t, b, "contacts.json", contactsJSON, "contact")
	is.True(runPreview(sales, preview).StatusCode >= 400) // nor run another's upload
	list, err = ts.app.ListContacts(t.Context(), nil, app.ListQuery{Limit: 1})
	is.NoErr(err)
	is.Equal(list.Total, before)
}
