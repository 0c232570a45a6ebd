package ui_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"rolo/app"
	"rolo/ui"
)

// The parallel benchmarks are what a busy team costs (issue 18): the whole
// handler chain — session lookup, middleware, the app, the template or
// JSON — from 16 goroutines on a 2-core machine, as one signed-in user the
// way `wrk -c16` with one API key is. With both cores busy, ns/op is wall
// time per request, about half the CPU time each request costs.

// parallelGet requests target until the benchmark ends, from 8 goroutines
// per core, and fails on any answer but 200. It reports the CPU time per
// request beside the wall time.
func parallelGet(b *testing.B, h http.Handler, cookie *http.Cookie, target string) {
	b.Helper()
	if rec := serve(b, h, cookie, http.MethodGet, target, ""); rec.Code != http.StatusOK {
		b.Fatalf("%s: %d %s", target, rec.Code, rec.Body.String())
	}
	b.SetParallelism(8)
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+target, nil)
			req.AddCookie(cookie)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Errorf("%s: %d", target, rec.Code)
				return
			}
		}
	})
	// Wall time swings with the neighbours' load on a shared machine; the
	// CPU time the process spent per request is steadier.
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// apiCursor pages query through the API n times and returns the query of
// the page reached, so a benchmark can ask for a page deep in the list.
func apiCursor(b *testing.B, h http.Handler, cookie *http.Cookie, query string, n int) string {
	b.Helper()
	q, _ := url.ParseQuery(query)
	for range n {
		rec := serve(b, h, cookie, http.MethodGet, "/api/v1/contacts?"+q.Encode(), "")
		var page struct {
			NextCursor *string `json:"next_cursor"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || page.NextCursor == nil {
			b.Fatalf("no next page for %s: %d", query, rec.Code)
		}
		q.Set("cursor", *page.NextCursor)
	}
	return q.Encode()
}

// BenchmarkReadPathParallel is issue 18's table on the 100,000-contact
// demo: the contact list API (first page, a page 50,000 rows deep, a tag
// and a status filter), one contact, search and the HTML list.
func BenchmarkReadPathParallel(b *testing.B) {
	defer ui.ServingGC()() // as rolo serve runs
	h, cookie, a := benchServer(b)
	var someone string
	if err := a.DB().Reader().QueryRowContext(context.Background(), `SELECT id FROM contacts ORDER BY id LIMIT 1 OFFSET 50000`).Scan(&someone); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, target string }{
		{"api contacts first page by name", "/api/v1/contacts?sort=name&limit=50"},
		{"api contacts row 50,000 by name", "/api/v1/contacts?" + apiCursor(b, h, cookie, "sort=name&limit=50", 1000)},
		{"api contacts tag filter", "/api/v1/contacts?tag=vip&sort=name&limit=50"},
		{"api contacts status filter", "/api/v1/contacts?status=customer&sort=name&limit=50"},
		{"api contact by id", "/api/v1/contacts/" + someone},
		{"api search", "/api/v1/search?q=smith"},
		{"html contact list", "/contacts?sort=name"},
	} {
		b.Run(c.name, func(b *testing.B) { parallelGet(b, h, cookie, c.target) })
	}
}

// BenchmarkBusyDatabaseParallel reads the pages a day starts with on a
// database of 100,000 contacts, 1,000,000 activities and 100,000 tasks:
// the Today page, and the contact page of the person with the longest
// timeline.
func BenchmarkBusyDatabaseParallel(b *testing.B) {
	cached, err := app.CachedDemoFile(context.Background(), os.TempDir(),
		app.DemoOptions{Contacts: 100_000, Companies: 10_000, Activities: 1_000_000, Tasks: 100_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer ui.ServingGC()() // as rolo serve runs
	h, cookie, a := benchServerOn(b, cached)
	var busiest string
	if err := a.DB().Reader().QueryRowContext(context.Background(),
		`SELECT entity_id FROM activity_links WHERE entity = 'contact' GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1`).Scan(&busiest); err != nil {
		b.Fatal(err)
	}
	b.Run("html today", func(b *testing.B) { parallelGet(b, h, cookie, "/") })
	b.Run("html contact page with timeline", func(b *testing.B) { parallelGet(b, h, cookie, "/contacts/"+busiest) })
}
