package store

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/matryer/is"
)

func TestRankBetween(t *testing.T) {
	t.Parallel()
	t.Run("ends and middles", func(t *testing.T) {
		is := is.New(t)
		first, err := RankBetween("", "")
		is.NoErr(err)
		is.True(ValidRank(first))
		after, err := RankBetween(first, "")
		is.NoErr(err)
		before, err := RankBetween("", first)
		is.NoErr(err)
		is.True(before < first && first < after) // ends leave room on both sides
		mid, err := RankBetween(before, first)
		is.NoErr(err)
		is.True(before < mid && mid < first)
		is.Equal(len(mid), rankWidth) // a wide gap is halved, no tail
	})
	t.Run("adjacent numbers grow a tail", func(t *testing.T) {
		is := is.New(t)
		a, b := formatRank(41), formatRank(42)
		r, err := RankBetween(a, b)
		is.NoErr(err)
		is.True(a < r && r < b)
		is.True(ValidRank(r))
		r2, err := RankBetween(a, r)
		is.NoErr(err)
		is.True(a < r2 && r2 < r)
	})
	t.Run("the very edges of the space", func(t *testing.T) {
		is := is.New(t)
		top, err := RankBetween("", formatRank(1))
		is.NoErr(err)
		is.True(top < formatRank(1) && ValidRank(top))
		bottom, err := RankBetween(formatRank(rankSpace-1), "")
		is.NoErr(err)
		is.True(bottom > formatRank(rankSpace-1) && ValidRank(bottom))
		_, err = RankBetween("", formatRank(0))
		is.Equal(err, ErrRankOrder) // nothing sorts before the lowest rank
	})
	t.Run("bounds out of order or malformed", func(t *testing.T) {
		is := is.New(t)
		a := formatRank(100)
		_, err := RankBetween(a, a)
		is.Equal(err, ErrRankOrder)
		_, err = RankBetween(formatRank(200), a)
		is.Equal(err, ErrRankOrder)
		_, err = RankBetween("not a rank!", "")
		is.True(err != nil)
		is.True(!ValidRank(formatRank(5) + "a0")) // a tail never ends in 0
	})
	t.Run("ten thousand random inserts keep a strict order", func(t *testing.T) {
		is := is.New(t)
		rng := rand.New(rand.NewPCG(1, 2))
		ranks := []string{}
		longest := 0
		for range 10_000 {
			i := rng.IntN(len(ranks) + 1)
			var a, b string
			if i > 0 {
				a = ranks[i-1]
			}
			if i < len(ranks) {
				b = ranks[i]
			}
			r, err := RankBetween(a, b)
			is.NoErr(err)
			is.True(ValidRank(r))
			ranks = slices.Insert(ranks, i, r)
			longest = max(longest, len(r))
		}
		is.True(slices.IsSorted(ranks))
		is.Equal(len(slices.Compact(slices.Clone(ranks))), len(ranks)) // no two alike
		is.True(longest <= maxRankLen)                                 // random places rarely need a tail
	})
	t.Run("appending and prepending stay short", func(t *testing.T) {
		is := is.New(t)
		last, first := "", ""
		for range 100_000 {
			var err error
			last, err = RankBetween(last, "")
			is.NoErr(err)
		}
		for range 100_000 {
			var err error
			first, err = RankBetween("", first)
			is.NoErr(err)
		}
		is.Equal(len(last), rankWidth)
		is.Equal(len(first), rankWidth)
	})
	t.Run("the same gap again and again grows slowly", func(t *testing.T) {
		is := is.New(t)
		a, b := formatRank(10), formatRank(11)
		for range 50 {
			r, err := RankBetween(a, b)
			is.NoErr(err)
			is.True(a < r && r < b)
			b = r
		}
		is.True(len(b) < rankWidth+15) // ~5 drops per extra digit
	})
	t.Run("spread ranks are ordered and centred", func(t *testing.T) {
		is := is.New(t)
		r := spreadRanks(1001)
		is.True(slices.IsSorted(r))
		for _, s := range r {
			is.True(ValidRank(s))
		}
		is.True(r[0] > formatRank(rankStep)) // room above the first card
	})
}
