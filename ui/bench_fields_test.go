package ui_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"testing"

	"rolo/app"
)

// BenchmarkCustomFieldList is issue 6's "a filtered, sorted list page on a
// custom field ≤ 10 ms with an index", on 100,000 contacts that each hold
// a number and a select value. It reports the index's size on disk.
func BenchmarkCustomFieldList(b *testing.B) {
	// Keys of its own: the demo has a seats and a plan field already.
	h, cookie, a := benchServer(b)
	ctx := context.Background()
	seats, err := a.CreateCustomField(ctx, nil, "contact", app.FieldInput{Key: "bench_seats", Label: "Bench seats", Type: "number"})
	if err != nil {
		b.Fatal(err)
	}
	plan, err := a.CreateCustomField(ctx, nil, "contact", app.FieldInput{Key: "bench_plan", Label: "Bench plan", Type: "select",
		Options: []app.FieldOption{{Label: "Free"}, {Label: "Pro"}, {Label: "Enterprise"}}})
	if err != nil {
		b.Fatal(err)
	}
	rows, err := a.DB().Reader().QueryContext(ctx, `SELECT id FROM contacts`)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	r := rand.New(rand.NewPCG(6, 6))
	err = a.DB().Write(ctx, func(tx *app.Tx) error {
		for _, id := range ids {
			if err := setFieldValue(tx, seats.ID, id, float64(r.IntN(1000))); err != nil {
				return err
			}
			if err := setFieldValue(tx, plan.ID, id, plan.Options[r.IntN(3)].ID); err != nil {
				return err
			}
		}
		_, err := tx.Exec("ANALYZE")
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	var indexBytes, tableBytes int64
	if err := a.DB().Reader().QueryRowContext(ctx, `SELECT
		(SELECT sum(pgsize) FROM dbstat WHERE name = 'custom_values_value'),
		(SELECT sum(pgsize) FROM dbstat WHERE name = 'custom_values')`).Scan(&indexBytes, &tableBytes); err != nil {
		b.Logf("dbstat: %v", err)
	}
	b.Logf("%d contacts × 2 values: custom_values %.1f MB, custom_values_value index %.1f MB", len(ids), float64(tableBytes)/1e6, float64(indexBytes)/1e6)

	deep := func(query string, pages int) string {
		for range pages {
			rec := serve(b, h, cookie, "GET", "/contacts?"+query, "")
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: %d %s", query, rec.Code, rec.Body.String())
			}
			c := nextCursor(rec.Body.String())
			if c == "" {
				b.Fatal("no next page for " + query)
			}
			q, _ := url.ParseQuery(query)
			q.Set("cursor", c)
			query = q.Encode()
		}
		return query
	}
	cases := []struct{ name, query string }{
		{"sort by number field", "sort=-cf.bench_seats"},
		{"broad select filter, sort by number field", url.Values{"q": {"bench_plan:pro"}, "sort": {"-cf.bench_seats"}}.Encode()},
		{"deep page, broad filter, sort by field", deep(url.Values{"q": {"bench_plan:pro"}, "sort": {"cf.bench_seats"}}.Encode(), 20)},
		{"range filter, sort by field", url.Values{"q": {"bench_seats:>500 bench_plan:enterprise"}, "sort": {"cf.bench_seats"}}.Encode()},
		{"narrow filter, sort by name", url.Values{"q": {"bench_seats:>997"}, "sort": {"name"}}.Encode()},
		{"custom filter with status, sort by name", url.Values{"q": {"bench_plan:free status:customer"}}.Encode()},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			var l latencies
			for b.Loop() {
				l.time(func() {
					if rec := serve(b, h, cookie, "GET", "/contacts?"+tc.query, ""); rec.Code != http.StatusOK {
						b.Fatal(rec.Code)
					}
				})
			}
			l.report(b)
		})
	}
}

// setFieldValue stores one custom value as the bulk fixtures need it,
// without the per-record rules the app applies.
func setFieldValue(tx *app.Tx, fieldID, recordID string, value any) error {
	_, err := tx.Exec(`INSERT OR REPLACE INTO custom_values (field_id, record_id, value, currency) VALUES (?, ?, ?, '')`, fieldID, recordID, value)
	return err
}
