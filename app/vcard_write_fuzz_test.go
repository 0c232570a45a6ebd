package app

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzVCardTextRoundTrip: any text Rolo keeps, written as a property — escaped,
// folded at 75 octets — is read back by Rolo's reader as it was (line
// breaks as \n, the ends trimmed as every value is), and every line of
// the file is whole UTF-8 of at most 75 octets.
func FuzzVCardTextRoundTrip(f *testing.F) {
	for _, seed := range []string{"", "a,b;c\\d", "line one\nline two\r\nthree", strings.Repeat("x", 73) + " y z", strings.Repeat("x", 69) + " y", // a fold right after a space
		strings.Repeat("가", 30) + "😀🇰🇷", strings.Repeat(`\`, 80), strings.Repeat("ab ", 60), "END:VCARD"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' && r != '\n' && r != '\r' && r != '\t' }) {
			return // Rolo keeps no other control character in a field
		}
		var buf bytes.Buffer
		vcardLine(&buf, "", "NOTE", nil, vcardEscape(s))
		vcardLine(&buf, "", "CATEGORIES", nil, vcardList([]string{s, "tag"}))
		for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) {
				t.Fatalf("line of %d octets, valid UTF-8 %v: %q", len(line), utf8.ValidString(line), line)
			}
		}
		cards := readVCards([]byte("BEGIN:VCARD\r\nVERSION:4.0\r\n" + buf.String() + "END:VCARD\r\n"))
		if len(cards) != 1 || len(cards[0].props) != 3 {
			t.Fatalf("read %d cards from %q", len(cards), buf.String())
		}
		want := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
		if got := vcardText(cards[0].props[1].value); got != want {
			t.Fatalf("NOTE read back %q, want %q", got, want)
		}
		if got := vcardSplit(cards[0].props[2].value, ','); len(got) != 2 || strings.TrimSpace(got[0]) != want || got[1] != "tag" {
			t.Fatalf("CATEGORIES read back %q, want [%q tag]", got, want)
		}
	})
}
