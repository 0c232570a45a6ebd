package app_test

import (
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// ownOnlyWorld is a sales user limited to their own records, with one
// contact of theirs and one of a colleague's, each with an activity and a
// task.
type ownOnlyWorld struct {
	ta                *testApp
	me, colleague     *app.User
	mine, theirs      app.Contact
	myDeal, theirDeal app.Deal
	theirTask         app.Task
	theirActivity     app.Activity
}

func newOwnOnlyWorld(t *testing.T) ownOnlyWorld {
	t.Helper()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	w := ownOnlyWorld{ta: ta}
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.me, err = ta.CreateUser(ctx, nil, app.NewUser{Name: "Me", Email: "me@example.com", Role: app.RoleSales, Password: "12345678"})
	must(err)
	w.colleague, err = ta.CreateUser(ctx, nil, app.NewUser{Name: "Col", Email: "col@example.com", Role: app.RoleSales, Password: "12345678"})
	must(err)
	must(ta.SetPermissions(ctx, admin, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	w.me, err = ta.UserByEmail(ctx, "me@example.com") // as a login or the CLI loads it
	must(err)
	w.mine, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Mina", LastName: "Quorra", OwnerID: w.me.ID})
	must(err)
	w.theirs, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Theo", LastName: "Quorra", OwnerID: w.colleague.ID})
	must(err)
	p, err := ta.CreatePipeline(ctx, nil, "Vis", []string{"One"})
	must(err)
	w.myDeal, err = ta.CreateDeal(ctx, nil, app.DealInput{Title: "Mine", StageID: p.Stages[0].ID, OwnerID: w.me.ID})
	must(err)
	w.theirDeal, err = ta.CreateDeal(ctx, nil, app.DealInput{Title: "Theirs", StageID: p.Stages[0].ID, OwnerID: w.colleague.ID})
	must(err)
	w.theirTask, err = ta.CreateTask(ctx, nil, app.TaskInput{Title: "Call Theo", DueDate: "2026-12-01", AssigneeID: w.colleague.ID, Links: []app.RecordRef{{Entity: "contact", ID: w.theirs.ID}}})
	must(err)
	_, err = ta.CreateTask(ctx, nil, app.TaskInput{Title: "Call Mina", AssigneeID: w.colleague.ID, Links: []app.RecordRef{{Entity: "contact", ID: w.mine.ID}}})
	must(err)
	_, err = ta.CreateTask(ctx, nil, app.TaskInput{Title: "Ring Mina", DueDate: "2026-12-02", AssigneeID: w.me.ID})
	must(err)
	w.theirActivity, err = ta.LogActivity(ctx, nil, app.ActivityInput{TypeID: "call", UserID: w.colleague.ID, Links: []app.RecordRef{{Entity: "contact", ID: w.theirs.ID}}})
	must(err)
	return w
}

func TestOwnRecordsOnly(t *testing.T) {
	t.Parallel()
	w := newOwnOnlyWorld(t)
	ta, me, ctx := w.ta, w.me, t.Context()
	t.Run("lists", func(t *testing.T) {
		is := is.New(t)
		list, err := ta.ListContacts(ctx, me, store.ListQuery{})
		is.NoErr(err)
		is.Equal(len(list.Rows), 1)
		is.Equal(list.Rows[0].ID, w.mine.ID)
		is.Equal(list.Total, 1) // the count agrees
		list, err = ta.ListContacts(ctx, me, store.ListQuery{Owner: w.colleague.ID})
		is.NoErr(err)
		is.Equal(len(list.Rows), 0) // filtering by a colleague shows nothing
		deals, err := ta.ListDeals(ctx, me, store.DealQuery{})
		is.NoErr(err)
		is.Equal(len(deals.Rows), 1)
		is.Equal(deals.Rows[0].ID, w.myDeal.ID)
		full, err := ta.ContactsByID(ctx, me, []string{w.mine.ID, w.theirs.ID})
		is.NoErr(err)
		is.Equal(len(full), 1) // the API's full records too
	})
	t.Run("records", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.Contact(ctx, me, w.mine.ID)
		is.NoErr(err)
		_, err = ta.Contact(ctx, me, w.theirs.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound) // as if it did not exist
		_, err = ta.Deal(ctx, me, w.theirDeal.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound)
		_, err = ta.Task(ctx, me, w.theirTask.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound)
		_, err = ta.Activity(ctx, me, w.theirActivity.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound)
		_, err = ta.Timeline(ctx, me, app.RecordRef{Entity: "contact", ID: w.theirs.ID}, "", 20)
		is.Equal(app.AsError(err).Code, app.ENotFound)
		_, err = ta.ExportPerson(ctx, me, w.theirs.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound) // exports too
	})
	t.Run("writes", func(t *testing.T) {
		is := is.New(t)
		err := ta.TrashContact(ctx, me, w.theirs.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound)
		_, err = ta.PatchContact(ctx, me, w.theirs.ID, 1, func(in *app.ContactInput) { in.Title = "x" })
		is.Equal(app.AsError(err).Code, app.ENotFound)
		err = ta.TrashDeal(ctx, me, w.theirDeal.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound)
		err = ta.TrashTask(ctx, me, w.theirTask.ID)
		is.Equal(app.AsError(err).Code, app.ENotFound)
		_, err = ta.BulkUpdateContacts(ctx, me, []string{w.mine.ID, w.theirs.ID}, app.BulkChange{Status: "customer"})
		is.Equal(app.AsError(err).Code, app.ENotFound) // a bulk change cannot reach them either
	})
	t.Run("search", func(t *testing.T) {
		is := is.New(t)
		hits, err := ta.Search(ctx, me, "Quorra", 20)
		is.NoErr(err)
		is.Equal(len(hits), 1)
		is.Equal(hits[0].Ref, w.mine.ID)
		hits, err = ta.Search(ctx, nil, "Quorra", 20)
		is.NoErr(err)
		is.Equal(len(hits), 2) // the operator sees both
	})
	t.Run("tasks of my records are mine to see", func(t *testing.T) {
		is := is.New(t)
		tasks, err := ta.ListTasks(ctx, me, store.TaskQuery{Record: app.RecordRef{Entity: "contact", ID: w.mine.ID}})
		is.NoErr(err)
		is.Equal(len(tasks.Tasks), 1) // assigned to a colleague, but linked to my contact
		tasks, err = ta.ListTasks(ctx, me, store.TaskQuery{})
		is.NoErr(err)
		is.Equal(len(tasks.Tasks), 1) // without a record: only tasks assigned to me
		is.Equal(tasks.Tasks[0].Title, "Ring Mina")
		tasks, err = ta.ListTasks(ctx, me, store.TaskQuery{Record: app.RecordRef{Entity: "contact", ID: w.theirs.ID}})
		is.NoErr(err)
		is.Equal(len(tasks.Tasks), 0)
	})
	t.Run("exports and the calendar feed", func(t *testing.T) {
		is := is.New(t)
		var out strings.Builder
		is.NoErr(ta.Export(ctx, me, &out, "contact", "csv", nil))
		is.True(strings.Contains(out.String(), "Mina"))
		is.True(!strings.Contains(out.String(), "Theo")) // a colleague's contact is not exported
		out.Reset()
		is.NoErr(ta.Export(ctx, me, &out, "deal", "json", nil))
		is.True(strings.Contains(out.String(), "Mine"))
		is.True(!strings.Contains(out.String(), "Theirs"))
		out.Reset()
		is.NoErr(ta.Export(ctx, me, &out, "contact", "csv", []string{w.theirs.ID}))
		is.True(!strings.Contains(out.String(), "Theo")) // not even by id
		out.Reset()
		is.NoErr(ta.WriteCalendar(ctx, me, func(id string) string { return "/tasks/" + id }, &out))
		is.True(strings.Contains(out.String(), "Ring Mina"))
		is.True(!strings.Contains(out.String(), "Call Theo")) // the feed has only my tasks
	})
	t.Run("reports", func(t *testing.T) {
		is := is.New(t)
		is.True(!app.CanSeeTeam(me)) // own-only users see only their own numbers
	})
}
