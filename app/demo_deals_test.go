package app_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestDemoDeals(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	is.NoErr(app.BuildDemoFile(ctx, path, app.DemoOptions{Contacts: 200, Companies: 20, Deals: 300, Seed: 7}))
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	defer a.Close()
	p, err := a.DefaultPipeline(ctx, nil)
	is.NoErr(err)
	board, err := a.Board(ctx, nil, p.ID, store.DealQuery{Status: "open"})
	is.NoErr(err)
	is.Equal(board.Count, 300) // the open deals asked for
	closed, err := a.ListDeals(ctx, nil, store.DealQuery{Status: "won"})
	is.NoErr(err)
	lost, err := a.ListDeals(ctx, nil, store.DealQuery{Status: "lost"})
	is.NoErr(err)
	is.Equal(closed.Total+lost.Total, 150) // and half as many closed
	for _, col := range board.Columns {
		for i := 1; i < len(col.Cards); i++ {
			is.True(col.Cards[i-1].Position < col.Cards[i].Position) // valid, ordered ranks
		}
	}
	// Histories walk forward in time, ending where the deal is now.
	d, err := a.Deal(ctx, nil, board.Columns[3].Cards[0].ID)
	is.NoErr(err)
	h, err := a.DealStageHistory(ctx, nil, d.ID)
	is.NoErr(err)
	is.Equal(len(h.Stays), 4) // proposal is the fourth stage
	is.Equal(h.Stays[3].StageID, d.StageID)
	for i := 1; i < len(h.Stays); i++ {
		is.True(!h.Stays[i].Entered.Before(h.Stays[i-1].Entered))
	}
	is.True(h.Stays[0].Entered.After(time.Now().AddDate(-2, 0, -1)))
	is.Equal(h.Stays[len(h.Stays)-1].Entered, d.StageEnteredAt)
}
