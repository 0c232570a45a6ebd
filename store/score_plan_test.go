package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestScorePlans proves that the lead score's sort walks
// contact_scores_score in order (no sort of all matches), that a later
// page seeks to its cursor, and that a filter a never-scored contact
// cannot pass reads a range of the same index.
func TestScorePlans(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	uses := func(t *testing.T, plan []string, index string) {
		t.Helper()
		if !strings.Contains(strings.Join(plan, "\n"), index) {
			t.Errorf("plan does not use %s:\n  %s", index, strings.Join(plan, "\n  "))
		}
	}
	above := store.Condition{Column: "score", Op: store.OpGt, Value: 50}
	queries := map[string]struct {
		q      store.ListQuery
		sorted bool
	}{
		"sort by score":                {store.ListQuery{SortField: store.ScoreSort, Sort: "-"}, true},
		"sort by score, ascending":     {store.ListQuery{SortField: store.ScoreSort}, true},
		"sort by score, later page":    {store.ListQuery{SortField: store.ScoreSort, Sort: "-", Cursor: store.ContactCursor(store.ListQuery{SortField: store.ScoreSort, Sort: "-"}, []string{"n:50", "id"})}, true},
		"sort by score, filter on it":  {store.ListQuery{SortField: store.ScoreSort, Sort: "-", Broad: true, Conditions: []store.Condition{above}}, true},
		"sort by score with a filter":  {store.ListQuery{SortField: store.ScoreSort, Sort: "-", Status: "lead", Broad: true}, true},
		"filter score:>50, narrow":     {store.ListQuery{Conditions: []store.Condition{above}}, false},
		"filter score:>50, broad":      {store.ListQuery{Broad: true, Conditions: []store.Condition{above}}, false},
		"filter score:<10 (0 passes)":  {store.ListQuery{Conditions: []store.Condition{{Column: "score", Op: store.OpLt, Value: 10}}}, false},
		"filter score:>50, by created": {store.ListQuery{Sort: "-created", Conditions: []store.Condition{above}}, false},
	}
	for name, tc := range queries {
		t.Run(name, func(t *testing.T) {
			query, args, err := store.ContactListSQL(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			assertIndexed(t, db, name, query, args, tc.q.Cursor != "", tc.q.Broad || tc.sorted)
			plan := queryPlan(t, db, query, args)
			if tc.sorted || name == "filter score:>50, narrow" {
				uses(t, plan, "contact_scores_score")
			}
		})
	}
}
