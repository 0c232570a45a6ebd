package app_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// hostile are strings that break careless writers: formulas, markup,
// quotes, separators, newlines, CJK, emoji, a NUL-free control.
var hostile = []string{`=HYPERLINK("http://evil.example","x")`, `<script>alert("x")</script> & co`, `O'Brien; "quoted", a\b`,
	"line one\nline two\r\nline three", "김민수 山田太郎 王伟", "👩‍💻 émoji, tags, commas", "tab\there ::: pipe|semi;"}

// fillEveryKind writes a database with every kind of record a dump holds.
func fillEveryKind(t *testing.T, ta *testApp) {
	t.Helper()
	is := is.New(t)
	ctx := context.Background()
	admin := mustSetup(t, ta)
	is.NoErr(ta.GenerateDemo(ctx, app.DemoOptions{Contacts: 25, Companies: 6, Deals: 8, Activities: 15, Tasks: 8, Seed: 7}))
	for i, typ := range app.FieldTypes {
		in := app.FieldInput{Key: "f_" + typ, Label: []string{hostile[0], hostile[1], hostile[2], hostile[4], hostile[5]}[i%5] + " " + typ, Type: typ, Help: "help " + typ, Required: false, Position: i}
		if typ == "select" || typ == "multi_select" {
			in.Options = []app.FieldOption{{Label: "한국"}, {Label: "Plan, \"B\""}, {Label: "三"}}
		}
		if typ == "money" {
			in.Currency = "EUR"
		}
		_, err := ta.CreateCustomField(ctx, admin, "contact", in)
		is.NoErr(err) // custom field of every type
	}
	_, err := ta.CreateCustomField(ctx, admin, "deal", app.FieldInput{Key: "renewal", Label: "Renewal", Type: "date"})
	is.NoErr(err)
	co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: hostile[1], Phone: "+82 2 312 3456", Tags: []string{"b2b, enterprise", "東京"},
		Address: store.Address{Street: hostile[3], City: "서울", Country: "KR"}, Notes: hostile[0]})
	is.NoErr(err)
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "민수", LastName: "김", Title: hostile[2], CompanyID: co.ID,
		Emails: []store.Labeled{{Label: "work", Value: "minsu@example.kr"}, {Label: "home, private", Value: "m@example.com"}},
		Phones: []store.Labeled{{Label: "mobile", Value: "010-1234-5678"}}, Birthday: "--02-29", LeadSource: hostile[5],
		LifecycleStatus: "customer", Notes: hostile[3], Tags: []string{"vip", "comma, inside"}, Social: []store.Labeled{{Label: "x", Value: "@minsu"}},
		CustomFields: app.CustomValues{"f_text": hostile[0], "f_long_text": hostile[3], "f_number": 3.25, "f_money": "1234.50 EUR",
			"f_date": "2026-02-28", "f_bool": true, "f_select": "三", "f_multi_select": []string{"한국", "Plan, \"B\""},
			"f_url": "https://example.com/a?b=c&d=e", "f_email": "x@example.org", "f_phone": "+1 415 555 0132"}})
	is.NoErr(err)
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, x%30, color.RGBA{R: uint8(x * 6), G: 90, B: 200, A: 255})
	}
	var photo bytes.Buffer
	is.NoErr(png.Encode(&photo, img))
	is.NoErr(ta.SetContactPhoto(ctx, admin, c.ID, photo.Bytes()))
	_, err = ta.SetConsent(ctx, admin, c.ID, app.ConsentInput{Status: "granted", GivenAt: "2026-01-05", Source: "web form", Wording: hostile[2]})
	is.NoErr(err)
	is.NoErr(ta.SetKeepInTouch(ctx, admin, c.ID, 30))
	p, err := ta.CreatePipeline(ctx, admin, "Partner 온보딩", []string{"Qualified", "Proposal Made"})
	is.NoErr(err)
	_, err = ta.CreateDeal(ctx, admin, app.DealInput{Title: hostile[5] + " ::: pipe|semi;", Value: 990000, Currency: "JPY", PipelineID: p.ID, StageID: p.Stages[1].ID,
		CompanyID: co.ID, ContactIDs: []string{c.ID}, ExpectedCloseDate: "2027-03-31", Tags: []string{"vip"}, CustomFields: app.CustomValues{"renewal": "2027-01-01"}})
	is.NoErr(err)
	_, err = ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "call", DurationMinutes: 15, Outcome: hostile[4], Body: hostile[1],
		Links: []app.RecordRef{{Entity: "contact", ID: c.ID}, {Entity: "company", ID: co.ID}}})
	is.NoErr(err)
	_, err = ta.CreateTask(ctx, admin, app.TaskInput{Title: hostile[2], DueDate: "2026-12-01", DueTime: "09:30", TimeZone: "Asia/Seoul",
		Recurrence: "FREQ=WEEKLY;BYDAY=MO", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	_, err = ta.CreateSegment(ctx, admin, app.SegmentInput{Entity: "contact", Name: "VIP 고객", Query: "tag:vip", Shared: true})
	is.NoErr(err)
	gone, err := ta.CreateContact(ctx, admin, app.ContactInput{DisplayName: "In the trash"})
	is.NoErr(err)
	is.NoErr(ta.TrashContact(ctx, admin, gone.ID))
}

func exportAll(t *testing.T, ta *testApp) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ta.ExportAll(context.Background(), nil, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportAllImportAllRoundTrip(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	src := mustOpenApp(t)
	fillEveryKind(t, src)
	first := exportAll(t, src)
	is.Equal(string(exportAll(t, src)), string(first)) // two exports of one database are the same bytes

	var doc map[string]any
	is.NoErr(json.Unmarshal(first, &doc))
	is.Equal(doc["format"], "rolo")
	is.Equal(doc["version"], 1.0)
	for _, member := range []string{"users", "tags", "custom_fields", "activity_types", "pipelines", "companies", "contacts", "deals", "activities", "tasks", "segments"} {
		list, _ := doc[member].([]any)
		is.True(len(list) > 0) // every kind of record is in the document
	}
	is.True(!strings.Contains(string(first), "In the trash")) // the trash stays behind
	is.True(!strings.Contains(string(first), "argon2"))       // no password hash
	is.True(strings.Contains(string(first), `"f_number": 3.25`))
	is.True(strings.Contains(string(first), `"f_bool": true`))
	is.True(strings.Contains(string(first), `"f_money": {`))

	dst := mustOpenApp(t)
	dst.clock.Add(24 * time.Hour) // another day: nothing may take the new database's clock
	rep, err := dst.ImportAll(ctx, nil, bytes.NewReader(first))
	is.NoErr(err)
	is.Equal(rep.Contacts, len(doc["contacts"].([]any)))
	second := exportAll(t, dst)
	is.Equal(string(second), string(first)) // export → import → export gives the same document

	// Users come back without a password until one is set.
	_, err = dst.Login(ctx, "ada@example.com", "correct horse", app.Client{Addr: "127.0.0.1"})
	is.True(err != nil)
	ada, err := dst.UserByEmail(ctx, "ada@example.com")
	is.NoErr(err)
	is.NoErr(dst.ResetPassword(ctx, nil, ada.ID, "a new long password"))
	_, err = dst.Login(ctx, "ada@example.com", "a new long password", app.Client{Addr: "127.0.0.1"})
	is.NoErr(err)

	// The restored database finds its records by search, as one filled by hand.
	hits, err := dst.Search(ctx, nil, "민수", 10)
	is.NoErr(err)
	is.True(len(hits) > 0)

	// A database that holds anything is refused, and keeps what it holds.
	before := exportAll(t, dst)
	_, err = dst.ImportAll(ctx, nil, bytes.NewReader(first))
	is.True(err != nil)
	is.True(strings.Contains(err.Error(), "not empty"))
	is.Equal(string(exportAll(t, dst)), string(before))
}

// TestImportAllRefusesBadDocuments: a file cut short, broken JSON, a
// value of the wrong type, an unknown member and a dangling reference
// are each reported at their path, and nothing is written; a document
// that fails only while writing leaves nothing either.
func TestImportAllRefusesBadDocuments(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	src := mustOpenApp(t)
	fillEveryKind(t, src)
	good := exportAll(t, src)
	edit := func(change func(doc map[string]any)) []byte {
		var doc map[string]any
		is.NoErr(json.Unmarshal(good, &doc))
		change(doc)
		b, err := json.Marshal(doc)
		is.NoErr(err)
		return b
	}
	item := func(doc map[string]any, path ...any) map[string]any {
		var v any = doc
		for _, p := range path {
			switch k := p.(type) {
			case string:
				v = v.(map[string]any)[k]
			case int:
				v = v.([]any)[k]
			}
		}
		return v.(map[string]any)
	}
	withEmail := 0
	for i, c := range mustDecode(t, good)["contacts"].([]any) {
		if len(c.(map[string]any)["emails"].([]any)) > 0 {
			withEmail = i
			break
		}
	}
	cases := []struct {
		name string
		doc  []byte
		want string
	}{
		{"cut short", good[:len(good)/2], "is it cut short?"},
		{"broken JSON", []byte(`{"format": "rolo", "version": 1, "contacts": [{"id": "a",, }]}`), "contacts[0]: not valid JSON"},
		{"wrong type", edit(func(d map[string]any) { item(d, "contacts", withEmail, "emails", 0)["value"] = 5 }),
			fmt.Sprintf("contacts[%d].emails[0].value: must be a string, not a number", withEmail)},
		{"null where a value must be", edit(func(d map[string]any) { item(d, "deals", 0)["value"] = nil }), "deals[0].value: must be an object, not null"},
		{"unknown member", edit(func(d map[string]any) { item(d, "contacts", 2)["emial"] = "x@example.com" }), "contacts[2].emial: unknown member"},
		{"dangling reference", edit(func(d map[string]any) { item(d, "deals", 1)["stage"] = map[string]any{"id": "nope"} }),
			`deals[1].stage.id: no stage "nope" in the deal's pipeline`},
		{"reference to a record left out", edit(func(d map[string]any) { item(d, "contacts", 0)["company"] = map[string]any{"id": "gone"} }),
			`contacts[0].company.id: no company "gone" in the document`},
		{"bad time", edit(func(d map[string]any) { item(d, "users", 0)["created_at"] = "yesterday" }), "users[0].created_at: must be a time in RFC 3339"},
		{"custom value of the wrong type", edit(func(d map[string]any) {
			for _, c := range d["contacts"].([]any) {
				if custom := c.(map[string]any)["custom"].(map[string]any); custom["f_bool"] != nil {
					custom["f_bool"] = "yes"
				}
			}
		}), "does not fit a bool field"},
		{"a photo that is not one", edit(func(d map[string]any) {
			for _, c := range d["contacts"].([]any) {
				if photo, ok := c.(map[string]any)["photo"].(map[string]any); ok {
					photo["data"] = base64.StdEncoding.EncodeToString([]byte("<html><script>alert(1)</script></html>"))
				}
			}
		}), ".photo.data: is not a photo as Rolo stores them"},
		{"another program's file", []byte(`{"format": "hubspot", "version": 1}`), `format: must be "rolo"`},
		{"not an object", []byte(`[{"id": "1"}]`), "must be an object, not a list"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			dst := mustOpenApp(t)
			_, err := dst.ImportAll(ctx, nil, bytes.NewReader(tc.doc))
			is.True(err != nil)
			is.True(strings.Contains(err.Error(), tc.want)) // the problem, at its path
			is.True(strings.Contains(err.Error(), "nothing was written"))
			users, err := dst.Users(ctx, nil)
			is.NoErr(err)
			is.Equal(len(users), 0) // nothing was written
		})
	}

	t.Run("fails while writing", func(t *testing.T) {
		is := is.New(t)
		// Two occurrences of one series on the same day pass the checks but
		// not the database's unique index: the whole restore rolls back.
		doc := edit(func(d map[string]any) {
			for _, i := range []int{0, 1} {
				item(d, "tasks", i)["series_id"], item(d, "tasks", i)["occurrence"] = "series-1", "2026-12-01"
			}
		})
		dst := mustOpenApp(t)
		_, err := dst.CheckImportAll(ctx, nil, bytes.NewReader(doc))
		is.True(err != nil) // the dry run writes too, so it finds what the real run would
		_, err = dst.ImportAll(ctx, nil, bytes.NewReader(doc))
		is.True(err != nil)
		users, err := dst.Users(ctx, nil)
		is.NoErr(err)
		is.Equal(len(users), 0) // all or nothing
		list, err := dst.ListContacts(ctx, nil, store.ListQuery{Limit: 5})
		is.NoErr(err)
		is.Equal(len(list.Rows), 0)
		dry, err := dst.CheckImportAll(ctx, nil, bytes.NewReader(good))
		is.NoErr(err)
		users, err = dst.Users(ctx, nil)
		is.NoErr(err)
		is.Equal(len(users), 0) // a dry run keeps nothing
		rep, err := dst.ImportAll(ctx, nil, bytes.NewReader(good))
		is.NoErr(err)      // and the database is still empty enough to restore into
		is.Equal(rep, dry) // the dry run said what the real run did
	})
}

func mustDecode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestKindJSONLeavesOutHiddenFields: a custom field hidden from a role
// stays out of the JSON that role exports, as out of its CSV, while an
// admin's export (and export all) holds it.
func TestKindJSONLeavesOutHiddenFields(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	salary, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "salary", Label: "Salary", Type: "number"})
	is.NoErr(err)
	_, err = ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Field", CustomFields: app.CustomValues{"salary": 90000}})
	is.NoErr(err)
	sales, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "S", Email: "s@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	is.NoErr(ta.SetFieldProtection(ctx, admin, salary.ID, app.RoleSales, app.FieldHidden))
	var theirs, mine bytes.Buffer
	is.NoErr(ta.Export(ctx, sales, &theirs, "contact", "json", nil))
	is.NoErr(ta.Export(ctx, admin, &mine, "contact", "json", nil))
	is.True(strings.Contains(theirs.String(), `"first_name": "Field"`)) // the contact is exported
	is.True(!strings.Contains(theirs.String(), `"salary"`))             // but not its hidden field
	is.True(strings.Contains(mine.String(), `"salary": 90000`))
	is.True(strings.Contains(string(exportAll(t, ta)), `"salary": 90000`))
}
