package store_test

import (
	"testing"

	"github.com/matryer/is"

	"rolo/store"
)

// TestBroadIrrelevantListsReadTheSame: a list whose counts are not read
// (store.BroadIrrelevant) must be the statement it would be with them,
// broad or narrow; and the lists it skips reading for are the common ones.
func TestBroadIrrelevantListsReadTheSame(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	skipped := map[string]bool{}
	for _, sort := range append([]string{""}, store.Sorts...) {
		for _, field := range []string{"", "f1"} {
			for _, conds := range [][]store.Condition{nil, {{Column: "title", Op: "contains", Value: "buyer"}}} {
				for _, filters := range []store.ListQuery{{}, {Status: "customer"}, {TagID: "t1"}, {Owner: "u1"},
					{Company: "c1"}, {TagID: "t1", Status: "lead"}, {Owner: "none", Company: "c1"}} {
					q := filters
					q.Sort, q.SortField, q.Conditions, q.Limit = sort, field, conds, 50
					if !store.BroadIrrelevant(q) {
						continue
					}
					narrow, wide := q, q
					wide.Broad = true
					a, _, err := store.ContactListSQL(narrow)
					is.NoErr(err)
					b, _, err := store.ContactListSQL(wide)
					is.NoErr(err)
					is.Equal(a, b) // the same statement broad or narrow
					skipped[q.Sort+"|"+q.Status+"|"+q.TagID+"|"+q.Owner] = true
				}
			}
		}
	}
	is.True(skipped["name|customer||"]) // a status by name
	is.True(skipped["||t1|"])           // a tag by name
	is.True(skipped["-name||t1|"])
	is.True(skipped["name|||u1"]) // an owner
	is.True(!store.BroadIrrelevant(store.ListQuery{Sort: "created", Status: "customer"}))
	is.True(!store.BroadIrrelevant(store.ListQuery{Status: "customer", Conditions: []store.Condition{{Column: "title", Op: "contains", Value: "x"}}}))
}
