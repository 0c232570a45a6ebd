package app_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestContactCardsFollowEveryWrite makes every kind of write that changes
// what a contact's card holds (its own columns, here or from another
// process, emails, phones, tags, a tag's name and
// colour, custom values of every type, a deleted field, a merge) and after
// each one checks three things: what the API reads is what was written,
// it reads the same whether the card was built on the fly or kept on the
// row, and no kept card differs from its rows (doctor's check).
func TestContactCardsFollowEveryWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	fieldSet(t, ta, admin)
	is := is.New(t)

	// read reads both contacts twice: as their cards are now (missing
	// after the write), then after storing them, as the server does.
	read := func(step string, ids ...string) []app.Contact {
		t.Helper()
		built, err := ta.ContactsByID(ctx, admin, ids)
		is.NoErr(err)
		_, err = ta.DB().FillAllContactCards(ctx)
		is.NoErr(err)
		var missing int
		is.NoErr(ta.DB().Reader().QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE card IS NULL`).Scan(&missing))
		is.Equal(missing, 0) // every card stored
		kept, err := ta.ContactsByID(ctx, admin, ids)
		is.NoErr(err)
		if len(built) != len(kept) {
			t.Fatalf("%s: %d contacts built, %d kept", step, len(built), len(kept))
		}
		for i := range kept {
			built[i].StoredCustom, kept[i].StoredCustom = nil, nil
			is.Equal(built[i], kept[i]) // the same contact, card built or kept
		}
		page, err := ta.ListContactRecords(ctx, admin, store.ListQuery{Sort: "name"})
		is.NoErr(err)
		for _, c := range page.Records {
			for _, k := range kept {
				if c.ID == k.ID {
					c.StoredCustom, c.Version = nil, k.Version
					is.Equal(c, k) // the list reads the same contact
				}
			}
		}
		stale, err := store.StaleContactCards(ctx, ta.DB().Reader(), 10)
		is.NoErr(err)
		is.Equal(len(stale), 0) // no kept card differs from its rows
		return kept
	}

	seats := 0.1
	seats += 0.2 // 0.30000000000000004: a card must keep every digit
	ada, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ada", LastName: "Card",
		Emails: []store.Labeled{{Label: "work", Value: "ada@example.com"}, {Value: "ada@home.example"}},
		Phones: []store.Labeled{{Label: "mobile", Value: "+1 415 555 0100"}},
		Tags:   []string{"vip", "north"},
		CustomFields: app.CustomValues{"nickname": `Ad"a \ 에이다 <b>`, "seats": seats, "budget": "1,250.50",
			"vip": "yes", "channels": []any{"Chat", "Email"}, "renewal_date": "2027-03-01"}})
	is.NoErr(err)
	bob, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Bob", LastName: "Card",
		Emails: []store.Labeled{{Value: "bob@example.com"}}, Tags: []string{"north"}})
	is.NoErr(err)
	got := read("create", ada.ID, bob.ID)
	is.Equal(got[0].Emails, []store.Labeled{{Label: "work", Value: "ada@example.com"}, {Value: "ada@home.example"}})
	is.Equal(got[0].CustomFields["seats"], seats)
	is.Equal(got[0].CustomFields["nickname"], `Ad"a \ 에이다 <b>`)
	is.Equal(got[0].CustomFields["budget"], app.MoneyValue{Minor: 125050, Currency: "EUR"})
	is.Equal(got[0].CustomFields["channels"], []string{"Email", "Chat"})
	is.Equal(len(got[0].Tags), 2)

	in := app.InputOf(got[0])
	in.Emails = []store.Labeled{{Value: "ada@new.example"}}
	in.Phones = append(in.Phones, store.Labeled{Label: "office", Value: "+1 415 555 0199"})
	in.CustomFields = app.CustomValues{"seats": 7, "nickname": nil}
	_, err = ta.UpdateContact(ctx, admin, ada.ID, got[0].Version, in)
	is.NoErr(err)
	got = read("update", ada.ID, bob.ID)
	is.Equal(got[0].Emails, []store.Labeled{{Value: "ada@new.example"}})
	is.Equal(len(got[0].Phones), 2)
	is.Equal(got[0].CustomFields["seats"], 7.0)
	_, has := got[0].CustomFields["nickname"]
	is.True(!has) // cleared

	// The card holds the contact's own columns too (migration 0032).
	in = app.InputOf(got[0])
	in.FirstName, in.Title, in.LifecycleStatus = "Augusta", "Countess", "customer"
	_, err = ta.UpdateContact(ctx, admin, ada.ID, got[0].Version, in)
	is.NoErr(err)
	got = read("own columns", ada.ID, bob.ID)
	is.Equal(got[0].FirstName, "Augusta")
	is.Equal(got[0].Title, "Countess")
	is.Equal(got[0].LifecycleStatus, "customer")
	otherProcess(t, ta, `UPDATE contacts SET title = 'Analyst' WHERE id = ?`, ada.ID) // behind the server's back
	got = read("own column elsewhere", ada.ID, bob.ID)
	is.Equal(got[0].Title, "Analyst")

	_, err = ta.BulkUpdateContacts(ctx, admin, []string{ada.ID, bob.ID}, app.BulkChange{AddTag: "gold"})
	is.NoErr(err)
	got = read("bulk tag", ada.ID, bob.ID)
	is.Equal(tagNames(got[1].Tags), "gold,north")

	tags, err := ta.Tags(ctx, admin)
	is.NoErr(err)
	tagID := map[string]string{}
	for _, tag := range tags {
		tagID[tag.Name] = tag.ID
	}
	_, err = ta.UpdateTag(ctx, admin, tagID["vip"], "Very important", "#ff0000")
	is.NoErr(err)
	got = read("tag renamed", ada.ID, bob.ID)
	is.Equal(tagNames(got[0].Tags), "gold,north,Very important")
	is.Equal(got[0].Tags[2].Color, "#ff0000")

	is.NoErr(ta.DeleteTag(ctx, admin, tagID["north"]))
	got = read("tag deleted", ada.ID, bob.ID)
	is.Equal(tagNames(got[0].Tags), "gold,Very important")
	is.Equal(tagNames(got[1].Tags), "gold")

	fields, err := ta.CustomFields(ctx, "contact")
	is.NoErr(err)
	for _, f := range fields {
		if f.Key == "seats" {
			is.NoErr(ta.DeleteCustomField(ctx, admin, f.ID))
		}
	}
	got = read("field deleted", ada.ID, bob.ID)
	_, has = got[0].CustomFields["seats"]
	is.True(!has)

	is.NoErr(ta.MergeContacts(ctx, admin, ada.ID, bob.ID, nil))
	got = read("merge", ada.ID)
	is.Equal(len(got), 1)
	var emails []string
	for _, e := range got[0].Emails {
		emails = append(emails, e.Value)
	}
	is.Equal(emails, []string{"ada@new.example", "bob@example.com"}) // the merged-in address came along
}

// TestServerKeepsContactCards: what serve runs beside the scheduler stores
// a contact's card soon after a save, without a request asking for it.
func TestServerKeepsContactCards(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	done := make(chan struct{})
	go func() { defer close(done); ta.DB().KeepContactCards(ctx, time.Hour) }()
	defer func() { cancel(); <-done }()
	is := is.New(t)
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Kept", Emails: []store.Labeled{{Value: "kept@example.com"}}})
	is.NoErr(err)
	deadline := time.Now().Add(10 * time.Second)
	for {
		var card sql.NullString
		is.NoErr(ta.DB().Reader().QueryRowContext(ctx, `SELECT card FROM contacts WHERE id = ?`, c.ID).Scan(&card))
		if card.Valid {
			is.True(strings.Contains(card.String, "kept@example.com"))
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the card was not stored within 10 s of the save")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
