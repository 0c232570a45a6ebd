package app

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"rolo/store"
)

// The search index uses SQLite's unicode61 tokenizer, which splits Latin
// text into words and folds accents ("Zoë" is found by "zoe"), but keeps
// a run of Korean, Japanese or Chinese characters as one token, so "민수"
// would not find "김민수". Rolo therefore also indexes every CJK character
// (unigrams, for one-character queries such as "王") and every pair of
// neighbours in order (bigrams: "김민 민수"), and searches a longer CJK
// query as the phrase of its bigrams: "山田太" is "山田 田太", which
// matches wherever those characters stand together.

// isCJKRune tells whether r is written without spaces between words.
func isCJKRune(r rune) bool {
	return unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// cjkRuns returns the runs of CJK characters in s, in order.
func cjkRuns(s string) [][]rune {
	var runs [][]rune
	var cur []rune
	for _, r := range norm.NFKC.String(s) {
		if isCJKRune(r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

// cjkGrams gives the unigram and bigram columns for the CJK text in s.
// Runs are separated by a full stop, which breaks FTS5 phrases, so a
// bigram phrase never spans two names.
func cjkGrams(parts ...string) (unigrams, bigrams string) {
	var uni, bi []string
	for _, s := range parts {
		for _, run := range cjkRuns(s) {
			var pairs []string
			for i, r := range run {
				uni = append(uni, string(r))
				if i+1 < len(run) {
					pairs = append(pairs, string(run[i:i+2]))
				}
			}
			if len(pairs) > 0 {
				bi = append(bi, strings.Join(pairs, " "))
			}
		}
	}
	return strings.Join(uni, " "), strings.Join(bi, " . ")
}

// digitsOf keeps the digits of s: phone numbers are indexed and searched
// as digit strings, so "010-1234-5678" and "(010) 1234 5678" are the same.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// looksLikePhone tells whether a query is a phone number as people type
// them: mostly digits, with spaces, dashes, dots, brackets or a plus.
func looksLikePhone(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-().", r):
		default:
			return false
		}
	}
	return digits >= 4
}

// searchTerms turns what a user typed into an FTS5 query. Every term is
// quoted, so the user's quotes, stars, colons, NEAR or AND never reach
// FTS5's syntax; terms are joined with AND, and the last word, the one
// being typed, matches as a prefix. It returns "" when nothing
// searchable is left. (A list's text filter matches this; search runs
// it as the last of searchTiers.)
func searchTerms(q string) string {
	tiers := searchTiers(q)
	if len(tiers) == 0 {
		return ""
	}
	return tiers[len(tiers)-1].Match
}

// searchTiers are the FTS5 queries of what a user typed, best matches
// first; the last is searchTerms' query, and matches every record the
// others match. Names come before the other text, as
// bm25's tenfold weight on the name column had them, and within each a
// whole word before a prefix of a longer one:
//
//  1. every word whole, in the names ("smith" finds Ann Smith),
//  2. the last word as a prefix, in the names (Smithson),
//  3. every word whole, in any text (an email at smith.example),
//  4. the last word as a prefix, in any text.
//
// Within a tier the newest records come first, and in the name tiers the
// shorter names ("hooli" finds Hooli before Hooli Labs). Korean, Japanese
// and Chinese terms are the same in every tier (their columns hold names
// and other text together), and a phone number has two tiers: the digits
// as a whole number, then as its start.
func searchTiers(q string) []store.SearchTier {
	q = strings.TrimSpace(norm.NFKC.String(q))
	if q == "" {
		return nil
	}
	if looksLikePhone(q) {
		digits := `digits : "` + digitsOf(q) + `"`
		return []store.SearchTier{{Match: digits}, {Match: digits + "*"}}
	}
	terms := parseSearchTerms(q)
	if len(terms) == 0 {
		return nil
	}
	hasWord := slices.ContainsFunc(terms, func(t searchTerm) bool { return t.word != "" })
	var tiers []store.SearchTier
	for _, t := range []struct{ inNames, prefix bool }{{true, false}, {true, true}, {false, false}, {false, true}} {
		tier := store.SearchTier{Match: matchExpr(terms, t.inNames, t.prefix), InNames: t.inNames && hasWord}
		if !slices.ContainsFunc(tiers, func(o store.SearchTier) bool { return o.Match == tier.Match }) {
			tiers = append(tiers, tier) // the same when no word is typed or none is a prefix
		}
	}
	return tiers
}

// searchTerm is one term of a query: a word (quoted, lowercase) or a CJK
// run's FTS5 term; prefix marks the word still being typed.
type searchTerm struct {
	word   string
	cjk    string
	prefix bool
}

// parseSearchTerms splits q into words and runs of CJK characters. Only
// a last word still being typed is a prefix: FTS5 materialises the whole
// doclist of a prefix, which is costly for common words.
func parseSearchTerms(q string) []searchTerm {
	var terms []searchTerm
	word := []rune{}
	flushWord := func() {
		if len(word) > 0 {
			terms = append(terms, searchTerm{word: strings.ToLower(string(word))})
			word = word[:0]
		}
	}
	var run []rune
	flushRun := func() {
		switch {
		case len(run) == 1:
			terms = append(terms, searchTerm{cjk: `cjk1 : "` + string(run) + `"`})
		case len(run) > 1:
			var pairs []string
			for i := 0; i+1 < len(run); i++ {
				pairs = append(pairs, string(run[i:i+2]))
			}
			terms = append(terms, searchTerm{cjk: `cjk2 : "` + strings.Join(pairs, " ") + `"`})
		}
		run = run[:0]
	}
	for _, r := range q {
		switch {
		case isCJKRune(r):
			flushWord()
			run = append(run, r)
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r):
			flushRun()
			word = append(word, r)
		default:
			flushWord()
			flushRun()
		}
	}
	flushWord()
	flushRun()
	if last := len(terms) - 1; last >= 0 && terms[last].word != "" {
		terms[last].prefix = true
	}
	return terms
}

// matchExpr writes terms as one FTS5 query: words in the names only or in
// every text column, the word being typed as a prefix or whole.
func matchExpr(terms []searchTerm, inNames, prefix bool) string {
	columns := `{name words digits} : "`
	if inNames {
		columns = `name : "`
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		if t.word == "" {
			parts[i] = t.cjk
			continue
		}
		parts[i] = columns + t.word + `"`
		if t.prefix && prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " AND ")
}
