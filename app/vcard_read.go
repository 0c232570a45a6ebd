package app

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Rolo reads vCards itself, tolerantly, as real address books write
// them: 2.1, 3.0 and 4.0; bare type parameters (TEL;CELL, EMAIL;INTERNET);
// QUOTED-PRINTABLE with CHARSET and its soft line breaks; UTF-8, UTF-16
// and Latin-1 files; backslash escapes in every value; folded lines; item
// groups with X-ABLabel. A card that lacks END:VCARD ends at the next
// BEGIN:VCARD, and a line that cannot be read is reported and skipped, so
// one broken card never stops the others.

// vcardProp is one property of a card, its value decoded but not yet
// split or unescaped.
type vcardProp struct {
	group, name string
	params      map[string][]string // upper-case names; bare parameters are TYPE (or ENCODING)
	value       string
}

// vcardCard is one card: its properties and the line of the file it
// starts on; problems are lines of it that could not be read.
type vcardCard struct {
	line     int
	props    []vcardProp
	problems []ImportProblem
}

// types are the TYPE values of a property, lower-case, "pref" included.
func (p vcardProp) types() []string {
	var out []string
	for _, t := range p.params["TYPE"] {
		for _, one := range strings.Split(t, ",") {
			if one = strings.ToLower(strings.Trim(strings.TrimSpace(one), `"`)); one != "" {
				out = append(out, one)
			}
		}
	}
	return out
}

// decodeVCardText turns the file's bytes into UTF-8: a BOM names UTF-8 or
// UTF-16; UTF-16 without one shows as zero bytes; valid UTF-8 is UTF-8;
// anything else is read as Latin-1 (Windows-1252).
func decodeVCardText(data []byte) string {
	var enc interface{ Bytes([]byte) ([]byte, error) }
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
	default:
		switch detectEncoding(data[:min(len(data), sniffSize)]) {
		case "utf-16le":
			enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewDecoder()
		case "utf-16be":
			enc = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewDecoder()
		}
	}
	if enc != nil {
		if out, err := enc.Bytes(data); err == nil {
			return string(out)
		}
	}
	if utf8.Valid(data) {
		return string(data)
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(data)
	return string(out)
}

// readVCards splits a file into cards.
func readVCards(data []byte) []vcardCard {
	text := decodeVCardText(data)
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	raw := strings.Split(text, "\n")
	var cards []vcardCard
	var cur *vcardCard
	for i := 0; i < len(raw); i++ {
		lineNo := i + 1
		line := raw[i]
		// Folded lines: a line starting with a space or tab continues
		// the one before it. A fold may fall after a space of the value,
		// so only the end of the whole line is trimmed.
		for i+1 < len(raw) && len(raw[i+1]) > 0 && (raw[i+1][0] == ' ' || raw[i+1][0] == '\t') {
			i++
			line += raw[i][1:]
		}
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(line) == "" {
			continue
		}
		p, ok := parseVCardLine(line)
		// Quoted-printable values continue on the next line after a "=".
		for ok && p.quotedPrintable() && strings.HasSuffix(p.value, "=") && i+1 < len(raw) {
			i++
			p.value = p.value[:len(p.value)-1] + strings.TrimLeft(raw[i], " \t")
		}
		switch {
		case ok && p.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD"):
			if cur != nil {
				cards = append(cards, *cur) // no END:VCARD: the card ends here
			}
			cur = &vcardCard{line: lineNo}
		case cur == nil:
			// outside a card: ignored
		case ok && p.name == "END" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD"):
			cards = append(cards, *cur)
			cur = nil
		case !ok:
			cur.problems = append(cur.problems, ImportProblem{Line: lineNo, Message: "error.vcard_line_unreadable", Value: clipVCard(line, 80)})
		default:
			p.value = p.decodedValue()
			cur.props = append(cur.props, p)
		}
	}
	if cur != nil {
		cards = append(cards, *cur)
	}
	return cards
}

