package store_test

import (
	"strings"
	"testing"

	"rolo/store"
)

// TestContactCardPlan proves that a card built on the fly seeks each
// child table's index to its contact (never a scan of a child table or of
// the tags, never a sort), and that the fill finds the contacts without a
// card through their partial index instead of reading every contact.
func TestContactCardPlan(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	plan := strings.Join(queryPlan(t, db, store.ContactCardReadSQL, []any{"c1"}), "\n")
	for _, line := range strings.Split(plan, "\n") {
		if fullScan.MatchString(line) || strings.Contains(line, "TEMP B-TREE") {
			t.Errorf("reads a whole table or sorts: %s\n%s", line, plan)
		}
	}
	for _, seek := range []string{"contact_emails USING PRIMARY KEY (contact_id=?)", "contact_phones USING PRIMARY KEY (contact_id=?)",
		"contact_tags_contact (contact_id=?)", "SEARCH t USING INDEX", "custom_values_record (record_id=?)"} {
		if !strings.Contains(plan, seek) {
			t.Errorf("plan lacks %q:\n%s", seek, plan)
		}
	}
	fill := strings.Join(queryPlan(t, db, store.FillCardsSQL, []any{500}), "\n")
	if !strings.Contains(fill, "contacts_card_missing") {
		t.Errorf("the fill does not find missing cards by their index:\n%s", fill)
	}
}
