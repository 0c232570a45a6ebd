package app_test

import (
	"context"
	"os"
	"testing"

	"rolo/app"
	"rolo/store"
)

// The parallel benchmarks measure what a busy team costs: 16 goroutines
// on a 2-core machine, so ns/op is wall time per call with both cores
// busy, about half the CPU time one call takes. They call the app the way
// the handlers do, with a cancellable context like a request's.

// parallel runs fn from 8 goroutines per core until the benchmark ends.
func parallel(b *testing.B, fn func(ctx context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.SetParallelism(8)
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := fn(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
	// On a shared machine wall time swings with the neighbours' load; the
	// CPU time the process spent per call is steadier.
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// benchUser is a demo user of the cached database, by email.
func benchUser(b *testing.B, a *app.App, email string) app.Actor {
	b.Helper()
	u, err := a.UserByEmail(context.Background(), email)
	if err != nil {
		b.Fatal(err)
	}
	return u
}

// BenchmarkReadParallel is the read path of the contact list API, the
// contact page and search on 100,000 contacts, as a manager sees them.
func BenchmarkReadParallel(b *testing.B) {
	ctx := context.Background()
	a, err := app.Open(ctx, benchDB(b, 100_000), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	manager := benchUser(b, a, "demo3-1@rolo.example")
	// page is what GET /api/v1/contacts reads: a page of whole contacts.
	page := func(ctx context.Context, q store.ListQuery) error {
		_, err := a.ListContactRecords(ctx, manager, q)
		return err
	}
	tag, err := a.TagByName(ctx, "vip")
	if err != nil {
		b.Fatal(err)
	}
	first, err := a.ListContacts(ctx, manager, store.ListQuery{Sort: "name"})
	if err != nil {
		b.Fatal(err)
	}
	id := first.Rows[0].ID
	// Row 50,000 by name, as in the issue: a thousand pages in.
	deep := func() store.ListQuery {
		q := store.ListQuery{Sort: "name"}
		for range 1000 {
			list, err := a.ListContacts(ctx, manager, q)
			if err != nil || list.NextCursor == "" {
				b.Fatal("could not page deep", err)
			}
			q.Cursor = list.NextCursor
		}
		return q
	}
	for _, c := range []struct {
		name string
		q    func() store.ListQuery
	}{
		{"api first page", func() store.ListQuery { return store.ListQuery{Sort: "name"} }},
		{"api row 50000", deep},
		{"api tag filter", func() store.ListQuery { return store.ListQuery{Sort: "name", TagID: tag.ID} }},
		{"api status filter", func() store.ListQuery { return store.ListQuery{Sort: "name", Status: "customer"} }},
	} {
		b.Run(c.name, func(b *testing.B) {
			q := c.q()
			parallel(b, func(ctx context.Context) error {
				return page(ctx, q)
			})
		})
	}
	b.Run("list rows first page", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			_, err := a.ListContacts(ctx, manager, store.ListQuery{Sort: "name"})
			return err
		})
	})
	b.Run("contact by id", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			_, err := a.Contact(ctx, manager, id)
			return err
		})
	})
	b.Run("search", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			_, err := a.Search(ctx, manager, "smith", 20)
			return err
		})
	})
}

// BenchmarkDayParallel is the Today page's and a contact page's reads
// with 1,000,000 activities and 100,000 tasks, as a salesperson with a
// fifth of the tasks.
func BenchmarkDayParallel(b *testing.B) {
	ctx := context.Background()
	path, err := app.CachedDemoFile(ctx, os.TempDir(), app.DemoOptions{Contacts: 100_000, Companies: 10_000, Seed: 1, Activities: 1_000_000, Tasks: 100_000})
	if err != nil {
		b.Fatal(err)
	}
	a, err := app.Open(ctx, path, app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	sales := benchUser(b, a, "demo1-1@rolo.example")
	var id string
	if err := a.DB().Reader().QueryRowContext(ctx, `SELECT id FROM contacts ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		b.Fatal(err)
	}
	ref := app.RecordRef{Entity: "contact", ID: id}
	b.Run("today", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			_, err := a.Today(ctx, sales)
			return err
		})
	})
	// The contact page's reads, as its handler makes them.
	open := false
	b.Run("contact with timeline", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			if _, err := a.Contact(ctx, sales, id); err != nil {
				return err
			}
			if _, err := a.Timeline(ctx, sales, ref, "", 0); err != nil {
				return err
			}
			if _, err := a.ListTasks(ctx, sales, store.TaskQuery{Record: ref, Done: &open, Limit: 20}); err != nil {
				return err
			}
			if _, err := a.DealsOf(ctx, sales, "contact", id, 20); err != nil {
				return err
			}
			if _, _, err := a.KeepInTouchOf(ctx, sales, id); err != nil {
				return err
			}
			_, err := a.Team(ctx, sales)
			return err
		})
	})
	b.Run("badges", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			_, err := a.Badges(ctx, sales)
			return err
		})
	})
}

// BenchmarkAuthenticateParallel is the lookup every request makes: a
// browser's session cookie, or an API key, to its user.
func BenchmarkAuthenticateParallel(b *testing.B) {
	ctx := context.Background()
	a, err := app.Open(ctx, copyOf(b, benchDB(b, 100_000)), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	admin, err := a.CreateUser(ctx, nil, app.NewUser{Name: "Bench", Email: "bench@example.com", Role: app.RoleAdmin, Password: "bench password"})
	if err != nil {
		b.Fatal(err)
	}
	s, err := a.Login(ctx, "bench@example.com", "bench password", app.Client{Addr: "127.0.0.1"})
	if err != nil {
		b.Fatal(err)
	}
	key, err := a.CreateAPIKey(ctx, admin, app.APIKeyInput{Name: "bench", Scope: "read"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("session", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			_, err := a.Authenticate(ctx, s.Token)
			return err
		})
	})
	b.Run("api key", func(b *testing.B) {
		parallel(b, func(ctx context.Context) error {
			_, _, err := a.AuthenticateAPIKey(ctx, key.Token)
			return err
		})
	})
}
