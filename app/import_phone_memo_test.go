package app

import (
	"context"
	"testing"

	"github.com/matryer/is"
)

// TestPhoneMemoReadsAsNormalizePhone: through an import's memo a number
// reads as NormalizePhone reads it, the second time too, and the same
// digits typed by importers of two regions stay two numbers.
func TestPhoneMemoReadsAsNormalizePhone(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := withPhoneMemo(context.Background())
	cases := []struct{ raw, region string }{
		{"010-1234-5678", "KR"}, {"010-1234-5678", "JP"}, {"+49 30 123456", "US"}, {"(415) 555-0132", "US"},
		{"ext. 12", "DE"}, {"0049 30 1234567", "DE"}, {"", "KR"},
	}
	for range 2 { // the second round is read from the memo
		for _, c := range cases {
			is.Equal(normalizePhoneIn(ctx, c.raw, c.region), NormalizePhone(c.raw, c.region))
		}
	}
	is.True(NormalizePhone("010-1234-5678", "KR") != NormalizePhone("010-1234-5678", "JP")) // the case above means something
	memo := ctx.Value(phoneMemoKey{}).(*phoneMemo)
	is.Equal(len(memo.m), len(cases))
}
