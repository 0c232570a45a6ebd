package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rolo/app"
	"rolo/store"
)

// TestEveryDealQueryUsesAnIndex checks the plan of every board, list and
// record-page query over deals: each filter and sort, first and later
// pages, on an empty database and on an analysed one with deals.
func TestEveryDealQueryUsesAnIndex(t *testing.T) {
	t.Parallel()
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		checkDealPlans(t, MustOpenDB(t))
	})
	t.Run("analyzed", func(t *testing.T) {
		t.Parallel()
		checkDealPlans(t, analysedDemoDB(t, app.DemoOptions{Contacts: 500, Companies: 50, Deals: 2000, Seed: 3}))
	})
}

func checkDealPlans(t *testing.T, db *store.DB) {
	const pipeline = "00000000-0000-7000-8000-000000000001"
	// walks: filters answered by walking the sort's index, so no page ever
	// sorts all matches.
	walks := map[string]store.DealQuery{
		"no filter":            {},
		"pipeline":             {Pipeline: pipeline},
		"pipeline+status":      {Pipeline: pipeline, Status: "open"},
		"pipeline+owner":       {Pipeline: pipeline, Owner: "u1"},
		"pipeline+no owner":    {Pipeline: pipeline, Owner: store.NoneValue},
		"pipeline+tag":         {Pipeline: pipeline, TagID: "t1"},
		"pipeline+stage":       {Pipeline: pipeline, Stage: "s1"},
		"pipeline+all":         {Pipeline: pipeline, Status: "open", Owner: "u1", TagID: "t1"},
		"status":               {Status: "won"},
		"tag":                  {TagID: "t1"},
		"company":              {Company: "c1"},
		"owner":                {Owner: "u1"},
		"pipeline+close range": {Pipeline: pipeline, CloseFrom: "2026-01-01", CloseTo: "2026-03-31"},
		"close range":          {CloseFrom: "2026-01-01", CloseTo: "2026-03-31"},
	}
	cursors := map[string][]string{"updated": {"2026", "id"}, "created": {"2026", "id"}, "title": {"t", "id"},
		"value": {"100", "id"}, "close": {"2026-01-01", "id"}}
	for fname, f := range walks {
		for _, sort := range store.DealSorts {
			for _, page := range []string{"first", "later"} {
				q := f
				q.Sort = sort
				if page == "later" {
					q.Cursor = store.DealCursor(q, cursors[strings.TrimPrefix(sort, "-")])
				}
				query, args, err := store.DealListSQL(q)
				if err != nil {
					t.Fatal(err)
				}
				// A close range under another sort may read the close index
				// and sort its matches: a range is as narrow as the user made it.
				walk := !(q.CloseFrom != "" && !strings.HasSuffix(sort, "close"))
				assertIndexed(t, db, "deals "+fname+" sorted by "+sort+" ("+page+" page)", query, args, page == "later", walk)
				query, args, err = store.DealRecordsSQL(q)
				if err != nil {
					t.Fatal(err)
				}
				assertIndexed(t, db, "deal records "+fname+" sorted by "+sort+" ("+page+" page)", query, args, page == "later", walk)
			}
		}
		query, args := store.DealCountSQL(f)
		assertIndexed(t, db, "deal count "+fname, query, args, false, false)
	}
	// An open-ended close range matches most deals, so its count may read
	// the table; its page still walks an index.
	for _, sort := range []string{"close", "-updated"} {
		query, args, _ := store.DealListSQL(store.DealQuery{Pipeline: pipeline, CloseFrom: "2026-01-01", Sort: sort})
		assertIndexed(t, db, "deals closing after a date sorted by "+sort, query, args, false, sort == "close")
	}
	for _, cursor := range []string{"", store.DealCursor(store.DealQuery{Trashed: true}, []string{"2026", "id"})} {
		query, args, _ := store.DealListSQL(store.DealQuery{Trashed: true, Cursor: cursor})
		assertIndexed(t, db, "deal trash", query, args, cursor != "", false)
	}
	for name, f := range map[string]store.DealQuery{"open": {Status: "open"}, "all": {}, "owner": {Status: "open", Owner: "u1"},
		"tag": {TagID: "t1"}, "close range": {Status: "open", CloseFrom: "2026-01-01", CloseTo: "2026-03-31"}} {
		query, args := store.BoardCardsSQL("s1", f, 50)
		assertIndexed(t, db, "board column "+name, query, args, false, true)
		plan := strings.Join(queryPlan(t, db, query, args), "\n")
		if !strings.Contains(plan, "deals_column") {
			t.Errorf("board column %s does not walk the column's order:\n%s", name, plan)
		}
		query, args = store.BoardTotalsSQL(pipeline, f)
		assertIndexed(t, db, "board totals "+name, query, args, false, false)
	}
	for name, f := range map[string]store.DealQuery{"owner": {Status: "open", Owner: "u1"}, "no owner": {Owner: store.NoneValue},
		"tag": {Status: "open", TagID: "t1"}, "close range": {Status: "open", CloseFrom: "2026-01-01", CloseTo: "2026-03-31"},
		"company": {Company: "c1"}} {
		// The numbered matches are scanned (SCAN m); the deals table never is.
		query, args := store.BoardCardsMatchingSQL(pipeline, f, 50)
		if plan := queryPlan(t, db, query, args); slices.Contains(plan, "SCAN d") {
			t.Errorf("board matches %s read every deal:\n%s", name, strings.Join(plan, "\n"))
		}
	}
	// Totals under the status filter (and one owner's) read a covering index alone.
	query, args := store.BoardTotalsSQL(pipeline, store.DealQuery{Status: "open", Owner: "u1"})
	if plan := strings.Join(queryPlan(t, db, query, args), "\n"); !strings.Contains(plan, "COVERING INDEX deals_owner_totals") {
		t.Errorf("one owner's board totals read table rows:\n%s", plan)
	}
	query, args = store.BoardTotalsSQL(pipeline, store.DealQuery{Status: "open"})
	if plan := strings.Join(queryPlan(t, db, query, args), "\n"); !strings.Contains(plan, "COVERING INDEX deals_totals") {
		t.Errorf("open board totals read table rows:\n%s", plan)
	}
	query, args = store.RottingSQL("s1", "", time.Now(), 50)
	assertIndexed(t, db, "rotting deals", query, args, false, true)
	query, args = store.RottingSQL("s1", "u1", time.Now(), 50)
	assertIndexed(t, db, "rotting deals of one owner", query, args, false, true)
	query, args = store.DealsOfSQL("company", "c1", 20)
	assertIndexed(t, db, "deals of a company", query, args, false, false)
	query, args = store.DealsOfSQL("contact", "c1", 20)
	assertIndexed(t, db, "deals of a contact", query, args, false, false)
}
