package app

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
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
// searchable is left.
func searchTerms(q string) string {
	q = strings.TrimSpace(norm.NFKC.String(q))
	if q == "" {
		return ""
	}
	if looksLikePhone(q) {
		return `digits : "` + digitsOf(q) + `"*`
	}
	var terms []string
	lastWord := -1 // the word being typed is matched as a prefix, the others whole
	word := []rune{}
	flushWord := func() {
		if len(word) > 0 {
			lastWord = len(terms)
			terms = append(terms, `{name words digits} : "`+strings.ToLower(string(word))+`"`)
			word = word[:0]
		}
	}
	var run []rune
	flushRun := func() {
		switch {
		case len(run) == 1:
			terms = append(terms, `cjk1 : "`+string(run)+`"`)
		case len(run) > 1:
			var pairs []string
			for i := 0; i+1 < len(run); i++ {
				pairs = append(pairs, string(run[i:i+2]))
			}
			terms = append(terms, `cjk2 : "`+strings.Join(pairs, " ")+`"`)
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
	if lastWord >= 0 && lastWord == len(terms)-1 {
		// Only a prefix still being typed is expanded: FTS5 materialises the
		// whole doclist of a prefix, which is costly for common words.
		terms[lastWord] += "*"
	}
	return strings.Join(terms, " AND ")
}
