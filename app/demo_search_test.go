package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestDemoSearchEntriesMatchARebuild: the demo writes its search entries
// as it makes the records; a rebuild from the stored records must give
// the same entries, and every word must find the same records.
func TestDemoSearchEntriesMatchARebuild(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	is.NoErr(ta.GenerateDemo(ctx, app.DemoOptions{Contacts: 400, Companies: 30, Seed: 5, Bulk: true}))
	problems, err := ta.SearchIndexProblems(ctx)
	is.NoErr(err)
	is.Equal(len(problems), 0) // one entry per live contact and company

	q := ta.DB().Reader()
	column := func(query string, args ...any) []string {
		rows, err := q.QueryContext(ctx, query, args...)
		is.NoErr(err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			is.NoErr(rows.Scan(&s))
			out = append(out, s)
		}
		is.NoErr(rows.Err())
		return out
	}
	// Words from every column of the index: names (Latin and CJK), emails,
	// company names, tags, custom values, titles and phone digits.
	terms := []string{"Enterprise", "Pro", "Free", "EMEA", "APAC", "Americas"}
	terms = append(terms, column(`SELECT DISTINCT first_name FROM contacts UNION SELECT DISTINCT last_name FROM contacts`)...)
	terms = append(terms, column(`SELECT value FROM contact_emails`)...)
	terms = append(terms, column(`SELECT DISTINCT name FROM companies`)...)
	terms = append(terms, column(`SELECT name FROM tags UNION SELECT DISTINCT title FROM contacts`)...)
	terms = append(terms, column(`SELECT substr(e164, 2) FROM contact_phones WHERE e164 <> ''`)...)
	snapshot := func() []string {
		out := column(`SELECT kind || ' ' || ref || ' ' || title || ' ' || subtitle || ' ' || coalesce(owner_id, '') FROM search_docs`)
		slices.Sort(out)
		for _, term := range terms {
			phrase := `"` + strings.ReplaceAll(term, `"`, `""`) + `"`
			refs := column(`SELECT d.ref FROM search_index i JOIN search_docs d ON d.rowid = i.rowid
				WHERE search_index MATCH ? ORDER BY d.ref`, phrase)
			out = append(out, term+": "+strings.Join(refs, " "))
		}
		return out
	}
	before := snapshot()
	is.True(len(terms) > 500)
	is.NoErr(ta.RebuildSearchIndex(ctx, nil))
	after := snapshot()
	is.Equal(len(after), len(before))
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("the demo's entry differs from a rebuild's:\n demo:    %.300s\n rebuilt: %.300s", before[i], after[i])
		}
	}
}
