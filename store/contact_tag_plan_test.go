package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestTagListByNameStartsAtTheTag proves that a tag's contacts by name,
// first page or later, broad tag or narrow, walk the tag's links in name
// order (contact_tags_name) and look up only the contacts shown: no walk
// of every contact by name probing for the tag, and no sort.
func TestTagListByNameStartsAtTheTag(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	for _, sort := range []string{"", "name", "-name"} {
		for _, broad := range []bool{false, true} {
			for _, later := range []bool{false, true} {
				q := store.ListQuery{TagID: "t1", Sort: sort, Broad: broad, Status: "lead"}
				if later {
					q.Cursor = store.ContactCursor(q, []string{"n", "id"})
				}
				for name, build := range map[string]func(store.ListQuery) (string, []any, error){
					"list": store.ContactListSQL, "records": store.ContactRecordsSQL} {
					query, args, err := build(q)
					if err != nil {
						t.Fatal(err)
					}
					plan := strings.Join(queryPlan(t, db, query, args), "\n")
					if !strings.Contains(plan, "SEARCH l USING COVERING INDEX contact_tags_name (tag_id=?") ||
						!strings.Contains(plan, "SEARCH c USING INDEX sqlite_autoindex_contacts_1 (id=?)") || strings.Contains(plan, "TEMP B-TREE") {
						t.Errorf("%s sort %q broad %v later %v:\n%s", name, sort, broad, later, plan)
					}
				}
			}
		}
	}
}
