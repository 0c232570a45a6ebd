package store_test

import (
	"context"
	"maps"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rolo/app"
	"rolo/store"
)

// fullScan matches a query-plan line that reads a whole table without an
// index ("SCAN c" rather than "SCAN c USING INDEX …").
var fullScan = regexp.MustCompile(`^SCAN \w+$`)

func queryPlan(t *testing.T, db *store.DB, query string, args []any) []string {
	t.Helper()
	rows, err := db.Reader().QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return lines
}

// assertIndexed fails when the plan reads a whole table, when a later
// page scans its sort index from the start instead of seeking to the
// cursor (deep pages would be slower than the first), or when a broad
// filter sorts all its matches (every page would cost the whole set).
func assertIndexed(t *testing.T, db *store.DB, name, query string, args []any, laterPage, broad bool) {
	t.Helper()
	plan := queryPlan(t, db, query, args)
	fail := func(why string) {
		t.Errorf("%s %s:\n  %s\nquery: %s", name, why, strings.Join(plan, "\n  "), query)
	}
	for _, line := range plan {
		switch {
		case fullScan.MatchString(line):
			fail("reads a whole table")
			return
		case broad && strings.Contains(line, "TEMP B-TREE FOR ORDER BY"):
			fail("sorts every match of a broad filter")
			return
		}
	}
	if laterPage && strings.HasPrefix(plan[0], "SCAN ") {
		fail("does not seek to its cursor")
	}
}

// TestEveryListUsesAnIndex checks the plan of every sort and filter the
// contact and company lists offer, first page and later pages, on an empty
// database and on one with data whose statistics the planner has read
// (plans change with statistics).
func TestEveryListUsesAnIndex(t *testing.T) {
	t.Parallel()
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		checkListPlans(t, MustOpenDB(t))
	})
	t.Run("analyzed", func(t *testing.T) {
		t.Parallel()
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "demo.db")
		if err := app.BuildDemoFile(ctx, path, app.DemoOptions{Contacts: 3000, Companies: 300, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		db, err := store.Open(ctx, path, store.Options{MustExist: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.Exec("ANALYZE"); return err }); err != nil {
			t.Fatal(err)
		}
		checkListPlans(t, db)
	})
}

func checkListPlans(t *testing.T, db *store.DB) {
	filters := map[string]store.ListQuery{
		"no filter":  {},
		"status":     {Status: "lead"},
		"owner":      {Owner: "u1"},
		"no owner":   {Owner: store.NoneValue},
		"company":    {Company: "c1"},
		"no company": {Company: store.NoneValue},
		"tag":        {TagID: "t1"},
		"status+tag": {Status: "customer", TagID: "t1"},
	}
	cursors := map[string][]string{"name": {"n", "id"}, "created": {"2026", "id"}, "updated": {"2026", "id"}, "owner": {"u", "n", "id"}}
	broad := map[string]store.ListQuery{}
	for fname, f := range filters {
		if fname != "no filter" {
			f.Broad = true
			broad["broad "+fname] = f
		}
	}
	maps.Copy(filters, broad)
	for fname, f := range filters {
		for _, sort := range store.Sorts {
			for _, page := range []string{"first", "later"} {
				q := f
				q.Sort = sort
				if page == "later" {
					q.Cursor = store.ContactCursor(q, cursors[strings.TrimPrefix(sort, "-")])
				}
				query, args, err := store.ContactListSQL(q)
				if err != nil {
					t.Fatal(err)
				}
				assertIndexed(t, db, "contacts "+fname+" sorted by "+sort+" ("+page+" page)", query, args, page == "later", q.Broad)
				query, args, err = store.ContactRecordsSQL(q)
				if err != nil {
					t.Fatal(err)
				}
				assertIndexed(t, db, "contact records "+fname+" sorted by "+sort+" ("+page+" page)", query, args, page == "later", q.Broad)
				if !strings.Contains(fname, "status") && !strings.Contains(fname, "company") {
					if page == "later" {
						q.Cursor = store.CompanyCursor(q, cursors[strings.TrimPrefix(sort, "-")])
					}
					query, args, err = store.CompanyListSQL(q)
					if err != nil {
						t.Fatal(err)
					}
					assertIndexed(t, db, "companies "+fname+" sorted by "+sort+" ("+page+" page)", query, args, page == "later", q.Broad)
					query, args, err = store.CompanyRecordsSQL(q)
					if err != nil {
						t.Fatal(err)
					}
					assertIndexed(t, db, "company records "+fname+" sorted by "+sort+" ("+page+" page)", query, args, page == "later", q.Broad)
				}
			}
		}
	}
	// Single filters read kept counts; only combined ones count rows.
	query, args := store.ContactCountSQL(store.ListQuery{Status: "customer", TagID: "t1"})
	assertIndexed(t, db, "contact count status+tag", query, args, false, false)
	query, args = store.ContactCountSQL(store.ListQuery{Status: "lead", Owner: "u1"})
	assertIndexed(t, db, "contact count status+owner", query, args, false, false)
	query, args = store.CompanyCountSQL(store.ListQuery{Owner: "u1", TagID: "t1"})
	assertIndexed(t, db, "company count owner+tag", query, args, false, false)
	trash := store.ListQuery{Trashed: true}
	for _, later := range []bool{false, true} {
		contacts, companies := trash, trash
		if later {
			contacts.Cursor = store.ContactCursor(trash, []string{"2026", "id"})
			companies.Cursor = store.CompanyCursor(trash, []string{"2026", "id"})
		}
		query, args, err := store.ContactListSQL(contacts)
		if err != nil {
			t.Fatal(err)
		}
		assertIndexed(t, db, "contact trash", query, args, later, false)
		query, args, err = store.CompanyListSQL(companies)
		if err != nil {
			t.Fatal(err)
		}
		assertIndexed(t, db, "company trash", query, args, later, false)
	}
}
