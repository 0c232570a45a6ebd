package app_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"rolo/app"
	"rolo/store"
)

// benchDB returns a database with n generated contacts and n/10
// companies, built once and cached in the temp dir.
func benchDB(b *testing.B, contacts int) string {
	b.Helper()
	path, err := app.CachedDemoFile(context.Background(), os.TempDir(), app.DemoOptions{Contacts: contacts, Companies: contacts / 10, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// copyOf copies a cached database for benchmarks that write.
func copyOf(b *testing.B, path string) string {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(b.TempDir(), "rolo.db")
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return dst
}

// latencies records each iteration's duration and reports percentiles.
type latencies []time.Duration

func (l *latencies) time(fn func()) {
	start := time.Now()
	fn()
	*l = append(*l, time.Since(start))
}

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	at := func(p float64) float64 { return float64(l[int(p*float64(len(l)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(0, "ns/op") // the percentiles are the figures the budget speaks of
}

// BenchmarkContactList measures the app call behind the contact list page
// on 100,000 contacts: the first page, and a deep page filtered and sorted.
func BenchmarkContactList(b *testing.B) {
	ctx := context.Background()
	a, err := app.Open(ctx, benchDB(b, 100_000), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	deep := func(q store.ListQuery) store.ListQuery {
		// Walk 20 pages in to find a deep cursor.
		for range 20 {
			page, err := a.ListContacts(ctx, nil, q)
			if err != nil || page.NextCursor == "" {
				b.Fatal("could not page deep", err)
			}
			q.Cursor = page.NextCursor
		}
		return q
	}
	tag, err := a.TagByName(ctx, "vip")
	if err != nil {
		b.Fatal(err)
	}
	for name, q := range map[string]store.ListQuery{
		"first page":                      {Sort: "name"},
		"deep page status filter by name": deep(store.ListQuery{Sort: "name", Status: "customer"}),
		"deep page by owner":              deep(store.ListQuery{Sort: "owner"}),
		"deep page tag filter by updated": deep(store.ListQuery{Sort: "-updated", TagID: tag.ID}),
	} {
		b.Run(name, func(b *testing.B) {
			var l latencies
			for b.Loop() {
				l.time(func() {
					if _, err := a.ListContacts(ctx, nil, q); err != nil {
						b.Fatal(err)
					}
				})
			}
			l.report(b)
		})
	}
}

// BenchmarkContactCreate measures creating one contact with two emails, a
// phone and tags in a 100,000-contact database.
func BenchmarkContactCreate(b *testing.B) {
	ctx := context.Background()
	a, err := app.Open(ctx, copyOf(b, benchDB(b, 100_000)), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	var l latencies
	i := 0
	for b.Loop() {
		i++
		l.time(func() {
			_, err := a.CreateContact(ctx, nil, app.ContactInput{
				FirstName: "Bench", LastName: fmt.Sprint(i), Emails: []store.Labeled{{Value: fmt.Sprintf("bench%d@example.com", i)}, {Value: fmt.Sprintf("b%d@example.org", i)}},
				Phones: []store.Labeled{{Value: "+1 415 555 0100"}}, Tags: []string{"vip", "bench"},
			})
			if err != nil {
				b.Fatal(err)
			}
		})
	}
	l.report(b)
}

// BenchmarkSearch measures full-text search on generated contacts: Latin
// prefixes, CJK names of one to three characters, phone numbers.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{100_000} {
		ctx := context.Background()
		a, err := app.Open(ctx, benchDB(b, n), app.Config{})
		if err != nil {
			b.Fatal(err)
		}
		defer a.Close()
		for _, q := range []string{"zoë", "müller", "jo", "olivia smith", "민수", "김", "山田太郎", "王", "person123", "010", "example.jp"} {
			b.Run(fmt.Sprintf("%d/%s", n, q), func(b *testing.B) {
				var l latencies
				for b.Loop() {
					l.time(func() {
						if _, err := a.Search(ctx, nil, q, 20); err != nil {
							b.Fatal(err)
						}
					})
				}
				l.report(b)
			})
		}
	}
}
