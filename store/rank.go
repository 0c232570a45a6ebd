package store

import (
	"errors"
	"strconv"
	"strings"
)

// Ranks order the cards of a board column as plain text, so moving a card
// rewrites that card alone. A rank is rankWidth base-36 digits (a number,
// fixed width so text order is number order) and an optional tail of
// base-36 digits that never ends in "0". Between any two different ranks
// there is always another: the numbers are halved while they can be, and
// the tail grows only when two neighbours are one apart.

const (
	rankDigits = "0123456789abcdefghijklmnopqrstuvwxyz"
	rankWidth  = 12
	// rankSpace is 36^12, the first number too wide for rankWidth digits.
	rankSpace int64 = 4738381338321616896
	// rankStep is the gap left between cards placed at either end of a
	// column, so a billion more fit there before any tail is needed.
	rankStep int64 = 2176782336 // 36^6
	// maxRankLen is where a column is renumbered: ranks this long mean many
	// cards were dropped into the same gap.
	maxRankLen = rankWidth + 16
)

// ErrRankOrder means a rank between a and b was asked for with a ≥ b.
var ErrRankOrder = errors.New("rank bounds out of order")

// RankBetween returns a rank after a and before b; "" for a means the top
// of the column, "" for b the bottom.
func RankBetween(a, b string) (string, error) {
	ia, ta, err := splitRank(a, 0)
	if err != nil {
		return "", err
	}
	ib, tb, err := splitRank(b, rankSpace)
	if err != nil {
		return "", err
	}
	if ia > ib || (ia == ib && (tb == "" || ta >= tb)) {
		return "", ErrRankOrder
	}
	switch {
	case a == "" && b == "":
		return formatRank(rankSpace / 2), nil
	case a == "" && ib > rankStep:
		return formatRank(ib - rankStep), nil
	case b == "" && rankSpace-ia > rankStep:
		return formatRank(ia + rankStep), nil
	case ib-ia >= 2:
		return formatRank(ia + (ib-ia)/2), nil
	case ib-ia == 1:
		return formatRank(ia) + rankMidpoint(ta, "", true), nil
	}
	return formatRank(ia) + rankMidpoint(ta, tb, false), nil
}

// spreadRanks returns n ranks evenly spaced around the middle of the
// space, for renumbering a column.
func spreadRanks(n int) []string {
	out := make([]string, n)
	start := rankSpace/2 - int64(n/2)*rankStep
	for i := range out {
		out[i] = formatRank(start + int64(i)*rankStep)
	}
	return out
}

// ValidRank tells whether s is a rank this package could have made.
func ValidRank(s string) bool {
	_, _, err := splitRank(s, 0)
	return s != "" && err == nil
}

// splitRank reads a rank into its number and tail; "" gives def, the
// number of the bound it stands for.
func splitRank(s string, def int64) (int64, string, error) {
	if s == "" {
		return def, "", nil
	}
	if len(s) < rankWidth || strings.Trim(s, rankDigits) != "" || strings.HasSuffix(s[rankWidth:], "0") {
		return 0, "", errors.New("malformed rank " + strconv.Quote(s))
	}
	n, err := strconv.ParseInt(s[:rankWidth], 36, 64)
	if err != nil {
		return 0, "", err
	}
	return n, s[rankWidth:], nil
}

func formatRank(n int64) string {
	s := strconv.FormatInt(n, 36)
	return strings.Repeat("0", rankWidth-len(s)) + s
}

// rankMidpoint returns a digit string strictly between a and b (b
// unbounded when bInf) that does not end in "0", given that neither a nor
// b does. It is the midpoint of fractional indexing (Evan Wallace, David
// Greenspan): strip the common prefix, then take a digit halfway, or
// extend a when the leading digits are adjacent.
func rankMidpoint(a, b string, bInf bool) string {
	if !bInf {
		n := 0
		for n < len(b) && rankDigitAt(a, n) == b[n] {
			n++
		}
		if n > 0 {
			return b[:n] + rankMidpoint(rankSuffix(a, n), b[n:], false)
		}
	}
	da := strings.IndexByte(rankDigits, rankDigitAt(a, 0))
	db := len(rankDigits)
	if !bInf {
		db = strings.IndexByte(rankDigits, b[0])
	}
	if db-da > 1 {
		return string(rankDigits[(da+db+1)/2])
	}
	if !bInf && len(b) > 1 {
		return b[:1]
	}
	return string(rankDigits[da]) + rankMidpoint(rankSuffix(a, 1), "", true)
}

func rankDigitAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return '0'
}

func rankSuffix(s string, n int) string {
	if n >= len(s) {
		return ""
	}
	return s[n:]
}
