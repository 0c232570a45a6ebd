package app_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"rolo/app"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testApp is an App on a fresh temp database with a pinned clock and
// instant throttling delays (their length is recorded instead).
type testApp struct {
	*app.App
	clock  *clock
	mu     sync.Mutex
	slept  []time.Duration
	dbPath string
}

func (ta *testApp) sleeps() []time.Duration {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	return append([]time.Duration(nil), ta.slept...)
}

func mustOpenApp(tb testing.TB) *testApp {
	tb.Helper()
	ta := &testApp{clock: &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}}
	ta.dbPath = filepath.Join(tb.TempDir(), "rolo.db")
	a, err := app.Open(context.Background(), ta.dbPath, app.Config{
		Now: ta.clock.Now,
		Sleep: func(_ context.Context, d time.Duration) {
			ta.mu.Lock()
			ta.slept = append(ta.slept, d)
			ta.mu.Unlock()
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	ta.App = a
	return ta
}

// mustSetup creates the first admin.
func mustSetup(tb testing.TB, ta *testApp) *app.User {
	tb.Helper()
	u, err := ta.Setup(context.Background(), "", app.NewUser{Name: "Ada Admin", Email: "ada@example.com", Password: "correct horse"})
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func fieldProblem(err error, field string) string {
	e := app.AsError(err)
	return e.Fields[field]
}
