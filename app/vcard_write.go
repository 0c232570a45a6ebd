package app

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Writing vCard lines by hand rather than through a library: RFC 6350
// asks for details the encoders get wrong — a COMMA inside one tag of
// CATEGORIES escaped while the commas between tags are not, a SEMICOLON
// inside ORG's first component escaped, lines folded at 75 octets and
// never inside a UTF-8 sequence, a data: URI left unescaped.

// vcardParam is one parameter, its values written comma-separated.
type vcardParam struct {
	name   string
	values []string
}

// vcardLine writes one property, folded, with its CRLF. value is written
// as given: escape it first (vcardEscape, vcardCompound, vcardList,
// vcardURI).
func vcardLine(buf *bytes.Buffer, group, name string, params []vcardParam, value string) {
	var b strings.Builder
	if group != "" {
		b.WriteString(group + ".")
	}
	b.WriteString(name)
	for _, p := range params {
		if len(p.values) == 0 {
			continue
		}
		b.WriteString(";" + p.name + "=")
		for i, v := range p.values {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(vcardParamValue(v))
		}
	}
	b.WriteByte(':')
	b.WriteString(value)
	buf.Write(foldVCardLine(b.String()))
}

// vcardParamValue quotes a parameter value that holds ; : or , and drops
// what a parameter cannot hold (double quotes, control characters).
func vcardParamValue(v string) string {
	v = strings.Map(func(r rune) rune {
		if r == '"' || r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v)
	if strings.ContainsAny(v, ";:,") {
		return `"` + v + `"`
	}
	return v
}

// vcardEscape escapes a text value: backslash, comma, semicolon and line
// breaks. RFC 2426 (3.0) asks for all four; RFC 6350 §3.4 (4.0) for the
// semicolon only in a structured value (N, ADR, ORG) and allows it
// elsewhere — and a strict 4.0 parser (the vcard4 package) reads a bare
// semicolon in FN or NOTE as a separator.
func vcardEscape(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ',':
			b.WriteString(`\,`)
		case ';':
			b.WriteString(`\;`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// vcardURI is a URI value (URL, a profile's address): written as it is,
// since URIs are not text-escaped, unless it holds a backslash or a line
// break, which no URI does — then escaped as text, so that it reads back
// the same.
func vcardURI(s string) string {
	if strings.ContainsAny(s, "\\\r\n") {
		return vcardEscape(s)
	}
	return s
}

// vcardCompound is a structured value (N, ADR, ORG): its components
// escaped, joined by unescaped semicolons.
func vcardCompound(parts ...string) string {
	for i, p := range parts {
		parts[i] = vcardEscape(p)
	}
	return strings.Join(parts, ";")
}

// vcardList is a list value (CATEGORIES): each item escaped, joined by
// unescaped commas, so a parser reads each item — a comma inside one
// stays in it.
func vcardList(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = vcardEscape(it)
	}
	return strings.Join(out, ",")
}

// foldVCardLine ends line with CRLF, folded as RFC 6350 §3.2 asks: at
// most 75 octets a line (the leading space of a continuation counted),
// never inside a UTF-8 sequence.
func foldVCardLine(line string) []byte {
	out := make([]byte, 0, len(line)+len(line)/70*3+2)
	for first := true; ; first = false {
		n := 75
		if !first {
			out = append(out, ' ')
			n = 74
		}
		if len(line) <= n {
			out = append(out, line...)
			return append(out, '\r', '\n')
		}
		for n > 0 && !utf8.RuneStart(line[n]) {
			n-- // back to the start of the character that would be cut
		}
		out = append(out, line[:n]...)
		out = append(out, '\r', '\n')
		line = line[n:]
	}
}
