package app_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestDemoBulkLoadKeepsCountsAndSchema generates the same demo data twice,
// row by row and as a bulk load: the kept list counts must agree, every
// index and trigger must be back, and the triggers must work afterwards.
func TestDemoBulkLoadKeepsCountsAndSchema(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	opt := app.DemoOptions{Contacts: 600, Companies: 40, Seed: 7}
	var counts [2][]string
	var schemas [2][]string
	var bulkApp *testApp
	for i, bulk := range []bool{false, true} {
		ta := mustOpenApp(t)
		before := schemaOf(t, ta)
		opt.Bulk = bulk
		is.NoErr(ta.GenerateDemo(ctx, opt))
		schemas[i] = schemaOf(t, ta)
		is.Equal(schemas[i], before) // the indexes and triggers dropped for the load are back
		// Ids differ between runs, so compare each kind's counts as a sorted list.
		rows, err := ta.DB().Reader().QueryContext(ctx, `SELECT kind, n FROM list_counts WHERE n > 0 ORDER BY kind, n`)
		is.NoErr(err)
		for rows.Next() {
			var kind string
			var n int
			is.NoErr(rows.Scan(&kind, &n))
			counts[i] = append(counts[i], fmt.Sprintf("%s=%d", kind, n))
		}
		is.NoErr(rows.Err())
		rows.Close()
		bulkApp = ta
	}
	is.True(len(counts[0]) > 10)   // statuses, owners, companies, tags
	is.Equal(counts[1], counts[0]) // the bulk load's counts are the triggers' counts

	list, err := bulkApp.ListContacts(ctx, nil, store.ListQuery{Limit: 1})
	is.NoErr(err)
	is.Equal(list.Total, 600)
	_, err = bulkApp.CreateContact(ctx, nil, app.ContactInput{FirstName: "After"})
	is.NoErr(err)
	list, err = bulkApp.ListContacts(ctx, nil, store.ListQuery{Limit: 1})
	is.NoErr(err)
	is.Equal(list.Total, 601) // the count trigger is back at work

	err = bulkApp.DB().BulkLoad(ctx, func() error { return nil })
	is.True(err != nil) // a bulk load refuses tables that hold rows
	is.Equal(schemaOf(t, bulkApp), schemas[1])
}

// schemaOf lists the database's indexes and triggers with their SQL.
func schemaOf(t *testing.T, ta *testApp) []string {
	t.Helper()
	rows, err := ta.DB().Reader().QueryContext(context.Background(),
		`SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