func clipVCard(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// parseVCardLine reads [group.]NAME[;param...]:value; ok is false when
// the line has no name or no colon.
func parseVCardLine(line string) (vcardProp, bool) {
	colon, quoted := -1, false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				colon = i
			}
		}
		if colon >= 0 {
			break
		}
	}
	if colon <= 0 {
		return vcardProp{}, false
	}
	p := vcardProp{value: line[colon+1:], params: map[string][]string{}}
	head := splitUnquoted(line[:colon], ';')
	name := strings.TrimSpace(head[0])
	if g, n, ok := strings.Cut(name, "."); ok {
		p.group, name = g, n
	}
	p.name = strings.ToUpper(name)
	if p.name == "" || strings.ContainsAny(p.name, " \t") {
		return vcardProp{}, false
	}
	for _, param := range head[1:] {
		k, v, ok := strings.Cut(param, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		if !ok { // vCard 2.1: TEL;CELL;WORK, EMAIL;INTERNET, NOTE;QUOTED-PRINTABLE
			v = k
			switch k {
			case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
				k = "ENCODING"
			default:
				k = "TYPE"
			}
		}
		if k == "" {
			continue
		}
		p.params[k] = append(p.params[k], strings.Trim(strings.TrimSpace(v), `"`))
	}
	return p, true
}

// splitUnquoted splits s at sep outside double quotes.
func splitUnquoted(s string, sep byte) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == sep && !quoted:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func (p vcardProp) param(name string) string {
	if v := p.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (p vcardProp) quotedPrintable() bool {
	return strings.EqualFold(p.param("ENCODING"), "QUOTED-PRINTABLE")
}

// decodedValue undoes QUOTED-PRINTABLE and reads the bytes in the
// property's CHARSET (UTF-8 when not named or unknown, Latin-1 when the
// bytes are not UTF-8).
func (p vcardProp) decodedValue() string {
	if !p.quotedPrintable() {
		return p.value
	}
	b := decodeQP(p.value)
	if cs := p.param("CHARSET"); cs != "" && !strings.EqualFold(cs, "utf-8") {
		if enc, err := htmlindex.Get(cs); err == nil {
			if out, err := enc.NewDecoder().Bytes(b); err == nil {
				return string(out)
			}
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(out)
}

// decodeQP reads quoted-printable text; a "=" not followed by two hex
// digits is kept as it is.
func decodeQP(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// vcardSplit splits a value at sep where sep is not escaped, and
// unescapes each part.
func vcardSplit(s string, sep byte) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i]) // \\ \; \, \: and any other escaped character
			}
		case s[i] == sep:
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(out, b.String())
}

// vcardText is a whole value, unescaped.
func vcardText(s string) string {
	return strings.TrimSpace(vcardSplit(s, 0)[0])
}

// vcardLabel is a channel's label from X-ABLabel or its TYPE values:
// Apple's "_$!<Mobile>!$_" is mobile, CELL is mobile, WORK,FAX is "work
// fax", another TYPE value is a label of its own; PREF, VOICE, INTERNET
// and the like are not labels.
func vcardLabel(p vcardProp, abLabel string) string {
	if abLabel != "" {
		l := strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(abLabel, "_$!<"), ">!$_"))
		if l == "cell" || l == "iphone" {
			l = "mobile"
		}
		return l
	}
	have := map[string]bool{}
	for _, t := range p.types() {
		if t == "cell" || t == "iphone" {
			t = "mobile"
		}
		have[t] = true
	}
	var words []string
	for _, t := range []string{"work", "home", "other", "mobile", "fax", "pager", "main", "text", "video"} {
		if have[t] {
			words = append(words, t)
		}
	}
	if have["mobile"] { // a work mobile is a mobile
		return "mobile"
	}
	if len(words) == 0 { // a label of its own: TYPE=school, TYPE=x-school
		for _, t := range p.types() {
			if !vcardNoiseTypes[t] {
				return strings.TrimPrefix(t, "x-")
			}
		}
	}
	return strings.Join(words, " ")
}

// preferred is PREF=1 (4.0) or TYPE=PREF (2.1, 3.0).
func (p vcardProp) preferred() bool {
	return p.param("PREF") == "1" || slices.Contains(p.types(), "pref")
}
