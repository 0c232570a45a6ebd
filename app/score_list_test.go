package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestScoreFilterAndSort(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	_, err := ta.CreateScoreRule(ctx, nil, "VIP", "tag:vip", 40)
	is.NoErr(err)
	_, err = ta.CreateScoreRule(ctx, nil, "Customer", "status:customer", 30)
	is.NoErr(err)
	names := map[string]string{}
	for _, in := range []app.ContactInput{
		{FirstName: "Both", Tags: []string{"vip"}, LifecycleStatus: "customer"}, // 70
		{FirstName: "Vip", Tags: []string{"vip"}},                               // 40
		{FirstName: "Cust", LifecycleStatus: "customer"},                        // 30
		{FirstName: "None"}, // 0
	} {
		c, err := ta.CreateContact(ctx, nil, in)
		is.NoErr(err)
		names[c.ID] = c.FirstName
	}
	list := func(query, sort string) []string {
		t.Helper()
		q := store.ListQuery{Sort: sort}
		if query != "" {
			is.NoErr(ta.ListQueryFor(ctx, nil, "contact", query, &q))
		}
		if sort == "score" || sort == "-score" {
			is.NoErr(ta.SortByField(ctx, nil, "contact", sort, &q))
		}
		page, err := ta.ListContacts(ctx, nil, q)
		is.NoErr(err)
		var out []string
		for _, r := range page.Rows {
			out = append(out, names[r.ID])
		}
		return out
	}
	is.Equal(list("", "-score"), []string{"Both", "Vip", "Cust", "None"}) // highest first
	is.Equal(list("", "score"), []string{"None", "Cust", "Vip", "Both"})
	is.Equal(list("score:>35", "-score"), []string{"Both", "Vip"})
	is.Equal(len(list("score:>=30", "name")), 3)
	is.Equal(list("score:<10", ""), []string{"None"}) // a score of 0 passes "below 10"
	is.Equal(list("score:40", ""), []string{"Vip"})

	q := store.ListQuery{}
	err = ta.ListQueryFor(ctx, nil, "contact", "score:>lots", &q)
	is.Equal(app.ErrorCode(err), app.EInvalid) // scores are whole numbers

	// paging by score keeps its order across pages
	q = store.ListQuery{Limit: 2}
	is.NoErr(ta.SortByField(ctx, nil, "contact", "-score", &q))
	first, err := ta.ListContacts(ctx, nil, q)
	is.NoErr(err)
	q.Cursor = first.NextCursor
	second, err := ta.ListContacts(ctx, nil, q)
	is.NoErr(err)
	is.Equal(names[second.Rows[0].ID], "Cust")
	is.Equal(names[second.Rows[1].ID], "None")
}
