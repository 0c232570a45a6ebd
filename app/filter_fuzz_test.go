package app_test

import (
	"context"
	"path/filepath"
	"testing"

	"rolo/app"
	"rolo/store"
)

// FuzzFilterQuery feeds arbitrary text to the filter syntax of the
// contact, company and deal lists: it is either refused as invalid input
// (which names the part not understood) or runs as a query. Never an
// internal error, a panic or a SQL error. Seeds in
// testdata/fuzz/FuzzFilterQuery; run longer with
// go test ./app -run '^$' -fuzz FuzzFilterQuery.
func FuzzFilterQuery(f *testing.F) {
	for _, seed := range []string{`tag:vip status:customer created:>2026-01-01 "acme"`, "seats:>10 plan:pro", "renewal:<30d", "owner:me -tag:x",
		"score:>=50", "value:>1000 stage:won", `"unclosed`, "seats:>abc", "plan:", ":::", "created:>2026-13-45", "tag:'; DROP TABLE contacts; --",
		"名前:山田", "a OR b", "-", "seats:>1e308", "renewal:>9999-12-31", "\x00", "colour:red"} {
		f.Add(seed)
	}
	ctx := context.Background()
	a, err := app.Open(ctx, filepath.Join(f.TempDir(), "rolo.db"), app.Config{})
	if err != nil {
		f.Fatal(err)
	}
	defer a.Close()
	for entity, fields := range map[string][]app.FieldInput{
		"contact": {{Key: "seats", Label: "Seats", Type: "number"}, {Key: "renewal", Label: "Renewal", Type: "date"},
			{Key: "plan", Label: "Plan", Type: "select", Options: []app.FieldOption{{Label: "Free"}, {Label: "Pro"}}}},
		"company": {{Key: "region", Label: "Region", Type: "text"}},
		"deal":    {{Key: "won_reason", Label: "Won reason", Type: "text"}},
	} {
		for _, in := range fields {
			if _, err := a.CreateCustomField(ctx, nil, entity, in); err != nil {
				f.Fatal(err)
			}
		}
	}
	if _, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ada", CustomFields: app.CustomValues{"seats": float64(12)}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, entity := range []string{"contact", "company"} {
			lq := store.ListQuery{Limit: 5}
			err := a.ListQueryFor(ctx, nil, entity, text, &lq)
			if err == nil {
				if entity == "contact" {
					_, err = a.ListContacts(ctx, nil, lq)
				} else {
					_, err = a.ListCompanies(ctx, nil, lq)
				}
			}
			if err != nil && app.ErrorCode(err) != app.EInvalid {
				t.Fatalf("%s list, query %q: %v", entity, text, err)
			}
		}
		dq := store.DealQuery{Limit: 5}
		err := a.DealQueryFor(ctx, nil, text, &dq)
		if err == nil {
			_, err = a.ListDeals(ctx, nil, dq)
		}
		if err != nil && app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("deal list, query %q: %v", text, err)
		}
	})
}
