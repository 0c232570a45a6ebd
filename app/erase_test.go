package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestErasePersonLeavesNoTrace(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Zelphira", LastName: "Quenneville",
		Emails: []store.Labeled{{Value: "zelphira.q@example.org"}}, Phones: []store.Labeled{{Value: "+1 415 555 0199"}},
		Notes: "met at the fair", Tags: []string{"vip"}})
	is.NoErr(err)
	other, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Otto", LastName: "Keep", Emails: []store.Labeled{{Value: "otto@example.org"}}})
	is.NoErr(err)
	_, err = ta.PatchContact(ctx, admin, c.ID, c.Version, func(in *app.ContactInput) { in.Title = "Chief Zelphira Officer" })
	is.NoErr(err)
	_, err = ta.SetConsent(ctx, admin, c.ID, app.ConsentInput{Status: "granted", GivenAt: "2026-01-02", Source: "web form", Wording: "Yes, email Zelphira Quenneville"})
	is.NoErr(err)
	// An activity about them alone, and one shared with another contact
	// that mentions their email.
	_, err = ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "call", Body: "Zelphira Quenneville called", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	shared, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "note", Body: "cc zelphira.q@example.org and Otto",
		Links: []app.RecordRef{{Entity: "contact", ID: c.ID}, {Entity: "contact", ID: other.ID}}})
	is.NoErr(err)
	_, err = ta.CreateTask(ctx, admin, app.TaskInput{Title: "Call Zelphira Quenneville back", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	p, err := ta.CreatePipeline(ctx, admin, "Erase", []string{"One"})
	is.NoErr(err)
	deal, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Zelphira Quenneville renewal", StageID: p.Stages[0].ID, ContactIDs: []string{c.ID}})
	is.NoErr(err)
	_, err = ta.ExportPerson(ctx, admin, c.ID)
	is.NoErr(err)

	err = ta.ErasePerson(ctx, admin, c.ID, "Zelphira")
	is.Equal(fieldProblem(err, "confirm"), "error.erase_confirm_mismatch") // the name must be typed in full
	sales, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "S", Email: "s@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	err = ta.ErasePerson(ctx, sales, c.ID, "Zelphira Quenneville")
	is.Equal(app.AsError(err).Code, app.EForbidden) // erasing takes contacts: manage

	is.NoErr(ta.ErasePerson(ctx, admin, c.ID, "zelphira quenneville"))

	for _, needle := range []string{"zelphira", "quenneville", "zelphira.q@example.org", "4155550199", "415 555 0199"} {
		if where := findText(t, ta, needle); len(where) > 0 {
			t.Errorf("%q still in %s", needle, strings.Join(where, ", "))
		}
	}
	_, err = ta.Contact(ctx, admin, c.ID)
	is.Equal(app.AsError(err).Code, app.ENotFound)
	kept, err := ta.Activity(ctx, admin, shared.ID)
	is.NoErr(err)                               // the shared activity stays for the other contact…
	is.Equal(kept.Body, "cc [erased] and Otto") // …without their details
	d, err := ta.Deal(ctx, admin, deal.ID)
	is.NoErr(err)
	is.Equal(d.Title, "[erased] renewal")
	log, err := ta.History(ctx, admin, "contact", c.ID, 50)
	is.NoErr(err)
	is.Equal(log[0].Action, "contact.erased") // the audit log keeps that it happened…
	is.Equal(log[0].ActorID, admin.ID)        // …and by whom
	hits, err := ta.Search(ctx, admin, "Otto", 10)
	is.NoErr(err)
	is.Equal(len(hits), 1) // other people are untouched
}

// findText lists the table.column places whose text contains needle,
// case-insensitively, across every table of the database: the search
// index's own tables and the audit log included.
func findText(t *testing.T, ta *testApp, needle string) []string {
	t.Helper()
	ctx := t.Context()
	db := ta.DB().Reader()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var found []string
	for _, table := range tables {
		cols, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for cols.Next() {
			var n string
			if err := cols.Scan(&n); err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
		}
		cols.Close()
		for _, col := range names {
			var n int
			q := `SELECT count(*) FROM "` + table + `" WHERE instr(lower(CAST("` + col + `" AS TEXT)), ?) > 0`
			if err := db.QueryRowContext(ctx, q, strings.ToLower(needle)).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if n > 0 {
				found = append(found, table+"."+col)
			}
		}
	}
	return found
}

// TestErasureForgetsEveryValue gives a person three versions of every
// field, an import over their record, webhook messages and a failed
// import row, then erases them: no byte of any value they ever had may
// remain in the database file, its write-ahead log, or a backup made
// afterwards.
func TestErasureForgetsEveryValue(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	_, err := ta.CreateWebhook(ctx, admin, app.WebhookInput{URL: "https://hooks.example.com/rolo"})
	is.NoErr(err)
	versions := []app.ContactInput{
		{FirstName: "Xanthippe", LastName: "Quarrender", Title: "Chief Widgetwright", Notes: "likes Oolongtea",
			Emails: []store.Labeled{{Value: "xanthippe.q@oldmail.example"}}, Phones: []store.Labeled{{Value: "+1 415 555 0142"}},
			Address: store.Address{City: "Frobishamton"}, Website: "xanthippe-home.example"},
		{FirstName: "Yseultine", LastName: "Vale & Quist", Title: "Grand Sprocketeer", Notes: "prefers <Darjeelingo>",
			Emails: []store.Labeled{{Value: "yseultine@secondmail.example"}}, Phones: []store.Labeled{{Value: "+1 415 555 0177"}},
			Address: store.Address{City: "Wimbleshire"}, Website: "yseultine-home.example"},
		{FirstName: "Zuleikanna", LastName: "<Marchbanks>", Title: "Sky Cartographer", Notes: "allergic to Pomelofruit",
			Emails: []store.Labeled{{Value: "zuleikanna@thirdmail.example"}}, Phones: []store.Labeled{{Value: "+44 20 7946 0958"}},
			Address: store.Address{City: "Quillingford"}, Website: "zuleikanna-home.example"},
	}
	// The server stores contact cards between saves: each version's
	// emails and phones are on a card for a while too.
	keepCards := func() {
		_, err := ta.DB().FillAllContactCards(ctx)
		is.NoErr(err)
	}
	c, err := ta.CreateContact(ctx, admin, versions[0])
	is.NoErr(err)
	keepCards()
	for _, v := range versions[1:] {
		c, err = ta.UpdateContact(ctx, admin, c.ID, c.Version, v)
		is.NoErr(err)
		keepCards()
	}
	other, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Otto", LastName: "Keep"})
	is.NoErr(err)
	_, err = ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "note", Body: "Otto once wrote to xanthippe.q@oldmail.example, that is Yseultine Vale & Quist",
		Links: []app.RecordRef{{Entity: "contact", ID: c.ID}, {Entity: "contact", ID: other.ID}}})
	is.NoErr(err)
	rep, err := ta.Import(ctx, admin, strings.NewReader("email,title,phone\nzuleikanna@thirdmail.example,Importwrangler,+44 20 7946 0959\n"),
		app.ImportOptions{Entity: "contact", FileName: "over.csv", OnDuplicate: "overwrite"})
	is.NoErr(err)
	is.Equal(rep.Updated, 1) // the import changed them, keeping a snapshot of before
	rep, err = ta.Import(ctx, admin, strings.NewReader("first_name,last_name,email,lifecycle_status\nOtto,Second,otto2@example.org,lead\nZuleikanna,Failrowson,zuleikanna@thirdmail.example,nonsense\n"),
		app.ImportOptions{Entity: "contact", FileName: "bad.csv", SkipInvalid: true})
	is.NoErr(err)
	is.Equal(rep.Warned, 1) // a kept row's left-out field keeps their cells for the problems file
	keepCards()

	// Every value each version had, as a file could hold it: emails,
	// websites and phone digits whole, other text word by word.
	var needles []string
	words := func(s string) {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" &<>", r) }) {
			if len(w) >= 5 {
				needles = append(needles, w)
			}
		}
	}
	for _, v := range versions {
		words(v.FirstName + " " + v.LastName + " " + v.Title + " " + v.Notes + " " + v.Address.City)
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, v.Phones[0].Value)
		needles = append(needles, v.Emails[0].Value, v.Website, digits[len(digits)-10:], v.Phones[0].Value)
	}
	needles = append(needles, "Importwrangler", "442079460959", "Failrowson")
	files := []string{ta.dbPath, ta.dbPath + "-wal"}
	is.Equal(bytesFound(t, files, needles), needles) // the test can see them all before

	now, err := ta.Contact(ctx, admin, c.ID)
	is.NoErr(err)
	is.NoErr(ta.ErasePerson(ctx, admin, c.ID, now.DisplayName))

	if found := bytesFound(t, files, needles); len(found) > 0 {
		t.Errorf("after erasure the files still hold %q", found)
	}
	backup := filepath.Join(t.TempDir(), "after.db")
	_, err = app.Backup(ctx, ta.DB(), backup)
	is.NoErr(err)
	if found := bytesFound(t, []string{backup}, needles); len(found) > 0 {
		t.Errorf("a backup made after the erasure holds %q", found)
	}
	kept, err := ta.Contact(ctx, admin, other.ID)
	is.NoErr(err)
	is.Equal(kept.DisplayName, "Otto Keep") // other people stay
}

// bytesFound lists the needles that occur, ignoring ASCII case, anywhere
// in the raw bytes of files (missing files hold nothing).
func bytesFound(t *testing.T, files, needles []string) []string {
	t.Helper()
	var all []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, bytes.ToLower(b)...)
	}
	var found []string
	for _, n := range needles {
		if bytes.Contains(all, bytes.ToLower([]byte(n))) {
			found = append(found, n)
		}
	}
	return found
}
