package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestPickerSearchUsesTheIndexes: a picker asks the search index for one
// kind of record, for a user limited to their own records or not. Every
// such query must reach its rows through FTS5 and the primary key of
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
				if fullScan.MatchString(strings.TrimSpace(line)) {
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
			// Each match is joined to its entry by rowid, where the owner
			// and kind are tested: no list of the owner's or the kind's
			// rowids is built first.
			if !strings.Contains(text, "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)") || strings.Contains(text, "LIST SUBQUERY") {
				t.Fatalf("the entries are not read by rowid from the matches:\n%s", text)
			}
			// FTS5 hands the matches over newest first: nothing is sorted,
			// so the query stops after limit of them.
			if strings.Contains(text, "TEMP B-TREE") {
				t.Fatalf("the matches are sorted:\n%s", text)
			}
		})
	}
}
