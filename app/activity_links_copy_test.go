package app_test

import (
	"context"
	"slices"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestActivityLinksCopyFollowsEveryWrite: an activity's links are read
// from the copy its row keeps (migration 0033); after each kind of change
// to its links, by this server or another process, the copy is what the
// links are.
func TestActivityLinksCopyFollowsEveryWrite(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Engines"})
	is.NoErr(err)
	ada, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ada", CompanyID: co.ID})
	is.NoErr(err)
	ada2, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ada", LastName: "twice"})
	is.NoErr(err)
	bob, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Bob"})
	is.NoErr(err)
	contact := func(id string) app.RecordRef { return app.RecordRef{Entity: "contact", ID: id} }
	company := app.RecordRef{Entity: "company", ID: co.ID}

	// links reads the activity as every page does, and checks the copy
	// against the links themselves.
	links := func(id string) []app.RecordRef {
		t.Helper()
		act, err := ta.Activity(ctx, admin, id)
		is.NoErr(err)
		rows, err := ta.DB().Reader().QueryContext(ctx, `SELECT entity, entity_id FROM activity_links WHERE activity_id = ?`, id)
		is.NoErr(err)
		var want []app.RecordRef
		for rows.Next() {
			var r app.RecordRef
			is.NoErr(rows.Scan(&r.Entity, &r.ID))
			want = append(want, r)
		}
		is.NoErr(rows.Err())
		slices.SortFunc(want, func(a, b app.RecordRef) int { return map[bool]int{true: -1, false: 1}[a.Entity+a.ID < b.Entity+b.ID] })
		got := slices.Clone(act.Links)
		slices.SortFunc(got, func(a, b app.RecordRef) int { return map[bool]int{true: -1, false: 1}[a.Entity+a.ID < b.Entity+b.ID] })
		is.Equal(got, want)
		return act.Links
	}

	call, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{contact(ada.ID), company}})
	is.NoErr(err)
	is.Equal(len(links(call.ID)), 2) // logged with two links
	note, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "note", Links: []app.RecordRef{contact(ada2.ID)}})
	is.NoErr(err)
	is.Equal(links(note.ID), []app.RecordRef{contact(ada2.ID)})

	call, err = ta.UpdateActivity(ctx, admin, call.ID, call.Version, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{contact(ada.ID), contact(bob.ID)}})
	is.NoErr(err)
	is.Equal(len(links(call.ID)), 2) // the company off, Bob on
	is.True(slices.Contains(links(call.ID), contact(bob.ID)))

	is.NoErr(ta.MergeContacts(ctx, admin, ada.ID, ada2.ID, nil))
	is.Equal(links(note.ID), []app.RecordRef{contact(ada.ID)}) // moved to the survivor

	is.NoErr(ta.ErasePerson(ctx, admin, bob.ID, "Bob"))
	is.Equal(links(call.ID), []app.RecordRef{contact(ada.ID)}) // the erased person's link is gone

	// Another process links the note to the company.
	otherProcess(t, ta, `INSERT INTO activity_links (entity, entity_id, activity_id, occurred_at)
		SELECT 'company', ?, id, occurred_at FROM activities WHERE id = ?`, co.ID, note.ID)
	is.Equal(len(links(note.ID)), 2)
	otherProcess(t, ta, `UPDATE activity_links SET entity_id = ? WHERE activity_id = ? AND entity = 'contact'`, ada2.ID, note.ID)
	is.True(slices.Contains(links(note.ID), contact(ada2.ID))) // re-pointed by hand

	// A copy made wrong behind the triggers' back is what doctor finds and mends.
	otherProcess(t, ta, `UPDATE activities SET links = '[]' WHERE id = ?`, call.ID)
	r, err := app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.Equal(r.Cards, []string{"activity " + call.ID + ": the copy of its links on its row differs from its links"})
	is.True(r.OnlyDerivedDiffers())
	_, err = ta.DB().RebuildContactCards(ctx)
	is.NoErr(err)
	r, err = app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.Equal(len(r.Cards), 0)
	is.Equal(links(call.ID), []app.RecordRef{contact(ada.ID)})
}
