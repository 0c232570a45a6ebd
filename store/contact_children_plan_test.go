package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestContactChildrenPlan proves that a page's emails, phones and tags are
// read by walking the page's ids and seeking each child table's index to
// each, not by scanning a child table or the tags, nor by sorting.
func TestContactChildrenPlan(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	plan := queryPlan(t, db, store.ContactChildrenSQL, []any{`["c1","c2"]`})
	for _, line := range plan {
		if fullScan.MatchString(line) || strings.Contains(line, "TEMP B-TREE") {
			t.Errorf("reads a whole table or sorts: %s\n  %s", line, strings.Join(plan, "\n  "))
		}
	}
	for _, seek := range []string{"SEARCH e USING PRIMARY KEY (contact_id=?)",
		"SEARCH p USING PRIMARY KEY (contact_id=?)", "contact_tags_contact (contact_id=?)", "SEARCH t USING INDEX"} {
		if !strings.Contains(strings.Join(plan, "\n"), seek) {
			t.Errorf("plan lacks %q:\n  %s", seek, strings.Join(plan, "\n  "))
		}
	}
}
