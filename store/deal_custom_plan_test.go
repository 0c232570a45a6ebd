package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"rolo/app"
	"rolo/store"
)

// TestDealCustomSortPlans proves that sorting deals by a custom field walks
// custom_values_value in order, with the list's filters tested per row: no
// sort of every match, and a later page seeks to its cursor. Checked on an
// empty database and on an analysed one whose deals have values.
func TestDealCustomSortPlans(t *testing.T) {
	t.Parallel()
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		checkDealCustomSortPlans(t, MustOpenDB(t), "f1")
	})
	t.Run("analyzed", func(t *testing.T) {
		t.Parallel()
		// Two deals in three get a number.
		db := analysedDemoDB(t, app.DemoOptions{Contacts: 200, Companies: 20, Deals: 2000, Seed: 5},
			`INSERT INTO custom_fields (id, entity, key, label, type, created_at, updated_at)
				VALUES ('f1', 'deal', 'plan_seats', 'Seats', 'number', '2026', '2026')`,
			`INSERT INTO custom_values (field_id, record_id, value)
				SELECT 'f1', id, CAST(value % 997 AS REAL) FROM deals WHERE rowid % 3 > 0`)
		checkDealCustomSortPlans(t, db, "f1")
	})
}

// analysedDemoDB builds a demo database, runs setup on it, then ANALYZE,
// so that plans are checked with the statistics a real database has.
func analysedDemoDB(t *testing.T, opts app.DemoOptions, setup ...string) *store.DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := app.BuildDemoFile(ctx, path, opts); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	err = db.Write(ctx, func(tx *store.Tx) error {
		for _, stmt := range append(setup, "ANALYZE") {
			if _, err := tx.Exec(stmt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func checkDealCustomSortPlans(t *testing.T, db *store.DB, field string) {
	const pipeline = "00000000-0000-7000-8000-000000000001"
	const later = "later" // replaced by a cursor of the case's own order
	cases := map[string]store.DealQuery{
		"first page":                  {SortField: field},
		"descending":                  {SortField: field, Sort: "-"},
		"later page":                  {SortField: field, Cursor: later},
		"descending, later page":      {SortField: field, Sort: "-", Cursor: later},
		"pipeline":                    {SortField: field, Pipeline: pipeline},
		"pipeline, later page":        {SortField: field, Pipeline: pipeline, Cursor: later},
		"pipeline+status+owner+tag":   {SortField: field, Pipeline: pipeline, Status: "open", Owner: "u1", TagID: "t1"},
		"pipeline+stage, descending":  {SortField: field, Pipeline: pipeline, Stage: "s1", Sort: "-"},
		"company":                     {SortField: field, Company: "c1"},
		"no owner":                    {SortField: field, Owner: store.NoneValue},
		"close range":                 {SortField: field, CloseFrom: "2026-01-01", CloseTo: "2026-03-31"},
		"filter on the sorted field":  {SortField: field, Conditions: []store.Condition{{FieldID: field, Op: store.OpGt, Value: 10.0}}},
		"filter on another field":     {SortField: field, Conditions: []store.Condition{{FieldID: "f2", Op: store.OpEq, Value: "o1"}}},
		"filter on a built-in column": {SortField: field, Pipeline: pipeline, Conditions: []store.Condition{{Column: "title", Op: store.OpContains, Value: "acme"}}},
	}
	for name, q := range cases {
		if q.Cursor == later {
			q.Cursor = store.DealCursor(q, []string{"n:5", "00000000-0000-7000-8000-000000000009"})
		}
		query, args, err := store.DealListSQL(q)
		if err != nil {
			t.Fatal(err)
		}
		// A condition on another field reads that field's index and sorts
		// its matches, as the deal list does under every sort: it is as
		// narrow as the user made it.
		walk := name != "filter on another field"
		assertIndexed(t, db, "deals "+name, query, args, q.Cursor != "", walk)
		if plan := strings.Join(queryPlan(t, db, query, args), "\n"); !strings.Contains(plan, "custom_values_value") {
			t.Errorf("deals %s do not walk custom_values_value:\n  %s", name, plan)
		}
		count, countArgs := store.DealCountSQL(q)
		assertIndexed(t, db, "deal count "+name, count, countArgs, false, false)
	}
}
