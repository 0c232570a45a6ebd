package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// The CSV round trip: companies, contacts and deals exported from one
// database come back into a fresh one with every field equal (the second
// export is the same file), and come back into the same database as
// nothing new, the dry run saying what the real run does.

// roundTripFields are the custom fields both databases define, one of
// every kind that a CSV cell has to carry.
func roundTripFields(t *testing.T, ta *testApp, admin app.Actor) {
	t.Helper()
	ctx := context.Background()
	options := []app.FieldOption{{Label: "Seoul, Korea"}, {Label: "Tokyo; Japan"}, {Label: "東京、大阪"}, {Label: `"Quoted"`}}
	for _, entity := range []string{"contact", "company", "deal"} {
		for _, f := range []app.FieldInput{
			{Key: "region", Label: "Region", Type: "multi_select", Options: options},
			{Key: "tier", Label: "Tier", Type: "select", Options: options},
			{Key: "memo", Label: "Memo", Type: "long_text"},
			{Key: "score", Label: "Score", Type: "number"},
			{Key: "budget", Label: "Budget", Type: "money", Currency: "KRW"},
			{Key: "since", Label: "Since", Type: "date"},
			{Key: "active", Label: "Active", Type: "bool"},
			{Key: "homepage", Label: "Homepage", Type: "url"},
		} {
			if _, err := ta.CreateCustomField(ctx, admin, entity, f); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// roundTripUsers are the team of both databases: the admin and a
// salesperson who owns records, matched by email.
func roundTripUsers(t *testing.T, ta *testApp) (admin, bo app.Actor) {
	t.Helper()
	admin = mustSetup(t, ta)
	bo, err := ta.CreateUser(context.Background(), admin, app.NewUser{Name: "Bo Sales", Email: "bo@example.com", Role: app.RoleSales, Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	roundTripFields(t, ta, admin)
	return admin, bo
}

// seedRoundTrip fills a database with records whose every value is hard
// for a CSV: commas, quotes, newlines, semicolons, CJK, tags with commas,
// labels, several emails and contacts, deals won and lost.
func seedRoundTrip(t *testing.T, ta *testApp, admin, bo app.Actor) {
	t.Helper()
	ctx := context.Background()
	custom := app.CustomValues{"region": []string{"Seoul, Korea", "東京、大阪"}, "tier": "Tokyo; Japan", "memo": "line one\nline \"two\", three; four",
		"score": 42.5, "budget": "1500000", "since": "2024-02-29", "active": true, "homepage": "https://example.com/a?b=1,2"}
	acme, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Acme, Inc.", Domain: "acme.example", Website: "https://acme.example",
		Industry: "Widgets; gadgets", Size: "11-50", Phone: "+82 2 555 0100", OwnerID: bo.ID, Notes: "Founded \"1999\",\nSeoul",
		Address: store.Address{Street: "1 Main St\nSuite 5", City: "서울", Region: "Gangnam-gu", PostalCode: "06000", Country: "KR"},
		Tags:    []string{"Acme, Inc. partner", "a;b", "=formula"}, CustomFields: custom})
	if err != nil {
		t.Fatal(err)
	}
	if _, err = ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "株式会社さくら", Tags: []string{"東京、大阪"}, NoOwner: true}); err != nil {
		t.Fatal(err)
	}
	jiwoo, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "지우", LastName: "최", Title: "CEO, founder", CompanyID: acme.ID,
		Emails: []store.Labeled{{Label: "work", Value: "jiwoo@acme.example"}, {Label: "Assistant", Value: "desk@acme.example"},
			{Value: "jiwoo@home.example"}, {Label: "other", Value: "j@old.example"}},
		Phones:   []store.Labeled{{Label: "mobile", Value: "010-1234-5678"}, {Label: "work", Value: "+82 2 555 0101"}},
		Social:   []store.Labeled{{Label: "LinkedIn", Value: "https://www.linkedin.com/in/jiwoo"}},
		Birthday: "--03-15", Website: "https://jiwoo.example", LeadSource: "Trade fair, Busan", LifecycleStatus: "qualified",
		OwnerID: bo.ID, Notes: "Met at \"K-Expo\";\nfollow up, soon",
		Address: store.Address{Street: "2 Side Rd", City: "Busan", Country: "KR"},
		Tags:    []string{"vip", "Seoul, Korea", "* starred", `back\slash`, "東京、大阪"}, CustomFields: custom})
	if err != nil {
		t.Fatal(err)
	}
	lee, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ann", LastName: "Lee", NoOwner: true, LifecycleStatus: "customer",
		Emails: []store.Labeled{{Value: "ann@example.com"}}})
	if err != nil {
		t.Fatal(err)
	}
	noEmail, err := ta.CreateContact(ctx, admin, app.ContactInput{DisplayName: "Phone Only", Phones: []store.Labeled{{Value: "+1 415 555 0199"}}})
	if err != nil {
		t.Fatal(err)
	}
	pipelines, err := ta.Pipelines(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	stages := pipelines[0].Stages
	for _, in := range []app.DealInput{
		{Title: "Widgets, 500 units", Amount: "12500.50", Currency: "USD", StageID: stages[1].ID, CompanyID: acme.ID,
			ContactIDs: []string{jiwoo.ID, lee.ID, noEmail.ID}, OwnerID: bo.ID, ExpectedCloseDate: "2026-12-31", Source: "Web; referral",
			Notes: "Call \"Monday\"\nthen email", Tags: []string{"big, important", "q4"}, CustomFields: custom},
		{Title: "계약 갱신", Amount: "3000000", Currency: "KRW", StageID: stages[len(stages)-1].ID, Status: "lost", LostReason: "Price, timing", NoOwner: true},
		{Title: "Won one", Amount: "10", Currency: "EUR", StageID: stages[len(stages)-2].ID, Status: "won", ContactIDs: []string{lee.ID}},
	} {
		if _, err := ta.CreateDeal(ctx, admin, in); err != nil {
			t.Fatal(err)
		}
	}
}

