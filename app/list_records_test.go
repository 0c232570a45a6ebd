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
				is.Equal(len(records.Records), len(whole)) // the same contacts
				for i := range whole {
					is.Equal(records.Records[i], whole[i]) // in the same order
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

// ListCompanyRecords is checked the same way against CompaniesByID.
func TestListCompanyRecordsMatchesRowsByID(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	is.NoErr(ta.GenerateDemo(ctx, app.DemoOptions{Contacts: 200, Companies: 120, Seed: 4, Bulk: true}))
	co, err := ta.CreateCompany(ctx, nil, app.CompanyInput{Name: `Zeta "Quoted" \ Ltd 山田`, Notes: "two\nlines \"quoted\"", Tags: []string{"zeta", "Alpha"}})
	is.NoErr(err)
	got, err := ta.Company(ctx, nil, co.ID)
	is.NoErr(err)
	is.Equal(got.Name, `Zeta "Quoted" \ Ltd 山田`) // quotes, backslashes and CJK come back from JSON as they were
	is.Equal(got.Notes, "two\nlines \"quoted\"")
	is.Equal(len(got.Tags), 2)
	list, err := ta.ListCompanies(ctx, nil, store.ListQuery{Sort: "created", Limit: 5})
	is.NoErr(err)
	is.NoErr(ta.TrashCompany(ctx, nil, list.Rows[0].ID))
	queries := map[string]store.ListQuery{"trash": {Trashed: true}, "sorted by name, pages of 7": {Sort: "name", Limit: 7}}
	for _, sort := range store.Sorts {
		queries["sorted by "+sort] = store.ListQuery{Sort: sort, Limit: 30}
	}
	for _, q := range queries {
		for {
			rows, err := ta.ListCompanies(ctx, nil, q)
			is.NoErr(err)
			records, err := ta.ListCompanyRecords(ctx, nil, q)
			is.NoErr(err)
			ids := make([]string, len(rows.Rows))
			for i, r := range rows.Rows {
				ids[i] = r.ID
			}
			whole, err := ta.CompaniesByID(ctx, nil, ids)
			is.NoErr(err)
			is.Equal(len(records.Records), len(whole)) // the same companies
			for i := range whole {
				is.Equal(records.Records[i], whole[i])           // in the same order
				is.Equal(rows.Rows[i].Tags, whole[i].Tags)       // a row's tags are its company's
				is.Equal(rows.Rows[i].Name, whole[i].Name)       // names survive JSON
				is.Equal(rows.Rows[i].OwnerID, whole[i].OwnerID) // and so do owners
			}
			is.Equal(records.NextCursor, rows.NextCursor) // the same next page
			is.Equal(records.Total, rows.Total)           // the same total
			if rows.NextCursor == "" {
				break
			}
			q.Cursor = rows.NextCursor
		}
	}
}

// ListDealRecords is checked the same way against DealsByID, under every
// sort the deal list offers.
func TestListDealRecordsMatchesRowsByID(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	is.NoErr(ta.GenerateDemo(ctx, app.DemoOptions{Contacts: 100, Companies: 20, Deals: 150, Seed: 6, Bulk: true}))
	queries := map[string]store.DealQuery{"trash": {Trashed: true}, "open, pages of 9": {Status: "open", Limit: 9}}
	for _, sort := range store.DealSorts {
		queries["sorted by "+sort] = store.DealQuery{Sort: sort, Limit: 40}
	}
	for _, q := range queries {
		for {
			rows, err := ta.ListDeals(ctx, nil, q)
			is.NoErr(err)
			records, err := ta.ListDealRecords(ctx, nil, q)
			is.NoErr(err)
			ids := make([]string, len(rows.Rows))
			for i, r := range rows.Rows {
				ids[i] = r.ID
			}
			whole, err := ta.DealsByID(ctx, nil, ids)
			is.NoErr(err)
			is.Equal(len(records.Records), len(whole)) // the same deals
			for i := range whole {
				is.Equal(records.Records[i], whole[i])       // in the same order
				is.Equal(rows.Rows[i].Tags, whole[i].Tags)   // a row's tags are its deal's
				is.Equal(rows.Rows[i].Value, whole[i].Value) // values survive JSON
			}
			is.Equal(records.NextCursor, rows.NextCursor) // the same next page
			is.Equal(records.Total, rows.Total)           // the same total
			if rows.NextCursor == "" {
				break
			}
			q.Cursor = rows.NextCursor
		}
	}
}
