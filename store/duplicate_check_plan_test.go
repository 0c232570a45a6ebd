package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"rolo/app"
	"rolo/store"
)

// TestDuplicateCheckPlans proves every lookup of the duplicate check on
// entry reads an index, on an empty database and on one whose statistics
// the planner has read: the check runs on every contact save.
func TestDuplicateCheckPlans(t *testing.T) {
	t.Parallel()
	args := map[string][]any{
		"email":          {`["ana.lima@example.com"]`, 11},
		"phone":          {`["+14155550134"]`, 11},
		"name":           {"ana lima", 11},
		"company":        {"c1", 2000},
		"company_domain": {"acme.example", 10},
		"company_name":   {"acme", 10},
	}
	wantIndex := map[string]string{
		"email": "contact_emails_value", "phone": "contact_phones_e164", "name": "contacts_name",
		"company": "contacts_company", "company_domain": "companies_domain", "company_name": "companies_name",
	}
	check := func(t *testing.T, db *store.DB) {
		if len(store.DuplicateCheckQueries) != len(args) {
			t.Fatalf("%d queries, %d tested", len(store.DuplicateCheckQueries), len(args))
		}
		for name, query := range store.DuplicateCheckQueries {
			assertIndexed(t, db, name, query, args[name], false, false)
			if plan := strings.Join(queryPlan(t, db, query, args[name]), "\n"); !strings.Contains(plan, wantIndex[name]) {
				t.Errorf("%s does not use %s:\n  %s", name, wantIndex[name], plan)
			}
		}
	}
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		check(t, MustOpenDB(t))
	})
	t.Run("analyzed", func(t *testing.T) {
		t.Parallel()
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "demo.db")
		if err := app.BuildDemoFile(ctx, path, app.DemoOptions{Contacts: 2000, Companies: 200, Seed: 5}); err != nil {
			t.Fatal(err)
		}
		db, err := store.Open(ctx, path, store.Options{MustExist: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.Exec("ANALYZE"); return err }); err != nil {
			t.Fatal(err)
		}
		check(t, db)
	})
}
