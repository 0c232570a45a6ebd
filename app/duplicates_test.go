package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestDuplicatesMergeAndQuality(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	add := func(in app.ContactInput) app.Contact {
		in.NoOwner = true // for the quality report
		c, err := ta.CreateContact(ctx, admin, in)
		is.NoErr(err)
		return c
	}
	zoe := add(app.ContactInput{FirstName: "Zoë", LastName: "Müller", Emails: []store.Labeled{{Value: "zoe@example.de"}}, Tags: []string{"fair"}})
	zoe2 := add(app.ContactInput{FirstName: "ZOE", LastName: "MULLER", Title: "Buyer", Phones: []store.Labeled{{Value: "+49 151 23456789"}}, Tags: []string{"vip"}})
	kim := add(app.ContactInput{FirstName: "민수", LastName: "김", Emails: []store.Labeled{{Value: "minsu@example.kr"}}})
	kim2 := add(app.ContactInput{DisplayName: "김 민수", Emails: []store.Labeled{{Value: "MINSU@example.kr"}}})
	_ = add(app.ContactInput{FirstName: "Priya", LastName: "Sharma", Phones: []store.Labeled{{Value: "12"}}})

	groups, err := ta.Duplicates(ctx, admin, "contact")
	is.NoErr(err)
	found := map[string]int{}
	for _, g := range groups {
		found[g.Reason] += len(g.IDs)
	}
	is.Equal(found["email"], 2) // the Kims by address, case aside
	is.Equal(found["name"], 4)  // accents, case and the space in 김 민수 aside

	task, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: "Call Zoe", Links: []app.RecordRef{{Entity: "contact", ID: zoe2.ID}}})
	is.NoErr(err)
	is.NoErr(ta.MergeContacts(ctx, admin, zoe.ID, zoe2.ID, map[string]string{"title": "loser"}))
	merged, err := ta.Contact(ctx, admin, zoe.ID)
	is.NoErr(err)
	is.Equal(merged.Title, "Buyer")             // taken from the loser as asked
	is.Equal(len(merged.Phones), 1)             // the loser's phone joined
	is.Equal(tagNames(merged.Tags), "fair,vip") // tags joined
	gone, err := ta.Contact(ctx, admin, zoe2.ID)
	is.NoErr(err)
	is.True(gone.Trashed()) // the loser is in the trash
	moved, err := ta.Task(ctx, admin, task.ID)
	is.NoErr(err)
	is.Equal(len(moved.Links), 1)
	is.Equal(moved.Links[0].ID, zoe.ID) // the task follows the survivor
	history, err := ta.History(ctx, admin, "contact", zoe.ID, 50)
	is.NoErr(err)
	is.Equal(history[0].Action, "contact.merged")
	_ = kim
	_ = kim2

	q, err := ta.DataQuality(ctx, admin, 30)
	is.NoErr(err)
	is.Equal(q.Contacts, 4)
	is.Equal(q.NoEmail, 1)          // Priya
	is.Equal(q.NoPhone, 2)          // both Kims (Zoë has the merged phone)
	is.Equal(q.UnmatchablePhone, 1) // "12"
	is.Equal(q.NoOwner, 4)
	list, err := ta.QualityList(ctx, admin, "no_email", 30)
	is.NoErr(err)
	is.Equal(len(list), 1)
	is.Equal(list[0].FirstName, "Priya")
	ta.clock.Add(31 * 24 * 3600 * 1e9)
	q, err = ta.DataQuality(ctx, admin, 30)
	is.NoErr(err)
	is.Equal(q.Stale, 4) // nothing happened in 31 days
}
