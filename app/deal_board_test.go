package app_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestBoardTotalsPerCurrency(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	demo := stages["demo"] // 40 %
	mustDeal(t, ta, admin, app.DealInput{Title: "A", StageID: demo.ID, Currency: "USD", Amount: "1000.00", NoOwner: true})
	mustDeal(t, ta, admin, app.DealInput{Title: "B", StageID: demo.ID, Currency: "USD", Amount: "250.25", NoOwner: true})
	mustDeal(t, ta, admin, app.DealInput{Title: "C", StageID: demo.ID, Currency: "KRW", Amount: "3,000,000", NoOwner: true})
	mustDeal(t, ta, admin, app.DealInput{Title: "D", StageID: stages["proposal"].ID, Currency: "KRW", Amount: "1000000", OwnerID: admin.ID})
	lost := mustDeal(t, ta, admin, app.DealInput{Title: "E", StageID: demo.ID, Currency: "EUR", Amount: "5", NoOwner: true})
	_, err := ta.CloseDeal(ctx, admin, lost.ID, "lost", "Price")
	is.NoErr(err)

	board, err := ta.Board(ctx, admin, p.ID, store.DealQuery{Status: "open"})
	is.NoErr(err)
	col := board.Columns[2]
	is.Equal(col.Stage.ID, demo.ID)
	is.Equal(col.Count, 3)
	is.Equal(col.Totals, []app.Money{{Value: 3000000, Currency: "KRW"}, {Value: 125025, Currency: "USD"}})  // never added together
	is.Equal(col.Weighted, []app.Money{{Value: 1200000, Currency: "KRW"}, {Value: 50010, Currency: "USD"}}) // 40 %, rounded
	is.Equal(board.Totals, []app.Money{{Value: 4000000, Currency: "KRW"}, {Value: 125025, Currency: "USD"}})
	is.Equal(board.Count, 4)
	lostCol := board.Columns[6]
	is.Equal(lostCol.Count, 0) // open deals only

	all, err := ta.Board(ctx, admin, p.ID, store.DealQuery{})
	is.NoErr(err)
	is.Equal(all.Columns[6].Totals, []app.Money{{Value: 500, Currency: "EUR"}})
	mine, err := ta.Board(ctx, admin, p.ID, store.DealQuery{Owner: admin.ID})
	is.NoErr(err)
	is.Equal(mine.Count, 1) // filtered by owner
	is.Equal(mine.Columns[3].Cards[0].Title, "D")
}

func TestConcurrentCardMoves(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	var deals []app.Deal
	for i := range 12 {
		deals = append(deals, mustDeal(t, ta, admin, app.DealInput{Title: fmt.Sprint("deal ", i), StageID: stages["demo"].ID, Place: store.Place{Bottom: true}}))
	}
	anchor := deals[0]

	// Two users drop two different cards right after the same card at the
	// same moment: both land there, in some order, on distinct places.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, d := range []app.Deal{deals[5], deals[9]} {
		wg.Go(func() {
			_, errs[i] = ta.MoveDeal(ctx, admin, d.ID, stages["demo"].ID, store.Place{After: anchor.ID}, "")
		})
	}
	wg.Wait()
	is.NoErr(errs[0])
	is.NoErr(errs[1])
	board, err := ta.Board(ctx, admin, p.ID, store.DealQuery{})
	is.NoErr(err)
	cards := board.Columns[2].Cards
	is.Equal(len(cards), 12)
	is.Equal(cards[0].ID, anchor.ID)
	next := []string{cards[1].ID, cards[2].ID}
	slices.Sort(next)
	want := []string{deals[5].ID, deals[9].ID}
	slices.Sort(want)
	is.Equal(next, want) // both right after the anchor

	// Many people moving many cards between two columns at once: every
	// card ends somewhere, once, and no two share a place.
	var moves sync.WaitGroup
	for i, d := range deals {
		moves.Go(func() {
			target := stages["demo"].ID
			if i%2 == 0 {
				target = stages["proposal"].ID
			}
			neighbour := deals[(i+3)%len(deals)].ID
			if _, err := ta.MoveDeal(ctx, admin, d.ID, target, store.Place{Before: neighbour}, ""); err != nil {
				t.Error(err)
			}
		})
	}
	moves.Wait()
	board, err = ta.Board(ctx, admin, p.ID, store.DealQuery{})
	is.NoErr(err)
	seen := map[string]bool{}
	for _, col := range board.Columns {
		for i, c := range col.Cards {
			is.True(!seen[c.ID]) // no card twice
			seen[c.ID] = true
			if i > 0 {
				is.True(col.Cards[i-1].Position < c.Position) // strictly ordered: no duplicates
			}
		}
	}
	is.Equal(len(seen), len(deals))
	is.Equal(len(board.Columns[2].Cards), 6)
	is.Equal(len(board.Columns[3].Cards), 6)
}

