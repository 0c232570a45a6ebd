package app_test

import (
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
