package app_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// linkPicture describes what hangs off a record, so a test can tell that
// an undone merge gave everything back.
func linkPicture(t *testing.T, ta *testApp, actor app.Actor, entity, id string, activities, tasks, deals []string) string {
	t.Helper()
	ctx := context.Background()
	var parts []string
	for _, aid := range activities {
		act, err := ta.Activity(ctx, actor, aid)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range act.Links {
			if l.ID == id {
				parts = append(parts, "activity:"+aid)
			}
		}
	}
	for _, tid := range tasks {
		task, err := ta.Task(ctx, actor, tid)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range task.Links {
			if l.ID == id {
				parts = append(parts, "task:"+tid)
			}
		}
	}
	for _, did := range deals {
		d, err := ta.Deal(ctx, actor, did)
		if err != nil {
			t.Fatal(err)
		}
		if d.CompanyID == id || d.ContactID == id {
			parts = append(parts, "deal:"+did)
		}
		for _, c := range d.ContactIDs {
			if c == id {
				parts = append(parts, "deal-contact:"+did)
			}
		}
	}
	var tags []store.Tag
	var custom app.CustomValues
	switch entity {
	case "contact":
		c, err := ta.Contact(ctx, actor, id)
		if err != nil {
			t.Fatal(err)
		}
		tags, custom = c.Tags, c.CustomFields
		parts = append(parts, "title:"+c.Title, fmt.Sprint("emails:", len(c.Emails)), "company:"+c.CompanyID, fmt.Sprint("trashed:", c.Trashed()))
	default:
		c, err := ta.Company(ctx, actor, id)
		if err != nil {
			t.Fatal(err)
		}
		tags, custom = c.Tags, c.CustomFields
		parts = append(parts, "industry:"+c.Industry, "domain:"+c.Domain, fmt.Sprint("trashed:", c.Trashed()))
	}
	parts = append(parts, "tags:"+tagNames(tags))
	for k, v := range custom {
		parts = append(parts, fmt.Sprintf("cf.%s=%v", k, v))
	}
	history, err := ta.History(ctx, actor, entity, id, 500)
	if err != nil {
		t.Fatal(err)
	}
	actions := 0
	for _, h := range history {
		if !strings.Contains(h.Action, "merge") && h.Action != entity+".updated" && h.Action != entity+".deleted" && h.Action != entity+".restored" {
			actions++ // what the record had before the merge, not the merge's own entries
		}
	}
	parts = append(parts, fmt.Sprint("history:", actions))
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func TestMergeContactsUndo(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "shoe", Label: "Shoe size", Type: "number"})
	is.NoErr(err)
	_, err = ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "nick", Label: "Nickname", Type: "text"})
	is.NoErr(err)
	keep, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ana", LastName: "Lima", Emails: []store.Labeled{{Value: "ana@example.com"}},
		Tags: []string{"vip", "fair"}, CustomFields: app.CustomValues{"nick": "Aninha"}})
	is.NoErr(err)
	lose, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ana", LastName: "Lima", Title: "CFO", Emails: []store.Labeled{{Value: "ana@lima.pt"}},
		Tags: []string{"fair", "webinar"}, CustomFields: app.CustomValues{"shoe": 38, "nick": "Ana L"}})
	is.NoErr(err)
	shared, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: keep.ID}, {Entity: "contact", ID: lose.ID}}})
	is.NoErr(err)
	own, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "note", Body: "met at the fair", Links: []app.RecordRef{{Entity: "contact", ID: lose.ID}}})
	is.NoErr(err)
	task, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: "Send offer", Links: []app.RecordRef{{Entity: "contact", ID: lose.ID}}})
	is.NoErr(err)
	deal, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Licences", ContactIDs: []string{lose.ID, keep.ID}})
	is.NoErr(err)
	acts, tasks, deals := []string{shared.ID, own.ID}, []string{task.ID}, []string{deal.ID}
	keepBefore := linkPicture(t, ta, admin, "contact", keep.ID, acts, tasks, deals)
	loseBefore := linkPicture(t, ta, admin, "contact", lose.ID, acts, tasks, deals)

	is.NoErr(ta.MergeContacts(ctx, admin, keep.ID, lose.ID, nil))
	merged, err := ta.Contact(ctx, admin, keep.ID)
	is.NoErr(err)
	is.Equal(merged.Title, "CFO")                           // an empty field filled from the other
	is.Equal(len(merged.Emails), 2)                         // both addresses
	is.Equal(tagNames(merged.Tags), "fair,vip,webinar")     // tags joined
	is.Equal(fmt.Sprint(merged.CustomFields["shoe"]), "38") // a value the survivor lacked moved
	is.Equal(merged.CustomFields["nick"], "Aninha")         // the survivor's own value stays
	mid := linkPicture(t, ta, admin, "contact", keep.ID, acts, tasks, deals)
	is.True(strings.Contains(mid, "activity:"+own.ID)) // the loser's note follows the survivor
	is.True(strings.Contains(mid, "task:"+task.ID))

	merges, err := ta.RecentMerges(ctx, admin, "contact")
	is.NoErr(err)
	is.Equal(len(merges), 1)
	is.Equal(merges[0].MergedName, "Ana Lima")

	_, err = ta.UndoMerge(ctx, admin, merges[0].ID)
	is.NoErr(err)
	is.Equal(linkPicture(t, ta, admin, "contact", keep.ID, acts, tasks, deals), keepBefore) // the survivor as it was
	is.Equal(linkPicture(t, ta, admin, "contact", lose.ID, acts, tasks, deals), loseBefore) // the merged one back, links and all

	_, err = ta.UndoMerge(ctx, admin, merges[0].ID)
	is.Equal(app.ErrorCode(err), app.EConflict) // once only
	merges, err = ta.RecentMerges(ctx, admin, "contact")
	is.NoErr(err)
	is.Equal(len(merges), 0) // an undone merge is no longer offered

	t.Run("survivor edited since keeps its edit", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(ta.MergeContacts(ctx, admin, keep.ID, lose.ID, nil))
		c, err := ta.Contact(ctx, admin, keep.ID)
		is.NoErr(err)
		in := app.InputOf(c)
		in.Notes = "edited after the merge"
		_, err = ta.UpdateContact(ctx, admin, keep.ID, c.Version, in)
		is.NoErr(err)
		merges, err := ta.RecentMerges(ctx, admin, "contact")
		is.NoErr(err)
		_, err = ta.UndoMerge(ctx, admin, merges[0].ID)
		is.NoErr(err)
		c, err = ta.Contact(ctx, admin, keep.ID)
		is.NoErr(err)
		is.Equal(c.Notes, "edited after the merge") // a later edit is not thrown away
		back, err := ta.Contact(ctx, admin, lose.ID)
		is.NoErr(err)
		is.True(!back.Trashed()) // the merged contact is back all the same
		is.Equal(linkPicture(t, ta, admin, "contact", lose.ID, acts, tasks, deals), loseBefore)
	})

	t.Run("erasing a person forgets their merges", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(ta.MergeContacts(ctx, admin, keep.ID, lose.ID, nil))
		merges, err := ta.RecentMerges(ctx, admin, "contact")
		is.NoErr(err)
		is.Equal(len(merges), 1)
		_, err = ta.UndoMerge(ctx, admin, merges[0].ID)
		is.NoErr(err)
		other, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ana", LastName: "Lima"})
		is.NoErr(err)
		is.NoErr(ta.MergeContacts(ctx, admin, keep.ID, other.ID, nil))
		is.NoErr(ta.ErasePerson(ctx, admin, other.ID, "Ana Lima"))
		merges, err = ta.RecentMerges(ctx, admin, "contact")
		is.NoErr(err)
		is.Equal(len(merges), 0) // nothing left that could bring them back
	})

	t.Run("too old", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(ta.MergeContacts(ctx, admin, keep.ID, lose.ID, nil))
		merges, err := ta.RecentMerges(ctx, admin, "contact")
		is.NoErr(err)
		ta.clock.Add((app.MergeUndoDays + 1) * 24 * time.Hour)
		_, err = ta.UndoMerge(ctx, admin, merges[0].ID)
		is.Equal(app.ErrorCode(err), app.EConflict) // past the undo window
	})
}