// seededApp is a fresh database with the round trip's team, fields and
// records, and its admin.
func seededApp(t *testing.T) (*testApp, app.Actor) {
	t.Helper()
	ta := mustOpenApp(t)
	admin, bo := roundTripUsers(t, ta)
	seedRoundTrip(t, ta, admin, bo)
	return ta, admin
}

var roundTripEntities = []string{"company", "contact", "deal"} // the order an import needs: links point back

func exportCSV(t *testing.T, ta *testApp, actor app.Actor, entity string) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := ta.Export(context.Background(), actor, &out, entity, "csv", nil); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// dryThenReal imports file twice, as a dry run then for real, with
// the counts of each.
func dryThenReal(t *testing.T, ta *testApp, actor app.Actor, file []byte, opt app.ImportOptions) (dry, real app.ImportReport) {
	t.Helper()
	ctx := context.Background()
	opt.DryRun = true
	dry, err := ta.Import(ctx, actor, bytes.NewReader(file), opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.DryRun = false
	if real, err = ta.Import(ctx, actor, bytes.NewReader(file), opt); err != nil {
		t.Fatal(err)
	}
	return dry, real
}

// counts are a report's numbers, to compare a dry run with a real one.
func counts(r app.ImportReport) []int { return []int{r.Created, r.Updated, r.Skipped, r.Failed} }

func TestCSVRoundTripIsLossless(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, admin := seededApp(t)
	files := map[string][]byte{}
	for _, entity := range roundTripEntities {
		files[entity] = exportCSV(t, ta, admin, entity)
	}
	is.True(strings.Contains(string(files["contact"]), "email_label"))
	is.True(!strings.Contains(string(files["deal"]), "default.")) // names people see, not catalog keys

	// A fresh database, two days later: the same file comes out.
	tb := mustOpenApp(t)
	tb.clock.Add(48 * time.Hour)
	adminB, _ := roundTripUsers(t, tb)
	for _, entity := range roundTripEntities {
		rep, err := tb.Import(ctx, adminB, bytes.NewReader(files[entity]), app.ImportOptions{Entity: entity, FileName: entity + ".csv"})
		is.NoErr(err)
		is.Equal(rep.Preset, "rolo")
		is.Equal(rep.Warnings, nil) // no field left out
		is.Equal(rep.Problems, nil)
		is.True(rep.Created > 0)
		is.Equal(rep.Created, rep.Rows)
	}
	for _, entity := range roundTripEntities {
		again := exportCSV(t, tb, adminB, entity)
		if !bytes.Equal(again, files[entity]) {
			t.Errorf("%s: the export of the fresh database differs:\n%s\n--- was ---\n%s", entity, again, files[entity])
		}
	}

	// The same files into the same database: matched by id, nothing new,
	// and the dry run said so.
	for _, entity := range roundTripEntities {
		dry, real := dryThenReal(t, ta, admin, files[entity], app.ImportOptions{Entity: entity, FileName: entity + ".csv"})
		is.Equal(real.Created, 0)
		is.Equal(real.Skipped, real.Rows)
		is.Equal(counts(dry), counts(real))
		is.Equal(exportCSV(t, ta, admin, entity), files[entity]) // nothing changed either
	}
}

// TestImportDryRunCountsAsTheRealRun: rows that repeat a company or a
// deal inside the file, and overwrite: the preview's numbers are the
// import's, for companies and deals as for contacts.
func TestImportDryRunCountsAsTheRealRun(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta, admin := seededApp(t)
	for _, entity := range roundTripEntities {
		file := exportCSV(t, ta, admin, entity)
		lines := strings.SplitAfterN(string(file), "\n", 2)
		// The file twice over (the second copy matches what the first
		// names), then rows without ids that are new.
		doubled := []byte(lines[0] + lines[1] + lines[1])
		for _, mode := range []string{"skip", "overwrite"} {
			dry, real := dryThenReal(t, ta, admin, doubled, app.ImportOptions{Entity: entity, FileName: entity + "-" + mode + ".csv", OnDuplicate: mode})
			is.Equal(real.Created, 0)
			is.Equal(counts(dry), counts(real)) // entity, mode
		}
	}
	fresh := map[string]string{"company": "name\nNew Co\nNew Co\n\"Acme, Inc.\"\n", "deal": "title,stage\nNew deal,Demo\nNew deal,Demo\n"}
	for entity, file := range fresh {
		dry, real := dryThenReal(t, ta, admin, []byte(file), app.ImportOptions{Entity: entity, FileName: "fresh.csv"})
		is.True(real.Created > 0)
		is.Equal(counts(dry), counts(real)) // entity
	}
}

// TestDealsExportInKoreanImportBack: the default pipeline's names are
// translated; an export by a Korean-speaking user names them in Korean,
// and an import in any language places the deals in the same stages.
func TestDealsExportInKoreanImportBack(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, admin := seededApp(t)
	body, err := os.ReadFile(filepath.Join("..", "embed", "i18n", "ko", "deals.json"))
	is.NoErr(err)
	var ko map[string]string
	is.NoErr(json.Unmarshal(body, &ko))

	var out bytes.Buffer
	is.NoErr(ta.Export(app.WithLanguage(ctx, "ko"), admin, &out, "deal", "csv", nil))
	is.True(strings.Contains(out.String(), ko["pipeline.default.name"]))
	is.True(strings.Contains(out.String(), ko["pipeline.default.won"]))

	tb := mustOpenApp(t)
	adminB, _ := roundTripUsers(t, tb)
	for _, entity := range roundTripEntities[:2] {
		_, err := tb.Import(ctx, adminB, bytes.NewReader(exportCSV(t, ta, admin, entity)), app.ImportOptions{Entity: entity})
		is.NoErr(err)
	}
	rep, err := tb.Import(ctx, adminB, bytes.NewReader(out.Bytes()), app.ImportOptions{Entity: "deal"})
	is.NoErr(err)
	is.Equal(rep.Warnings, nil) // every pipeline and stage found
	is.Equal(rep.Created, 3)
	var back bytes.Buffer
	is.NoErr(tb.Export(app.WithLanguage(ctx, "ko"), adminB, &back, "deal", "csv", nil))
	is.Equal(back.String(), out.String())
	is.Equal(exportCSV(t, tb, adminB, "deal"), exportCSV(t, ta, admin, "deal")) // and in English too
}

// TestImportReadsOldTagCells: a tag cell of an earlier export (", "
// between tags) and other programs' separators still split as before.
func TestImportReadsOldTagCells(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	file := "display_name,tags\nOld Export,\"vip, lead\"\nGoogle Groups,Friends ::: * myContacts ::: Work\nSemicolons,a; b\nEscaped,\"Acme\\, Inc., x\\;y\"\n"
	_, err := ta.Import(ctx, admin, strings.NewReader(file), app.ImportOptions{Entity: "contact"})
	is.NoErr(err)
	got := map[string]string{}
	for name, c := range contactsByName(t, ta, admin) {
		got[name] = tagNames(c.Tags)
	}
	is.Equal(got, map[string]string{"Old Export": "lead,vip", "Google Groups": "Friends,Work", "Semicolons": "a,b", "Escaped": "Acme, Inc.,x;y"})
}
