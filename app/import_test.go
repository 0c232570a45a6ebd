package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func importFile(t *testing.T, ta *testApp, actor app.Actor, name string, opt app.ImportOptions) (app.ImportReport, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if opt.Entity == "" {
		opt.Entity = "contact"
	}
	opt.FileName = name
	return ta.Import(context.Background(), actor, f, opt)
}

func contactCount(t *testing.T, ta *testApp) int {
	t.Helper()
	list, err := ta.ListContacts(context.Background(), nil, store.ListQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return list.Total
}

func TestImportReadsEveryLayout(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file, entity, preset, encoding string
		delimiter                      rune
		created                        int
		find                           string // a name the import must make searchable
	}{
		{"google.csv", "contact", "google", "utf-8", ',', 3, "김민수"},
		{"google-legacy.csv", "contact", "google-legacy", "utf-8", ',', 2, "陈静"},
		{"outlook.csv", "contact", "outlook", "windows-1252", ',', 2, "Chloé"},
		{"hubspot.csv", "contact", "hubspot", "utf-8", ',', 2, "Priya"},
		{"thunderbird.csv", "contact", "thunderbird", "utf-8", ',', 2, "Ingrid"},
		{"pipedrive-persons.csv", "contact", "pipedrive", "utf-8", ',', 2, "Hana"},
		{"pipedrive-organizations.csv", "company", "pipedrive", "utf-8", ',', 2, "Becker"},
		{"rolo.csv", "contact", "rolo", "utf-8", ',', 1, "Hopper"},
		{"korean-euckr.csv", "contact", "", "euc-kr", ';', 3, "이서연"},
		{"japanese-sjis.csv", "contact", "", "shift-jis", ',', 2, "佐藤"},
		{"chinese-gbk.tsv", "contact", "", "gbk", '\t', 2, "王伟"},
		{"utf16.txt", "contact", "", "utf-16le", '\t', 2, "Søren"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			is := is.New(t)
			ta := mustOpenApp(t)
			admin := mustSetup(t, ta)
			rep, err := importFile(t, ta, admin, c.file, app.ImportOptions{Entity: c.entity, Tag: "import-test"})
			is.NoErr(err)
			is.Equal(rep.Problems, nil)               // no row failed
			is.Equal(rep.Preset, c.preset)            // preset detected
			is.Equal(rep.Format.Encoding, c.encoding) // encoding detected
			is.Equal(rep.Format.Delimiter, c.delimiter)
			is.Equal(rep.Created, c.created) // every row stored
			is.True(rep.Written)
			hits, err := ta.Search(context.Background(), admin, c.find, 5)
			is.NoErr(err)
			is.True(len(hits) > 0) // the imported record is in the search index
			tagged, err := ta.Search(context.Background(), admin, "import-test", 50)
			is.NoErr(err)
			is.True(len(tagged) >= c.created) // every record carries the import's tag
		})
	}
}

func TestImportFieldsAsStored(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	rep, err := importFile(t, ta, admin, "google.csv", app.ImportOptions{Status: "customer"})
	is.NoErr(err)
	is.Equal(rep.Created, 3)
	ctx := context.Background()
	list, err := ta.ListContacts(ctx, nil, store.ListQuery{Limit: 10, Sort: "name"})
	is.NoErr(err)
	var kim app.Contact
	for _, r := range list.Rows {
		if r.DisplayName == "김민수" {
			kim, err = ta.Contact(ctx, admin, r.ID)
			is.NoErr(err)
		}
	}
	is.Equal(kim.Birthday, "--05-12")                    // Google's birthday without a year
	is.Equal(len(kim.Emails), 2)                         // both addresses
	is.Equal(kim.LifecycleStatus, "customer")            // the import's status for every row
	is.True(kim.CompanyID != "")                         // company found or created by name
	is.Equal(kim.Phones[0].E164, "")                     // 010… is not a US number: kept as typed
	is.True(strings.Contains(tagNames(kim.Tags), "VIP")) // Google labels become tags; system groups do not
	is.True(!strings.Contains(tagNames(kim.Tags), "myContacts"))
}

// TestImportOutlookOddFields: 0/0/00 is an empty date, the honorific
// Title is not the job title, and a bad email or birthday is left out
// with the row kept.
func TestImportOutlookOddFields(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	rep, err := importFile(t, ta, admin, "outlook-odd.csv", app.ImportOptions{})
	is.NoErr(err)
	is.Equal(rep.Preset, "outlook")
	is.Equal(rep.Created, 2)
	is.Equal(rep.Failed, 0)
	is.Equal(rep.Warned, 2) // x@invalid on line 2, month 13 on line 3
	hits, err := ta.Search(context.Background(), admin, "Hanna", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1)
	hanna, err := ta.Contact(context.Background(), admin, hits[0].Ref)
	is.NoErr(err)
	is.Equal(hanna.Title, "Chefärztin") // not "Dr."
	is.Equal(hanna.Birthday, "")        // 0/0/00 is empty
	is.Equal(len(hanna.Emails), 1)
}