func TestMergeCompaniesUndo(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	keep, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Acme", Domain: "acme.com", Tags: []string{"partner"}})
	is.NoErr(err)
	lose, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "ACME Inc.", Domain: "acme.com", Industry: "Tools", Tags: []string{"eu"}})
	is.NoErr(err)
	person, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Wile", CompanyID: lose.ID})
	is.NoErr(err)
	deal, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Anvils", CompanyID: lose.ID})
	is.NoErr(err)
	act, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "meeting", Links: []app.RecordRef{{Entity: "company", ID: lose.ID}}})
	is.NoErr(err)
	acts, deals := []string{act.ID}, []string{deal.ID}
	keepBefore := linkPicture(t, ta, admin, "company", keep.ID, acts, nil, deals)
	loseBefore := linkPicture(t, ta, admin, "company", lose.ID, acts, nil, deals)

	groups, err := ta.Duplicates(ctx, admin, "company")
	is.NoErr(err)
	is.True(len(groups) > 0) // same domain

	is.NoErr(ta.MergeCompanies(ctx, admin, keep.ID, lose.ID, map[string]string{"name": "loser"}))
	merged, err := ta.Company(ctx, admin, keep.ID)
	is.NoErr(err)
	is.Equal(merged.Name, "ACME Inc.")            // taken from the other as asked
	is.Equal(merged.Industry, "Tools")            // an empty field filled
	is.Equal(tagNames(merged.Tags), "eu,partner") // tags joined
	p, err := ta.Contact(ctx, admin, person.ID)
	is.NoErr(err)
	is.Equal(p.CompanyID, keep.ID) // the people move
	d, err := ta.Deal(ctx, admin, deal.ID)
	is.NoErr(err)
	is.Equal(d.CompanyID, keep.ID) // and the deals
	is.True(strings.Contains(linkPicture(t, ta, admin, "company", keep.ID, acts, nil, deals), "activity:"+act.ID))
	gone, err := ta.Company(ctx, admin, lose.ID)
	is.NoErr(err)
	is.True(gone.Trashed())
	hits, err := ta.Search(ctx, admin, "Wile", 10)
	is.NoErr(err)
	is.True(len(hits) > 0)

	merges, err := ta.RecentMerges(ctx, admin, "company")
	is.NoErr(err)
	is.Equal(len(merges), 1)
	_, err = ta.UndoMerge(ctx, admin, merges[0].ID)
	is.NoErr(err)
	is.Equal(linkPicture(t, ta, admin, "company", keep.ID, acts, nil, deals), keepBefore)
	is.Equal(linkPicture(t, ta, admin, "company", lose.ID, acts, nil, deals), loseBefore)
	p, err = ta.Contact(ctx, admin, person.ID)
	is.NoErr(err)
	is.Equal(p.CompanyID, lose.ID) // the person is back at their company

	t.Run("a viewer may not merge or undo", func(t *testing.T) {
		is := is.New(t)
		viewer, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Vi", Email: "vi@example.com", Role: app.RoleViewer, Password: "12345678"})
		is.NoErr(err)
		is.Equal(app.ErrorCode(ta.MergeCompanies(ctx, viewer, keep.ID, lose.ID, nil)), app.EForbidden)
		_, err = ta.UndoMerge(ctx, viewer, merges[0].ID)
		is.Equal(app.ErrorCode(err), app.EForbidden)
	})
}
