package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestCompanyCustomSortPlans proves that sorting companies by a custom
// field walks custom_values_value in order: no sort of every match, and a
// later page seeks to its cursor.
func TestCompanyCustomSortPlans(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	cases := map[string]store.ListQuery{
		"sort by field":               {SortField: "f1"},
		"sort by field, descending":   {SortField: "f1", Sort: "-"},
		"sort by field, later page":   {SortField: "f1", Cursor: store.CompanyCursor(store.ListQuery{SortField: "f1"}, []string{"s:Gold", "id"})},
		"sort by field with an owner": {SortField: "f1", Owner: "u1", Broad: true},
		"sort by field, filter on it": {SortField: "f1", Broad: true, Conditions: []store.Condition{{FieldID: "f1", Op: store.OpGt, Value: 10.0}}},
		"sort by field with a tag":    {SortField: "f1", TagID: "t1", Broad: true},
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			query, args, err := store.CompanyListSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			assertIndexed(t, db, name, query, args, q.Cursor != "", true)
			if plan := strings.Join(queryPlan(t, db, query, args), "\n"); !strings.Contains(plan, "custom_values_value") {
				t.Errorf("plan does not use custom_values_value:\n  %s", plan)
			}
			count, countArgs := store.CompanyCountSQL(q)
			assertIndexed(t, db, name+" count", count, countArgs, false, false)
		})
	}
}