func TestDealTrashAndAudit(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	d := mustDeal(t, ta, admin, app.DealInput{Title: "Trash me", StageID: stages["demo"].ID, Tags: []string{"keep"}})
	neighbour := mustDeal(t, ta, admin, app.DealInput{Title: "Neighbour", StageID: stages["demo"].ID})

	is.NoErr(ta.TrashDeal(ctx, admin, d.ID))
	board, _ := ta.Board(ctx, admin, p.ID, store.DealQuery{})
	is.Equal(board.Count, 1) // gone from the board
	list, err := ta.ListDeals(ctx, admin, store.DealQuery{Trashed: true})
	is.NoErr(err)
	is.Equal(list.Total, 1)
	is.Equal(list.Rows[0].DeletedByName, "Ada Admin")
	_, err = ta.MoveDeal(ctx, admin, d.ID, stages["proposal"].ID, store.Place{}, "")
	is.Equal(app.ErrorCode(err), app.ENotFound) // a trashed deal does not move

	// Its old place is taken meanwhile; restoring finds a free one.
	_, err = ta.MoveDeal(ctx, admin, neighbour.ID, stages["demo"].ID, store.Place{}, "")
	is.NoErr(err)
	is.NoErr(ta.RestoreDeal(ctx, admin, d.ID))
	got, _ := ta.Deal(ctx, admin, d.ID)
	is.Equal(len(got.Tags), 1) // with its tags
	board, _ = ta.Board(ctx, admin, p.ID, store.DealQuery{})
	is.Equal(board.Count, 2)
	is.Equal(board.Columns[2].Cards[0].ID, d.ID) // back at the top of its column

	entries, err := ta.History(ctx, admin, "deal", d.ID, 10)
	is.NoErr(err)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	is.Equal(actions, []string{"deal.restored", "deal.deleted", "deal.created"})
	is.Equal(entries[2].Name, "Trash me")

	is.NoErr(ta.TrashDeal(ctx, admin, d.ID))
	n, err := ta.EmptyTrash(ctx, admin)
	is.NoErr(err)
	is.Equal(n, 1)
	log, err := ta.AuditLog(ctx, admin, store.AuditQuery{Action: "deal.purged"})
	is.NoErr(err)
	is.Equal(log.Entries[0].EntityID, d.ID)
}

func TestRottingDeals(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	sam, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	p, stages := salesPipeline(t, ta) // first outreach rots after 14 days, demo after 21
	old := mustDeal(t, ta, admin, app.DealInput{Title: "Waiting", OwnerID: sam.ID})
	ta.clock.Add(10 * 24 * time.Hour)
	mustDeal(t, ta, admin, app.DealInput{Title: "Fresh", OwnerID: sam.ID})
	demo := mustDeal(t, ta, admin, app.DealInput{Title: "Demo done", StageID: stages["demo"].ID, OwnerID: admin.ID})
	won := mustDeal(t, ta, admin, app.DealInput{Title: "Won long ago", StageID: stages["won"].ID})
	ta.clock.Add(15 * 24 * time.Hour)

	rotting, err := ta.RottingDeals(ctx, nil, "", 10)
	is.NoErr(err)
	var titles []string
	for _, r := range rotting {
		titles = append(titles, r.Title)
	}
	is.Equal(titles, []string{"Waiting", "Fresh"}) // most overdue first; demo's limit is 21 days
	is.Equal(rotting[0].DaysInStage, 25)
	is.Equal(rotting[0].DaysOver, 11)
	is.Equal(rotting[0].Stage.ID, stages["first_outreach"].ID)
	is.Equal(rotting[0].Pipeline.ID, p.ID)

	mine, err := ta.RottingDeals(ctx, nil, admin.ID, 10)
	is.NoErr(err)
	is.Equal(len(mine), 0) // one owner's only
	board, _ := ta.Board(ctx, admin, p.ID, store.DealQuery{})
	is.True(board.Columns[0].Cards[0].Rotting)
	is.True(!board.Columns[2].Cards[0].Rotting)
	is.Equal(board.Columns[2].Cards[0].ID, demo.ID)
	_, err = ta.MoveDeal(ctx, admin, old.ID, stages["qualifying_call"].ID, store.Place{}, "")
	is.NoErr(err)
	rotting, _ = ta.RottingDeals(ctx, nil, sam.ID, 10)
	is.Equal(len(rotting), 1) // moving it resets the clock
	_ = won
}

func TestDealListFiltersAndPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	p, stages := salesPipeline(t, ta)
	for i := range 7 {
		in := app.DealInput{Title: fmt.Sprintf("Deal %02d", i), Value: int64(i * 100), ExpectedCloseDate: fmt.Sprintf("2027-01-%02d", 10-i), NoOwner: true}
		if i%2 == 0 {
			in.Tags, in.OwnerID = []string{"even"}, admin.ID
		}
		if i == 6 {
			in.ExpectedCloseDate = ""
		}
		mustDeal(t, ta, admin, in)
		ta.clock.Add(time.Minute)
	}
	tag, _ := ta.TagByName(ctx, "even")
	cases := []struct {
		name  string
		q     store.DealQuery
		total int
		first string
	}{
		{"by title", store.DealQuery{Pipeline: p.ID, Sort: "title"}, 7, "Deal 00"},
		{"highest value", store.DealQuery{Pipeline: p.ID, Sort: "-value"}, 7, "Deal 06"},
		{"closing soonest, undated last", store.DealQuery{Sort: "close"}, 7, "Deal 05"},
		{"tag", store.DealQuery{Pipeline: p.ID, TagID: tag.ID, Sort: "title"}, 4, "Deal 00"},
		{"owner none", store.DealQuery{Owner: store.NoneValue, Sort: "title"}, 3, "Deal 01"},
		{"close range", store.DealQuery{CloseFrom: "2027-01-06", CloseTo: "2027-01-08", Sort: "close"}, 3, "Deal 04"},
		{"stage", store.DealQuery{Stage: stages["first_outreach"].ID, Sort: "-created"}, 7, "Deal 06"},
		{"won only", store.DealQuery{Status: "won"}, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			list, err := ta.ListDeals(ctx, admin, tc.q)
			is.NoErr(err)
			is.Equal(list.Total, tc.total)
			if tc.first != "" {
				is.Equal(list.Rows[0].Title, tc.first)
			}
		})
	}
	t.Run("pages by cursor, every sort", func(t *testing.T) {
		for _, sort := range store.DealSorts {
			is := is.New(t)
			q := store.DealQuery{Pipeline: p.ID, Sort: sort, Limit: 3}
			var seen []string
			for range 5 {
				list, err := ta.ListDeals(ctx, admin, q)
				is.NoErr(err)
				for _, r := range list.Rows {
					seen = append(seen, r.ID)
				}
				if list.NextCursor == "" {
					break
				}
				q.Cursor = list.NextCursor
			}
			is.Equal(len(seen), 7) // every deal once
			is.Equal(len(slices.Compact(slices.Sorted(slices.Values(seen)))), 7)
		}
	})
	t.Run("bad queries name their field", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.ListDeals(ctx, admin, store.DealQuery{Sort: "colour"})
		is.Equal(fieldProblem(err, "sort"), "error.sort_invalid")
		_, err = ta.ListDeals(ctx, admin, store.DealQuery{Status: "maybe"})
		is.Equal(fieldProblem(err, "status"), "error.deal_status_invalid")
		_, err = ta.ListDeals(ctx, admin, store.DealQuery{CloseFrom: "soon"})
		is.Equal(fieldProblem(err, "close_from"), "error.close_date_invalid")
		_, err = ta.ListDeals(ctx, admin, store.DealQuery{Cursor: "garbage"})
		is.Equal(fieldProblem(err, "cursor"), "error.cursor_invalid")
	})
}
