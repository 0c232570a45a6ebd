package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// foundDeal tells whether actor's search for q finds the deal titled want.
func foundDeal(t *testing.T, ta *testApp, actor *app.User, q, want string) bool {
	t.Helper()
	hits, err := ta.Search(context.Background(), actor, q, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	for _, h := range hits {
		if h.Kind == "deal" && h.Title == want {
			return true
		}
	}
	return false
}

func TestDealsAreFoundBySearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, err := ta.CreatePipeline(ctx, admin, "Sales", []string{"Lead"})
	is.NoErr(err)
	co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Globex"})
	is.NoErr(err)
	hank, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Hank", LastName: "Scorpio", CompanyID: co.ID})
	is.NoErr(err)
	mindy, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "민지", LastName: "박"})
	is.NoErr(err)
	d, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Doomsday device 라이선스", StageID: p.Stages[0].ID, CompanyID: co.ID,
		ContactIDs: []string{hank.ID, mindy.ID}, Tags: []string{"hammock"}, Source: "Referral"})
	is.NoErr(err)

	for _, q := range []string{"doomsday", "라이선스", "globex", "scorpio", "민지", "hammock", "referral"} {
		is.True(foundDeal(t, ta, admin, q, d.Title)) // by title, company, contacts, tags and source
	}
	hits, err := ta.Search(ctx, admin, "doomsday", 5)
	is.NoErr(err)
	is.Equal(hits[0].Subtitle, "Globex · Hank Scorpio") // the subtitle tells same-titled deals apart

	in := app.DealInputOf(d)
	in.Title = "Sunbeam"
	d, err = ta.UpdateDeal(ctx, admin, d.ID, d.Version, in)
	is.NoErr(err)
	is.True(!foundDeal(t, ta, admin, "doomsday", "Sunbeam")) // the old title is gone
	is.True(foundDeal(t, ta, admin, "sunbeam", "Sunbeam"))

	_, err = ta.UpdateCompany(ctx, admin, co.ID, co.Version, app.CompanyInput{Name: "Cypress Creek"})
	is.NoErr(err)
	is.True(foundDeal(t, ta, admin, "cypress", "Sunbeam")) // a renamed company renames its deals' entries
	cin := app.InputOf(hank)
	cin.LastName = "Hammer"
	_, err = ta.UpdateContact(ctx, admin, hank.ID, hank.Version, cin)
	is.NoErr(err)
	is.True(foundDeal(t, ta, admin, "hammer", "Sunbeam")) // and so does a renamed contact
	is.True(!foundDeal(t, ta, admin, "scorpio", "Sunbeam"))

	is.NoErr(ta.TrashDeal(ctx, admin, d.ID))
	is.True(!foundDeal(t, ta, admin, "sunbeam", "Sunbeam")) // trashed deals are not found
	is.NoErr(ta.RestoreDeal(ctx, admin, d.ID))
	is.True(foundDeal(t, ta, admin, "sunbeam", "Sunbeam")) // restored ones are

	other, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Frank", LastName: "Grimes"})
	is.NoErr(err)
	is.NoErr(ta.MergeContacts(ctx, admin, other.ID, mindy.ID, nil))
	is.True(foundDeal(t, ta, admin, "grimes", "Sunbeam")) // a merge moves the deal to the survivor's name
	is.NoErr(ta.TrashContact(ctx, admin, other.ID))
	is.True(foundDeal(t, ta, admin, "grimes", "Sunbeam")) // a trashed contact still names the deal it is on
	_, err = ta.EmptyTrash(ctx, admin)
	is.NoErr(err)
	is.True(!foundDeal(t, ta, admin, "grimes", "Sunbeam")) // one deleted for good does not
	is.True(foundDeal(t, ta, admin, "hammer", "Sunbeam"))

	problems, err := ta.SearchIndexProblems(ctx)
	is.NoErr(err)
	is.Equal(len(problems), 0) // the index holds exactly the live records, deals included
}

