package app_test

import (
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestWritesLinkOnlyToVisibleRecords walks every write that references a
// contact, company or deal, as a user who sees only their own records: a
// colleague's record is refused exactly as an id that does not exist, so
// the answer tells nothing about it.
func TestWritesLinkOnlyToVisibleRecords(t *testing.T) {
	t.Parallel()
	w := newOwnOnlyWorld(t)
	ta, me, ctx := w.ta, w.me, t.Context()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	myCo, err := ta.CreateCompany(ctx, nil, app.CompanyInput{Name: "Mine Ltd", OwnerID: me.ID})
	must(err)
	theirCo, err := ta.CreateCompany(ctx, nil, app.CompanyInput{Name: "Hidden Widgets", OwnerID: w.colleague.ID})
	must(err)
	myTask, err := ta.CreateTask(ctx, me, app.TaskInput{Title: "Mine", Links: []app.RecordRef{{Entity: "contact", ID: w.mine.ID}}})
	must(err)
	myAct, err := ta.LogActivity(ctx, me, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: w.mine.ID}}})
	must(err)
	const missing = "01900000-0000-7000-8000-000000000000"
	hidden := map[string]string{"contact": w.theirs.ID, "company": theirCo.ID, "deal": w.theirDeal.ID}

	// Each write is tried against a colleague's record and against an id
	// that does not exist; the two answers must be the same error.
	writes := map[string]func(kind, id string) error{
		"create task": func(kind, id string) error {
			_, err := ta.CreateTask(ctx, me, app.TaskInput{Title: "x", Links: []app.RecordRef{{Entity: kind, ID: id}}})
			return err
		},
		"update task": func(kind, id string) error {
			in := app.TaskInputOf(myTask)
			in.Links = append(in.Links, app.RecordRef{Entity: kind, ID: id})
			_, err := ta.UpdateTask(ctx, me, myTask.ID, myTask.Version, in)
			return err
		},
		"log activity": func(kind, id string) error {
			_, err := ta.LogActivity(ctx, me, app.ActivityInput{TypeID: "note", Body: "x", Links: []app.RecordRef{{Entity: kind, ID: id}}})
			return err
		},
		"update activity": func(kind, id string) error {
			_, err := ta.UpdateActivity(ctx, me, myAct.ID, myAct.Version, app.ActivityInput{TypeID: "call",
				Links: append(myAct.Links, app.RecordRef{Entity: kind, ID: id})})
			return err
		},
	}
	for name, write := range writes {
		for kind, id := range hidden {
			t.Run(name+" linking a "+kind, func(t *testing.T) {
				is := is.New(t)
				got, want := write(kind, id), write(kind, missing)
				is.True(got != nil)                           // refused
				is.Equal(app.AsError(got), app.AsError(want)) // as if it did not exist
			})
		}
	}

	refs := map[string]func(id string) error{
		"create deal with company": func(id string) error {
			_, err := ta.CreateDeal(ctx, me, app.DealInput{Title: "x", StageID: w.myDeal.StageID, CompanyID: id, OwnerID: me.ID})
			return err
		},
		"create deal with contact": func(id string) error {
			_, err := ta.CreateDeal(ctx, me, app.DealInput{Title: "x", StageID: w.myDeal.StageID, ContactIDs: []string{w.mine.ID, id}, OwnerID: me.ID})
			return err
		},
		"update deal's company": func(id string) error {
			_, err := ta.PatchDeal(ctx, me, w.myDeal.ID, w.myDeal.Version, func(in *app.DealInput) { in.CompanyID = id })
			return err
		},
		"update deal's contacts": func(id string) error {
			_, err := ta.PatchDeal(ctx, me, w.myDeal.ID, w.myDeal.Version, func(in *app.DealInput) { in.ContactIDs = append(in.ContactIDs, id) })
			return err
		},
		"create contact at company": func(id string) error {
			_, err := ta.CreateContact(ctx, me, app.ContactInput{FirstName: "New", CompanyID: id, OwnerID: me.ID})
			return err
		},
		"update contact's company": func(id string) error {
			_, err := ta.PatchContact(ctx, me, w.mine.ID, w.mine.Version, func(in *app.ContactInput) { in.CompanyID = id })
			return err
		},
	}
	for name, write := range refs {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			id := hidden["contact"]
			if strings.Contains(name, "company") {
				id = hidden["company"]
			}
			got, want := write(id), write(missing)
			is.True(got != nil) // refused
			is.Equal(app.AsError(got), app.AsError(want))
		})
	}

	t.Run("records of others are not found as targets either", func(t *testing.T) {
		_, consentErr := ta.SetConsent(ctx, me, w.theirs.ID, app.ConsentInput{Status: "granted"})
		for name, err := range map[string]error{
			"merge contacts":  ta.MergeContacts(ctx, me, w.mine.ID, w.theirs.ID, nil),
			"merge companies": ta.MergeCompanies(ctx, me, myCo.ID, theirCo.ID, nil),
			"keep in touch":   ta.SetKeepInTouch(ctx, me, w.theirs.ID, 30),
			"consent":         consentErr,
		} {
			if code := app.AsError(err).Code; code != app.ENotFound {
				t.Errorf("%s: %v, want not found", name, err)
			}
		}
	})

	t.Run("my own records still link", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateTask(ctx, me, app.TaskInput{Title: "ok", Links: []app.RecordRef{{Entity: "company", ID: myCo.ID}, {Entity: "deal", ID: w.myDeal.ID}}})
		is.NoErr(err)
		_, err = ta.CreateContact(ctx, me, app.ContactInput{FirstName: "Ok", CompanyID: myCo.ID, OwnerID: me.ID})
		is.NoErr(err)
	})

	t.Run("a shared activity keeps the links I cannot see and does not name them", func(t *testing.T) {
		is := is.New(t)
		shared, err := ta.LogActivity(ctx, nil, app.ActivityInput{TypeID: "meeting", UserID: me.ID,
			Links: []app.RecordRef{{Entity: "contact", ID: w.mine.ID}, {Entity: "contact", ID: w.theirs.ID}}})
		is.NoErr(err)
		names, err := ta.RecordNames(ctx, me, shared.Links)
		is.NoErr(err)
		is.Equal(len(names), 1) // only my contact is named
		is.Equal(names[app.RecordRef{Entity: "contact", ID: w.mine.ID}], w.mine.DisplayName)
		edited, err := ta.UpdateActivity(ctx, me, shared.ID, shared.Version, app.ActivityInput{TypeID: "meeting", Outcome: "done",
			Links: []app.RecordRef{{Entity: "contact", ID: w.mine.ID}}})
		is.NoErr(err)
		is.Equal(len(edited.Links), 2) // the colleague's link stays: I could not see it, so I did not remove it
	})

	t.Run("an import matches and links only records I see", func(t *testing.T) {
		is := is.New(t)
		admin, err := ta.UserByEmail(ctx, "ada@example.com")
		is.NoErr(err)
		is.NoErr(ta.SetPermissions(ctx, admin, app.PermissionChange{
			Levels:  map[app.Role]map[app.Area]app.Level{app.RoleSales: {app.AreaImports: app.LevelDelete}},
			Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
		me, err := ta.UserByEmail(ctx, "me@example.com")
		is.NoErr(err)
		rep, err := ta.Import(ctx, me, strings.NewReader("title,company\nSpy deal,Hidden Widgets\n"),
			app.ImportOptions{Entity: "deal", FileName: "d.csv", StageID: w.myDeal.StageID, SkipInvalid: true})
		is.NoErr(err)
		is.Equal(rep.Created, 1) // a deal is not put at a company I do not see: kept without it…
		is.Equal(rep.Warnings[0].Field, "company")
		is.Equal(rep.Warnings[0].Message, "error.company_unknown") // …reported as a company nobody has
		deals, err := ta.ListDeals(ctx, nil, store.DealQuery{Company: theirCo.ID, Limit: 10})
		is.NoErr(err)
		is.Equal(len(deals.Rows), 0)
		rep, err = ta.Import(ctx, me, strings.NewReader("name,industry\nHidden Widgets,Spying\n"),
			app.ImportOptions{Entity: "company", FileName: "co.csv", OnDuplicate: "overwrite"})
		is.NoErr(err)
		is.Equal(rep.Created, 1) // …a company of that name is mine, new…
		co, err := ta.Company(ctx, nil, theirCo.ID)
		is.NoErr(err)
		is.Equal(co.Industry, "") // …and the colleague's is not overwritten
		rep, err = ta.Import(ctx, me, strings.NewReader("first_name,last_name,company\nIvy,Import,Hidden Widgets\n"),
			app.ImportOptions{Entity: "contact", FileName: "c.csv"})
		is.NoErr(err)
		is.Equal(rep.Created, 1)
		list, err := ta.ListContacts(ctx, nil, store.ListQuery{Company: theirCo.ID})
		is.NoErr(err)
		is.Equal(list.Total, 0) // my contact went to my company of that name, not the colleague's
	})
}