func tagNames(tags []store.Tag) string {
	var names []string
	for _, t := range tags {
		names = append(names, t.Name)
	}
	return strings.Join(names, ",")
}

func TestImportWithBadRowsWritesNothing(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	rep, err := importFile(t, ta, admin, "broken.csv", app.ImportOptions{})
	is.NoErr(err)
	is.True(!rep.Written)            // a refused row stops the whole import
	is.Equal(contactCount(t, ta), 0) // nothing stored
	is.Equal(rep.Rows, 7)
	is.Equal(rep.Failed, 2) // only the malformed row and the one that names nobody
	is.Equal(rep.Warned, 2) // two rows are kept with a field left out
	got := map[int]string{}
	for _, p := range rep.Problems {
		got[p.Line] += p.Field + "=" + p.Message + ";"
	}
	is.Equal(got[6], "=error.import_row_malformed;")      // the stray quote, by its line
	is.Equal(got[8], "=error.import_nothing_identifies;") // no name, email, phone or company
	warned := map[int]string{}
	for _, p := range rep.Warnings {
		warned[p.Line] += p.Field + "=" + p.Message + "=" + p.Value + ";"
	}
	is.Equal(warned[2], "birthday=error.birthday_invalid=1990-02-30;") // 30 February: left out, Anna kept
	is.Equal(warned[3], "emails.0=error.email_invalid=not-an-email;")  // not an address: left out
	batches, err := ta.ImportBatches(context.Background(), admin, 10)
	is.NoErr(err)
	is.Equal(len(batches), 0) // no batch either

	rep, err = importFile(t, ta, admin, "broken.csv", app.ImportOptions{SkipInvalid: true})
	is.NoErr(err)
	is.True(rep.Written)
	is.Equal(rep.Created, 5) // the kept rows, Nobody Inc's company-only contact among them (5 is ragged: a missing last cell is empty)
	is.Equal(rep.Failed, 2)
	failures, err := ta.ImportFailures(context.Background(), admin, rep.BatchID)
	is.NoErr(err)
	is.Equal(len(failures), 4) // the refused rows and the left-out fields, to download
	is.Equal(failures[0].Line, 2)
	key, value, kept := app.ImportFailureKept(failures[0])
	is.Equal([]any{key, value, kept}, []any{"error.birthday_invalid", "1990-02-30", true})
}

func TestImportDuplicatesAndUndo(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	rep, err := importFile(t, ta, admin, "duplicates.csv", app.ImportOptions{DryRun: true})
	is.NoErr(err)
	is.True(!rep.Written)
	is.Equal([]int{rep.Created, rep.Skipped}, []int{2, 1}) // the dry run counts the duplicate inside the file
	is.Equal(contactCount(t, ta), 0)

	first, err := importFile(t, ta, admin, "duplicates.csv", app.ImportOptions{})
	is.NoErr(err)
	is.Equal([]int{first.Created, first.Skipped}, []int{2, 1}) // MARIE@ is marie@
	is.Equal(contactCount(t, ta), 2)

	// Matching on phone and filling empty fields: Pierre gets his company.
	again, err := importFile(t, ta, admin, "duplicates.csv", app.ImportOptions{Match: []string{"phone"}, OnDuplicate: "fill", Tag: "second"})
	is.NoErr(err)
	is.Equal(again.Created, 1) // the second Marie row has no phone: new by phone matching
	is.Equal(again.Updated, 2)

	kept, err := ta.UndoImport(ctx, admin, again.BatchID)
	is.NoErr(err)
	is.Equal(kept, 0)
	is.Equal(contactCount(t, ta), 2) // the created one went to the trash
	hits, err := ta.Search(ctx, admin, "second", 10)
	is.NoErr(err)
	is.Equal(len(hits), 0) // the updates were reverted: the tag is gone
	_, err = ta.UndoImport(ctx, admin, again.BatchID)
	is.Equal(app.AsError(err).Code, app.ENotFound) // an undone batch cannot be undone twice

	_, err = ta.UndoImport(ctx, admin, first.BatchID)
	is.NoErr(err)
	is.Equal(contactCount(t, ta), 0)
}

func TestImportCompaniesAndDeals(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	rep, err := importFile(t, ta, admin, "pipedrive-deals.csv", app.ImportOptions{Entity: "deal"})
	is.NoErr(err)
	is.Equal(rep.Preset, "pipedrive")
	is.Equal(rep.Problems, nil)
	is.Equal(rep.Created, 2)
}

