package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestKeptCountsMatchTheRows runs a random mix of writes and then checks
// that every list total (kept by triggers) equals the rows the list shows.
func TestKeptCountsMatchTheRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	bo, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Bo", Email: "bo@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	owners := []string{"", admin.ID, bo.ID}
	tags := []string{"vip", "webinar", "partner"}
	var companies, contacts []string
	for i := range 4 {
		co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: fmt.Sprint("Co ", i), OwnerID: owners[i%3], Tags: tags[:i%3]})
		is.NoErr(err)
		companies = append(companies, co.ID)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 120 {
		switch op := rng.IntN(10); {
		case op < 4 || len(contacts) < 5:
			company := append(companies, "")[rng.IntN(5)]
			if co, err := ta.Company(ctx, admin, company); err == nil && co.Trashed() {
				company = ""
			}
			c, err := ta.CreateContact(ctx, admin, app.ContactInput{
				FirstName: fmt.Sprint("P", i), OwnerID: owners[rng.IntN(3)], CompanyID: company,
				LifecycleStatus: app.LifecycleStatuses[rng.IntN(3)], Tags: tags[:rng.IntN(4)],
			})
			is.NoErr(err)
			contacts = append(contacts, c.ID)
		case op < 6:
			id := contacts[rng.IntN(len(contacts))]
			c, err := ta.Contact(ctx, admin, id)
			is.NoErr(err)
			if c.Trashed() {
				is.NoErr(ta.RestoreContact(ctx, admin, id))
				continue
			}
			in := app.InputOf(c)
			in.LifecycleStatus, in.OwnerID, in.Tags = app.LifecycleStatuses[rng.IntN(3)], owners[rng.IntN(3)], tags[rng.IntN(3):]
			_, err = ta.UpdateContact(ctx, admin, id, c.Version, in)
			is.NoErr(err)
		case op < 8:
			id := contacts[rng.IntN(len(contacts))]
			if c, _ := ta.Contact(ctx, admin, id); !c.Trashed() {
				is.NoErr(ta.TrashContact(ctx, admin, id))
			}
		case op == 8:
			id := companies[rng.IntN(len(companies))]
			if c, _ := ta.Company(ctx, admin, id); c.Trashed() {
				is.NoErr(ta.RestoreCompany(ctx, admin, id))
			} else {
				is.NoErr(ta.TrashCompany(ctx, admin, id))
			}
		default:
			owner := owners[rng.IntN(3)]
			if live := liveOnly(ta, contacts[:3]); len(live) > 0 {
				_, err := ta.BulkUpdateContacts(ctx, admin, live, app.BulkChange{OwnerID: &owner})
				is.NoErr(err)
			}
		}
	}
	webinar, err := ta.TagByName(ctx, "webinar")
	is.NoErr(err)
	vip, err := ta.TagByName(ctx, "vip")
	is.NoErr(err)
	is.NoErr(ta.MergeTags(ctx, admin, webinar.ID, vip.ID))
	partner, err := ta.TagByName(ctx, "partner")
	is.NoErr(err)
	_, err = ta.EmptyTrash(ctx, admin)
	is.NoErr(err)

	queries := []store.ListQuery{{}, {Owner: store.NoneValue}, {Owner: bo.ID}, {Company: store.NoneValue}, {Company: companies[1]},
		{TagID: vip.ID}, {TagID: partner.ID}, {Status: "lead"}, {Status: "customer"}, {Status: "lead", TagID: vip.ID}}
	for _, s := range app.LifecycleStatuses[:3] {
		queries = append(queries, store.ListQuery{Status: s})
	}
	for _, q := range queries {
		list, err := ta.ListContacts(ctx, admin, store.ListQuery{Status: q.Status, Owner: q.Owner, Company: q.Company, TagID: q.TagID, Limit: 500})
		is.NoErr(err)
		is.Equal(list.Total, len(list.Rows)) // the kept count matches the rows
	}
	for _, q := range []store.ListQuery{{}, {Owner: store.NoneValue}, {Owner: admin.ID}, {TagID: vip.ID}, {TagID: partner.ID}} {
		list, err := ta.ListCompanies(ctx, admin, store.ListQuery{Owner: q.Owner, TagID: q.TagID, Limit: 500})
		is.NoErr(err)
		is.Equal(list.Total, len(list.Rows)) // the kept company count matches
	}
	counts, err := ta.Tags(ctx, admin)
	is.NoErr(err)
	for _, tc := range counts {
		list, err := ta.ListContacts(ctx, admin, store.ListQuery{TagID: tc.ID, Limit: 500})
		is.NoErr(err)
		is.Equal(tc.Contacts, len(list.Rows)) // tag page counts match too
	}
}

func liveOnly(ta *testApp, ids []string) []string {
	var out []string
	for _, id := range ids {
		if c, err := ta.Contact(context.Background(), nil, id); err == nil && !c.Trashed() {
			out = append(out, id)
		}
	}
	return out
}
