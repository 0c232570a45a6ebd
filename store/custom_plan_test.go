package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestCustomFieldPlans proves that filters and sorts on custom fields use
// custom_values_value: a sort walks it in order (no sort of all matches),
// a later page seeks to its cursor, and a filter reads a range of it.
func TestCustomFieldPlans(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	uses := func(t *testing.T, plan []string, index string) {
		t.Helper()
		if !strings.Contains(strings.Join(plan, "\n"), index) {
			t.Errorf("plan does not use %s:\n  %s", index, strings.Join(plan, "\n  "))
		}
	}
	sorted := map[string]store.ListQuery{
		"sort by field":               {SortField: "f1"},
		"sort by field, descending":   {SortField: "f1", Sort: "-"},
		"sort by field, later page":   {SortField: "f1", Cursor: store.ContactCursor(store.ListQuery{SortField: "f1"}, []string{"n:5", "id"})},
		"sort by field with a filter": {SortField: "f1", Status: "customer", Broad: true, Conditions: []store.Condition{{FieldID: "f2", Op: store.OpEq, Value: "o1"}}},
		"sort by field, filter on it": {SortField: "f1", Broad: true, Conditions: []store.Condition{{FieldID: "f1", Op: store.OpGt, Value: 10.0}}},
		"broad filter, sort by name":  {Broad: true, Conditions: []store.Condition{{FieldID: "f1", Op: store.OpEq, Value: "o1"}, {Op: store.OpHasTag, Value: "t1"}}},
	}
	for name, q := range sorted {
		t.Run(name, func(t *testing.T) {
			query, args, err := store.ContactListSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			assertIndexed(t, db, name, query, args, q.Cursor != "", true)
			if q.SortField != "" {
				uses(t, queryPlan(t, db, query, args), "custom_values_value")
			}
		})
	}
	filtered := map[string]store.Condition{
		"equals":       {FieldID: "f1", Op: store.OpEq, Value: "o1"},
		"greater than": {FieldID: "f1", Op: store.OpGt, Value: 10.0},
		"before":       {FieldID: "f1", Op: store.OpLt, Value: "2027-01-01"},
		"contains":     {FieldID: "f1", Op: store.OpContains, Value: "acme"},
		"is empty":     {FieldID: "f1", Op: store.OpEmpty},
		"has tag":      {Op: store.OpHasTag, Value: "t1"},
		"built-in":     {Column: "name", Op: store.OpContains, Value: "ceo"},
		"search text":  {Op: store.OpMatch, Value: `"acme"*`},
	}
	for name, c := range filtered {
		t.Run("filter "+name, func(t *testing.T) {
			q := store.ListQuery{Conditions: []store.Condition{c}}
			query, args, err := store.ContactListSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			assertIndexed(t, db, name, query, args, false, false)
			if c.FieldID != "" {
				uses(t, queryPlan(t, db, query, args), "custom_values")
			}
			query, args, err = store.CompanyListSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			assertIndexed(t, db, "companies "+name, query, args, false, false)
		})
	}
}
