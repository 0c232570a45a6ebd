package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// ListContactRecords reads whole contacts in the list's own statement; it
// must give what the list's rows loaded again by id give, page by page,
// for every sort and filter and for a salesperson who sees only their own.
func TestListContactRecordsMatchesRowsByID(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	is.NoErr(ta.GenerateDemo(ctx, app.DemoOptions{Contacts: 300, Companies: 30, Seed: 9, Bulk: true}))
	// One contact with channels stored out of order and many tags.
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Zoë", LastName: "Ordered",
		Emails: []store.Labeled{{Label: "work", Value: "z1@example.com"}, {Label: "home", Value: "z2@example.com"}, {Value: "z3@example.com"}},
		Phones: []store.Labeled{{Label: "mobile", Value: "+1 415 555 0100"}, {Value: "+1 415 555 0101"}},
		Tags:   []string{"zeta", "Alpha", "vip"}})
	is.NoErr(err)
	list, err := ta.ListContacts(ctx, nil, store.ListQuery{Sort: "created", Limit: 5})
	is.NoErr(err)
	is.NoErr(ta.TrashContact(ctx, nil, list.Rows[0].ID))
	tag, err := ta.TagByName(ctx, "vip")
	is.NoErr(err)
	fields, err := ta.CustomFields(ctx, "contact")
	is.NoErr(err)
	is.True(len(fields) > 0) // the demo has custom fields
	sales, err := ta.UserByEmail(ctx, "demo1-9@rolo.example")
	is.NoErr(err)
	// The salesperson sees only their own contacts, without the first field.
	is.NoErr(ta.SetPermissions(ctx, nil, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	is.NoErr(ta.SetFieldProtection(ctx, nil, fields[0].ID, app.RoleSales, app.FieldHidden))
	sales, err = ta.UserByEmail(ctx, sales.Email)
	is.NoErr(err)
	all, err := ta.ListContacts(ctx, nil, store.ListQuery{})
	is.NoErr(err)
	own, err := ta.ListContacts(ctx, sales, store.ListQuery{})
	is.NoErr(err)
	is.True(own.Total > 0 && own.Total < all.Total) // a salesperson sees some contacts

	queries := map[string]store.ListQuery{
		"status":         {Sort: "name", Status: "customer"},
		"tag":            {Sort: "-updated", TagID: tag.ID},
		"trash":          {Trashed: true},
		"custom field":   {SortField: fields[0].ID, Sort: "-"},
		"owner and tag":  {Sort: "owner", TagID: tag.ID},
		"one contact":    {Sort: "name", Conditions: []store.Condition{{Column: "first_name", Op: store.OpEq, Value: "Zoë"}}},
		"after a cursor": {Sort: "name", Limit: 7},
	}
	for _, sort := range store.Sorts {
		queries["sorted by "+sort] = store.ListQuery{Sort: sort, Limit: 40}
	}
	for name, q := range queries {
		for _, actor := range []app.Actor{nil, sales} {
			q := q
			pages := 0
			for {
				rows, err := ta.ListContacts(ctx, actor, q)
				is.NoErr(err)
				records, err := ta.ListContactRecords(ctx, actor, q)
				is.NoErr(err)
				ids := make([]string, len(rows.Rows))
				for i, r := range rows.Rows {
					ids[i] = r.ID
				}
				whole, err := ta.ContactsByID(ctx, actor, ids)
				is.NoErr(err)
				is.Equal(len(records.Contacts), len(whole)) // the same contacts
				for i := range whole {
					is.Equal(records.Contacts[i], whole[i]) // in the same order
				}
				is.Equal(records.NextCursor, rows.NextCursor) // the same next page
				is.Equal(records.Total, rows.Total)           // the same total
				for i := range rows.Rows {
					is.Equal(rows.Rows[i].Tags, whole[i].Tags) // a row's tags are its contact's
				}
				pages++
				if rows.NextCursor == "" {
					break
				}
				q.Cursor = rows.NextCursor
			}
			if name == "sorted by name" && actor == nil {
				is.True(pages > 5) // paged through the list
			}
		}
	}
	got, err := ta.Contact(ctx, nil, c.ID)
	is.NoErr(err)
	is.Equal(len(got.Emails), 3)
	is.Equal(got.Emails[2].Value, "z3@example.com") // channels keep their order
	is.Equal(got.Phones[1].Value, "+1 415 555 0101")
	is.Equal([]string{got.Tags[0].Name, got.Tags[1].Name, got.Tags[2].Name}, []string{"Alpha", "vip", "zeta"}) // tags by name
}
