package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rolo/app"
	"rolo/ui"
)

// dealBenchServer serves a copy of a cached demo database whose sales
// pipeline holds 10,000 open deals (and 5,000 won or lost) with two years
// of stage history, as a logged-in admin.
func dealBenchServer(b *testing.B) (http.Handler, *http.Cookie, *app.App) {
	b.Helper()
	ctx := context.Background()
	cached, err := app.CachedDemoFile(ctx, os.TempDir(), app.DemoOptions{Contacts: 10_000, Companies: 1_000, Deals: 10_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(cached)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "rolo.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	a, err := app.Open(ctx, path, app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	if _, err := a.CreateUser(ctx, nil, app.NewUser{Name: "Bench", Email: "bench@example.com", Role: app.RoleAdmin, Password: "bench password"}); err != nil {
		b.Fatal(err)
	}
	s, err := a.Login(ctx, "bench@example.com", "bench password", app.Client{Addr: "127.0.0.1"})
	if err != nil {
		b.Fatal(err)
	}
	h, err := ui.NewServer(a, ui.Config{DBPath: path})
	if err != nil {
		b.Fatal(err)
	}
	return h, &http.Cookie{Name: "rolo_session", Value: s.Token}, a
}

// BenchmarkBoard is DESIGN.md's "kanban board with 10k open deals ≤ 50 ms",
// through the HTML handler: counts, per-currency totals and weighted
// totals of every column, and the first cards of each.
func BenchmarkBoard(b *testing.B) {
	h, cookie, a := dealBenchServer(b)
	p, err := a.DefaultPipeline(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	board, err := a.Board(context.Background(), nil, p.ID, app.DealQuery{Status: "open"})
	if err != nil || board.Count != 10_000 {
		b.Fatalf("want 10,000 open deals, have %d (%v)", board.Count, err)
	}
	owner := board.Columns[0].Cards[0].OwnerID
	for name, query := range map[string]string{
		"open deals":           "",
		"all outcomes":         "?status=all",
		"one owner":            "?owner=" + owner,
		"closing this quarter": "?close_from=2026-10-01&close_to=2026-12-31",
	} {
		b.Run(name, func(b *testing.B) {
			var l latencies
			for b.Loop() {
				l.time(func() {
					rec := serve(b, h, cookie, "GET", "/pipelines/"+p.ID+"/board"+query, "")
					if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "deal-card") {
						b.Fatal(rec.Code)
					}
				})
			}
			l.report(b)
		})
	}
	b.Run("list view, highest value first", func(b *testing.B) {
		var l latencies
		for b.Loop() {
			l.time(func() {
				if rec := serve(b, h, cookie, "GET", "/pipelines/"+p.ID+"/list?sort=-value", ""); rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
			})
		}
		l.report(b)
	})
}

// BenchmarkDealMove measures moving a deal as dragging its card does: a
// POST to /api/v1/deals/{id}/move with the card it lands after, in a
// pipeline of 10,000 open deals (history row, audit entry, new rank).
func BenchmarkDealMove(b *testing.B) {
	h, cookie, a := dealBenchServer(b)
	p, err := a.DefaultPipeline(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	board, err := a.Board(context.Background(), nil, p.ID, app.DealQuery{Status: "open"})
	if err != nil {
		b.Fatal(err)
	}
	from, to := board.Columns[0], board.Columns[1]
	post := func(b *testing.B, id, body string) {
		req := httptest.NewRequest("POST", "http://127.0.0.1/api/v1/deals/"+id+"/move", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
	b.Run("to another column", func(b *testing.B) {
		var l latencies
		i := 0
		for b.Loop() {
			card := from.Cards[i%len(from.Cards)]
			target, anchor := to, to.Cards[(i*7)%len(to.Cards)]
			if (i/len(from.Cards))%2 == 1 { // every card went over: bring them back
				target, anchor = from, from.Cards[(i*7)%len(from.Cards)]
			}
			i++
			body := fmt.Sprintf(`{"stage_id": %q, "after_id": %q}`, target.Stage.ID, anchor.ID)
			l.time(func() { post(b, card.ID, body) })
		}
		l.report(b)
	})
	b.Run("within its column", func(b *testing.B) {
		var l latencies
		i := 0
		for b.Loop() {
			card, anchor := to.Cards[i%len(to.Cards)], to.Cards[(i*13+5)%len(to.Cards)]
			i++
			body := fmt.Sprintf(`{"stage_id": %q, "before_id": %q}`, to.Stage.ID, anchor.ID)
			l.time(func() { post(b, card.ID, body) })
		}
		l.report(b)
	})
}