// TestImportCompaniesAndDealsKeepTheRow: a company or deal row with one
// bad field is kept without it and warned about, with its line, field
// and value; a row that names nothing (no company name, no deal title)
// is refused; the problems file has both.
func TestImportCompaniesAndDealsKeepTheRow(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)

	rep, err := importFile(t, ta, admin, "companies-odd.csv", app.ImportOptions{Entity: "company"})
	is.NoErr(err)
	is.True(!rep.Written) // a refused row, without --skip-invalid: nothing stored
	is.Equal(rep.Failed, 1)
	is.Equal(len(rep.Problems), 1)
	is.Equal([]any{rep.Problems[0].Line, rep.Problems[0].Field, rep.Problems[0].Message}, []any{4, "name", "error.required"})
	is.Equal(rep.Warned, 2)
	warned := map[int]string{}
	for _, p := range rep.Warnings {
		warned[p.Line] += p.Field + "=" + p.Message + "=" + p.Value + ";"
	}
	is.Equal(warned[2], "website=error.url_invalid=not a url;")
	is.Equal(warned[3], "owner=error.owner_unknown=nobody@example.com;size=error.size_invalid=a few;")

	rep, err = importFile(t, ta, admin, "companies-odd.csv", app.ImportOptions{Entity: "company", SkipInvalid: true})
	is.NoErr(err)
	is.True(rep.Written)
	is.Equal([]int{rep.Created, rep.Failed, rep.Warned}, []int{3, 1, 2})
	hits, err := ta.Search(ctx, admin, "Becker", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1)
	becker, err := ta.Company(ctx, admin, hits[0].Ref)
	is.NoErr(err)
	is.Equal(becker.Industry, "Construction") // the rest of the row kept
	is.Equal(becker.Website, "https://beckerbau.example.de")
	is.Equal(becker.Size, "") // "a few" left out
	hits, err = ta.Search(ctx, admin, "Acme", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1)
	acme, err := ta.Company(ctx, admin, hits[0].Ref)
	is.NoErr(err)
	is.Equal([]any{acme.Website, acme.Size, tagNames(acme.Tags)}, []any{"", "11-50", "Partner"})
	failures, err := ta.ImportFailures(ctx, admin, rep.BatchID)
	is.NoErr(err)
	is.Equal(len(failures), 4) // the refused row and three left-out fields
	kept := 0
	for _, f := range failures {
		if _, _, ok := app.ImportFailureKept(f); ok {
			kept++
		}
	}
	is.Equal(kept, 3)

	rep, err = importFile(t, ta, admin, "deals-odd.csv", app.ImportOptions{Entity: "deal", SkipInvalid: true})
	is.NoErr(err)
	is.True(rep.Written)
	is.Equal([]int{rep.Created, rep.Failed, rep.Warned}, []int{4, 1, 4})
	is.Equal([]any{rep.Problems[0].Line, rep.Problems[0].Field, rep.Problems[0].Message}, []any{4, "title", "error.required"})
	warned = map[int]string{}
	for _, p := range rep.Warnings {
		warned[p.Line] += p.Field + "=" + p.Message + "=" + p.Value + ";"
	}
	is.Equal(warned[2], "expected_close_date=error.date_invalid=2026-13-45;")
	is.Equal(warned[3], "company=error.company_unknown=Nobody GmbH;stage=error.stage_unknown=Imaginary stage;")
	is.Equal(warned[5], "status=error.deal_status_invalid=maybe;value=error.amount_invalid=lots;")
	is.Equal(warned[6], "currency=error.currency_invalid=XYZ;value=error.currency_invalid=700;")
	deals, err := ta.ListDeals(ctx, admin, store.DealQuery{Limit: 10})
	is.NoErr(err)
	byTitle := map[string]app.Deal{}
	for _, r := range deals.Rows {
		d, err := ta.Deal(ctx, admin, r.ID)
		is.NoErr(err)
		byTitle[d.Title] = d
	}
	is.Equal(len(byTitle), 4)
	is.Equal(byTitle["Acme renewal"].Value, int64(1200000)) // kept, without its close date
	is.Equal(byTitle["Acme renewal"].ExpectedCloseDate, "")
	is.True(byTitle["Becker expansion"].StageID != "") // an unknown stage: the first open stage
	is.Equal(byTitle["Becker expansion"].ExpectedCloseDate, "2027-01-31")
	is.Equal(byTitle["Cobalt pilot"].Value, int64(0))
	is.Equal(byTitle["Dana trial"].Currency, "USD") // an unknown currency: the default one, without the amount
}
