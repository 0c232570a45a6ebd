package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestPickerSearchUsesTheIndexes: a picker asks the search index for one
// kind of record, for a user limited to their own records or not. Every
// such query must reach its rows through FTS5 and the indexes of
// search_docs, never by reading a table whole.
func TestPickerSearchUsesTheIndexes(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	for _, tc := range []struct {
		name  string
		owner string
		kinds []string
	}{
		{"every kind", "", nil},
		{"contacts", "", []string{"contact"}},
		{"companies of one owner", "u1", []string{"company"}},
		{"contacts and companies of one owner", "u1", []string{"contact", "company"}},
		{"one owner", "u1", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			query, args := store.SearchSQL(`"lima"*`, tc.owner, tc.kinds, 20)
			plan := queryPlan(t, db, query, args)
			text := strings.Join(plan, "\n")
			for _, line := range plan {
				// m is the subquery of at most searchCandidates matches.
				if fullScan.MatchString(strings.TrimSpace(line)) && strings.TrimSpace(line) != "SCAN m" {
					t.Fatalf("a table is read whole:\n%s", text)
				}
			}
			if !strings.Contains(text, "VIRTUAL TABLE INDEX") {
				t.Fatalf("the full-text index is not used:\n%s", text)
			}
			// "INDEX 192:=M5" would hand FTS5 the filter's rowids, and FTS5
			// would run the match once for each of them.
			if strings.Contains(text, ":=M") {
				t.Fatalf("the filter is pushed into FTS5 as rowids:\n%s", text)
			}
			if len(tc.kinds) > 0 && !strings.Contains(text, "USING COVERING INDEX") && !strings.Contains(text, "USING INDEX") {
				t.Fatalf("the kinds are not found through an index:\n%s", text)
			}
		})
	}
}
