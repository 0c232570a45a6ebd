package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	assets "rolo/embed"
)

// TestColumnRenumbersWhenRanksGrowLong fills a gap until the ranks around
// it are long, and checks that placing one more card renumbers the column
// without changing its order.
func TestColumnRenumbersWhenRanksGrowLong(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "rolo.db"), Options{Migrations: assets.Migrations})
	is.NoErr(err)
	defer db.Close()
	const pipeline, stage = "00000000-0000-7000-8000-000000000001", "00000000-0000-7000-8000-000000000011"
	long := strings.Repeat("z", maxRankLen-rankWidth)
	ranks := []string{formatRank(100), formatRank(100) + long, formatRank(101)} // the middle one is as long as ranks get
	err = db.Write(ctx, func(tx *Tx) error {
		for i, r := range ranks {
			d := Deal{ID: fmt.Sprintf("deal-%d", i), Title: "D", SortTitle: "d", Currency: "USD", PipelineID: pipeline, StageID: stage,
				Position: r, Status: DealOpen}
			if err := InsertDeal(ctx, tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	is.NoErr(err)

	var placed string
	err = db.Write(ctx, func(tx *Tx) error {
		// Right after deal-1: between its long rank and deal-2's.
		rank, err := RankIn(ctx, tx, stage, "new", Place{After: "deal-1"})
		placed = rank
		if err != nil {
			return err
		}
		return InsertDeal(ctx, tx, Deal{ID: "new", Title: "N", SortTitle: "n", Currency: "USD", PipelineID: pipeline, StageID: stage,
			Position: rank, Status: DealOpen})
	})
	is.NoErr(err)
	is.True(len(placed) <= maxRankLen) // renumbered first, so the new rank is short again
	rows, err := BoardCards(ctx, db.Reader(), stage, DealQuery{}, 10)
	is.NoErr(err)
	var order []string
	for _, r := range rows {
		order = append(order, r.ID)
		is.True(len(r.Position) == rankWidth || r.ID == "new") // the old cards got even, short ranks
	}
	is.Equal(order, []string{"deal-0", "deal-1", "new", "deal-2"}) // order kept, the new card where it was dropped
}
