package app

import (
	"context"
	"strings"

	"golang.org/x/text/unicode/norm"

	"rolo/store"
)

// The index holds every phone in three digit forms: as typed, E.164
// without the plus ("821012345678") and national ("01012345678"), see
// phoneDigits. A query is matched against them as digits, which finds a
// number typed either way; searchMatch adds the query read as a number
// in the searcher's region, so "0082 10-1234-5678", "+82 (0)10 1234 5678"
// or "10 1234 5678" in Korea find 010-1234-5678 too.

// searchMatch is the FTS5 queries for what actor typed, best tier first
// (searchTiers).
func (a *App) searchMatch(ctx context.Context, actor Actor, q string) []store.SearchTier {
	tiers := searchTiers(q)
	if len(tiers) == 0 || !looksLikePhone(strings.TrimSpace(norm.NFKC.String(q))) {
		return tiers
	}
	region := a.PhoneRegionOf(ctx, actor)
	for i := range tiers {
		tiers[i].Match = phoneSearchTerms(q, region, tiers[i].Match)
	}
	return tiers
}

// phoneSearchTerms adds to match, the query's digits, the E.164 digits
// of the query read as a whole number in region, when they differ.
func phoneSearchTerms(q, region, match string) string {
	q = strings.TrimSpace(norm.NFKC.String(q))
	e164 := NormalizePhone(q, region)
	if rest, ok := strings.CutPrefix(q, "00"); ok && e164 == "" {
		// "00" is the international prefix of most countries, and people
		// type it where theirs differs (Korea's is 001, the US's 011).
		e164 = NormalizePhone("+"+rest, region)
	}
	if e164 == "" {
		return match // not (yet) a whole number: a prefix of digits
	}
	digits := digitsOf(e164)
	if digits == digitsOf(q) {
		return match
	}
	return match + ` OR digits : "` + digits + `"`
}