func TestDealSearchRespectsRoles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	w := newOwnOnlyWorld(t)
	is.True(foundDeal(t, w.ta, w.me, "mine", "Mine"))      // one's own deal is found
	is.True(!foundDeal(t, w.ta, w.me, "theirs", "Theirs")) // a colleague's is not
	is.True(foundDeal(t, w.ta, nil, "theirs", "Theirs"))   // though it is in the index

	admin, err := w.ta.UserByEmail(ctx, "ada@example.com")
	is.NoErr(err)
	is.NoErr(w.ta.SetPermissions(ctx, admin, app.PermissionChange{Levels: map[app.Role]map[app.Area]app.Level{
		app.RoleSales: {app.AreaDeals: app.LevelNone}}}))
	me, err := w.ta.UserByEmail(ctx, "me@example.com")
	is.NoErr(err)
	is.True(!foundDeal(t, w.ta, me, "mine", "Mine")) // without the deals area, search shows no deal
	_, err = w.ta.SearchRecords(ctx, me, "deal", "mine", 10)
	is.Equal(app.ErrorCode(err), app.EForbidden) // and a picker may not ask for them
}

// TestDealsOfAnOlderDatabaseAreIndexedOnOpen: 0021_deal_search.sql marks
// deals pending, and the next Open indexes the deals an older Rolo made.
func TestDealsOfAnOlderDatabaseAreIndexedOnOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, err := ta.CreatePipeline(ctx, admin, "Sales", []string{"Lead"})
	is.NoErr(err)
	d, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Legacy deal", StageID: p.Stages[0].ID})
	is.NoErr(err)
	// As an older Rolo left the file: no deal entries, and the migration's mark.
	is.NoErr(ta.DB().Write(ctx, func(tx *store.Tx) error {
		if err := store.DeleteSearchDoc(ctx, tx, "deal", d.ID); err != nil {
			return err
		}
		return store.PutSetting(ctx, tx, "search.pending_kinds", "deal")
	}))
	problems, err := ta.SearchIndexProblems(ctx)
	is.NoErr(err)
	is.Equal(problems, []string{"1 deal records are missing from the search index"})
	is.NoErr(ta.Close())

	again, err := app.Open(ctx, ta.dbPath, app.Config{})
	is.NoErr(err)
	defer again.Close()
	problems, err = again.SearchIndexProblems(ctx)
	is.NoErr(err)
	is.Equal(len(problems), 0) // indexed on open
	pending, err := store.PendingSearchKinds(ctx, again.DB().Reader())
	is.NoErr(err)
	is.Equal(len(pending), 0) // once
}

func TestDoctorReportsWhatTheIndexGotWrong(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, err := ta.CreatePipeline(ctx, admin, "Sales", []string{"Lead"})
	is.NoErr(err)
	d, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Checked", StageID: p.Stages[0].ID})
	is.NoErr(err)
	r, err := app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.Equal(r.Search, []string(nil)) // a database with deals is healthy: no false alarm

	is.NoErr(ta.DB().Write(ctx, func(tx *store.Tx) error {
		return store.PutSearchDoc(ctx, tx, store.SearchDoc{Kind: "deal", Ref: d.ID, Title: "Checked", Name: "checked", OwnerID: admin.ID + "x"})
	}))
	is.NoErr(ta.DB().Write(ctx, func(tx *store.Tx) error {
		return store.PutSearchDoc(ctx, tx, store.SearchDoc{Kind: "activity", Ref: "a1", Title: "Old", Name: "old"})
	}))
	r, err = app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.Equal(r.Search, []string{
		"1 search entries of deal records name another owner than the record",
		"1 search entries are of a kind that is not indexed",
	}) // exactly what differs
	is.NoErr(ta.RebuildSearchIndex(ctx, nil)) // what doctor --fix runs
	r, err = app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.True(r.Healthy()) // --fix clears what doctor reported
	is.True(foundDeal(t, ta, admin, "checked", "Checked"))
}
