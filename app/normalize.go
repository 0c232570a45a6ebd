package app

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// foldKey is the case- and width-insensitive form of a name, used for tag
// uniqueness and for sorting: "Zoë", "ZOË" and "zoë" share one key, and
// full-width "ＡＢＣ" folds to "abc".
func foldKey(s string) string {
	return cases.Fold().String(norm.NFKC.String(strings.TrimSpace(s)))
}

// NormalizePhone returns the E.164 form of a number as typed ("010-1234-5678"
// with region KR gives "+821012345678"), or "" when it cannot be read as
// one. A number written with its country code ("+49 30 123456") needs
// only to be possible; one dialled through the region's exit code
// ("0049…") must be valid; one without must be a valid number of the
// region, so that a German or Madagascan number typed the local way is
// never given the region's code. The number as typed is what is stored
// and exported; E.164 only matches.
func NormalizePhone(raw, region string) string {
	n := parsePhone(raw, region)
	if n == nil {
		return ""
	}
	return phonenumbers.Format(n, phonenumbers.E164)
}

// parsePhone reads a number as NormalizePhone describes; nil when it
// cannot be read as one.
func parsePhone(raw, region string) *phonenumbers.PhoneNumber {
	raw = strings.TrimSpace(stripBidi(raw))
	if raw == "" {
		return nil
	}
	region = strings.ToUpper(region)
	n, err := phonenumbers.ParseAndKeepRawInput(raw, region)
	if err != nil || !phonenumbers.IsPossibleNumber(n) {
		return nil
	}
	switch n.GetCountryCodeSource() {
	case phonenumbers.PhoneNumber_FROM_DEFAULT_COUNTRY:
		if !phonenumbers.IsValidNumberForRegion(n, region) {
			return nil
		}
	case phonenumbers.PhoneNumber_FROM_NUMBER_WITH_IDD:
		// Read through the region's exit code, which may also begin local
		// numbers elsewhere: Japan's 010 is how Korean mobiles start, so
		// "010-5555-6666" typed in Japan would be a Brazilian fragment.
		// Only a valid number is taken.
		if !phonenumbers.IsValidNumber(n) {
			return nil
		}
	}
	return n
}

// ValidRegion tells whether region is a two-letter region the phone
// library knows (KR, JP, CN, US, DE…).
func ValidRegion(region string) bool {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(region)) != 0
}

// isCJK tells whether s is written in Hangul, kana or Han characters, whose
// names go family name first with no space: 김 + 민수 = 김민수.
func isCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// composeDisplayName writes a person's name the way their script does.
func composeDisplayName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	case isCJK(first + last):
		return last + first
	}
	return first + " " + last
}

// normalizeBirthday accepts YYYY-MM-DD, or MM-DD / --MM-DD for a birthday
// without a year, and returns YYYY-MM-DD or --MM-DD; ok is false for
// anything else or an impossible date.
func normalizeBirthday(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2006-01-02"), t.Year() >= 1850
	}
	md := strings.TrimPrefix(s, "--")
	if t, err := time.Parse("2006-01-02", "2000-"+md); err == nil { // 2000 is a leap year: 02-29 is a valid birthday
		return "--" + t.Format("01-02"), true
	}
	return "", false
}

// normalizeURL adds https:// when the scheme is missing and checks that
// what remains is a web address.
func normalizeURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") || strings.ContainsAny(u.Host, " <>\"") {
		return "", false
	}
	return u.String(), true
}

// domainOf is the bare host of a web address, without www.
func domainOf(website string) string {
	u, err := url.Parse(website)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// cleanText trims s and reports a problem key when it is longer than max
// characters or holds control characters other than newlines and tabs.
// One-line text (names, titles, phones) loses its bidi controls (see
// stripBidi); prose keeps them, where right-to-left writing may need them.
func cleanText(s string, max int, multiline bool) (string, string) {
	if !multiline {
		s = stripBidi(s)
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	if utf8.RuneCountInString(s) > max {
		return s, "error.too_long"
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) {
			return s, "error.control_chars"
		}
	}
	return s, ""
}

// stripBidi drops the invisible characters that reorder text: embeddings
// and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks
// (U+200E, U+200F, U+061C). In a name, an email or a phone they only
// disguise it — "Invoice\u202Efdp.exe" shows as "Invoiceexe.pdf" — on
// pages and in exported files alike; the letters themselves carry their
// direction.
func stripBidi(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') || r == '\u200E' || r == '\u200F' || r == '\u061C'
}
