package ui_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"
	"github.com/teambition/rrule-go"
)

// This file reads an iCalendar feed the strict way, without trusting the
// library that wrote it: the octets of RFC 5545 §3.1 by hand, and the
// VTIMEZONE blocks the way a client that trusts the file (ical.js,
// Outlook) turns wall times into instants, expanding their RRULEs with
// rrule-go.

// contentLine is RFC 5545 §3.1's name *(";" param) ":" value: parameter
// values are quoted or free of ; : , and quotes.
var contentLine = regexp.MustCompile(`^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:`)

// textEscape is what may follow a backslash in a TEXT value (§3.3.11).
var textEscape = regexp.MustCompile(`\\(.)`)

// checkICS checks raw against RFC 5545 by hand and returns its unfolded
// content lines: CRLF endings, lines of at most 75 octets that never
// split a UTF-8 character, well-formed content lines, BEGIN/END nesting,
// the required properties, TEXT escaping, and a VTIMEZONE for every TZID,
// ahead of its use.
func checkICS(t *testing.T, raw string) []string {
	t.Helper()
	if !strings.HasSuffix(raw, "\r\n") {
		t.Fatalf("the feed does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n")
	var lines []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Fatalf("line %d has %d octets, more than 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				t.Fatalf("the feed starts with a continuation line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	type block struct {
		name  string
		props map[string]int
	}
	var stack []block
	tzids, used := map[string]bool{}, map[string]bool{}
	required := map[string][]string{"VCALENDAR": {"PRODID", "VERSION"}, "VEVENT": {"UID", "DTSTAMP", "DTSTART"},
		"VALARM": {"ACTION", "TRIGGER"}, "VTIMEZONE": {"TZID"}, "STANDARD": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"},
		"DAYLIGHT": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"}}
	for i, l := range lines {
		head := contentLine.FindString(l)
		if head == "" {
			t.Fatalf("content line %d is malformed: %q", i+1, l)
		}
		name, value := strings.ToUpper(strings.SplitN(head, ";", 2)[0]), l[len(head):]
		name = strings.TrimSuffix(name, ":")
		if strings.IndexFunc(value, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) >= 0 {
			t.Fatalf("content line %d holds a control character: %q", i+1, l)
		}
		for _, m := range regexp.MustCompile(`;TZID=([^;:]*)`).FindAllStringSubmatch(head, -1) {
			used[m[1]] = true
			if !tzids[m[1]] { // RFC 5545 allows it later, but clients that read in one pass want it first
				t.Fatalf("content line %d uses TZID %s before its VTIMEZONE", i+1, m[1])
			}
		}
		switch name {
		case "BEGIN":
			stack = append(stack, block{value, map[string]int{}})
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != value {
				t.Fatalf("content line %d ends %s out of turn", i+1, value)
			}
			b := stack[len(stack)-1]
			for _, p := range required[b.name] {
				if b.props[p] == 0 {
					t.Fatalf("a %s has no %s", b.name, p)
				}
			}
			if b.name == "VTIMEZONE" && b.props["BEGIN"] == 0 {
				t.Fatalf("a VTIMEZONE has no STANDARD or DAYLIGHT")
			}
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				stack[len(stack)-1].props["BEGIN"]++
			} else if i != len(lines)-1 {
				t.Fatalf("content after END:VCALENDAR")
			}
			continue
		case "TZID":
			tzids[value] = true
		case "SUMMARY", "DESCRIPTION":
			for _, m := range textEscape.FindAllStringSubmatch(value, -1) {
				if !strings.Contains(`\;,nN`, m[1]) {
					t.Fatalf("content line %d escapes %q, which TEXT does not allow", i+1, m[0])
				}
			}
			if unescaped := textEscape.ReplaceAllString(value, ""); strings.ContainsAny(unescaped, ";,") {
				t.Fatalf("content line %d has an unescaped ; or , in TEXT: %q", i+1, l)
			}
		}
		if len(stack) == 0 {
			t.Fatalf("content line %d is outside VCALENDAR", i+1)
		}
		stack[len(stack)-1].props[name]++
		if stack[len(stack)-1].props[name] > 1 && slices.Contains([]string{"UID", "DTSTART", "DTSTAMP", "TZID", "VERSION", "PRODID"}, name) {
			t.Fatalf("a %s has %s twice", stack[len(stack)-1].name, name)
		}
	}
	if len(stack) != 0 {
		t.Fatalf("%s is never ended", stack[len(stack)-1].name)
	}
	for id := range used {
		if !tzids[id] {
			t.Fatalf("TZID %s is used without its VTIMEZONE", id)
		}
	}
	return lines
}

// fileZone is one VTIMEZONE as the file says: each onset and the offset
// it brings, in order, expanded up to some year.
type fileZone []struct {
	at     time.Time
	offset int
}

const icsWall = "20060102T150405"

func readFileZone(t *testing.T, tz *ical.VTimezone, until time.Time) fileZone {
	t.Helper()
	var z fileZone
	for _, c := range tz.Components {
		var base ical.ComponentBase
		switch o := c.(type) {
		case *ical.Standard:
			base = o.ComponentBase
		case *ical.Daylight:
			base = o.ComponentBase
		default:
			t.Fatalf("a VTIMEZONE holds a %T", c)
		}
		start, err := time.Parse(icsWall, base.GetProperty(ical.ComponentPropertyDtStart).Value)
		if err != nil {
			t.Fatal(err)
		}
		from := parseUTCOffset(t, base.GetProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom)).Value)
		to := parseUTCOffset(t, base.GetProperty(ical.ComponentProperty(ical.PropertyTzoffsetto)).Value)
		walls := []time.Time{start}
		if rr := base.GetProperty(ical.ComponentPropertyRrule); rr != nil {
			opt, err := rrule.StrToROption(rr.Value)
			if err != nil {
				t.Fatalf("RRULE %s: %v", rr.Value, err)
			}
			opt.Dtstart = start
			r, err := rrule.NewRRule(*opt)
			if err != nil {
				t.Fatal(err)
			}
			walls = r.Between(start, until, true)
			if len(walls) == 0 || !walls[0].Equal(start) {
				t.Fatalf("RRULE %s does not start at its DTSTART %s", rr.Value, start)
			}
		}
		for _, w := range walls { // an onset's wall time is on the clock it ends
			z = append(z, struct {
				at     time.Time
				offset int
			}{w.Add(-time.Duration(from) * time.Second), to})
		}
	}
	slices.SortFunc(z, func(a, b struct {
		at     time.Time
		offset int
	}) int {
		return a.at.Compare(b.at)
	})
	return z
}

func parseUTCOffset(t *testing.T, s string) int {
	t.Helper()
	var h, m, sec int
	if _, err := fmt.Sscanf(s[1:], "%02d%02d", &h, &m); err != nil || len(s) < 5 {
		t.Fatalf("bad UTC offset %q", s)
	}
	if len(s) == 7 {
		_, _ = fmt.Sscanf(s[5:], "%02d", &sec)
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off
}

// offsetAt is the offset the file gives instant; false before its first
// onset (the file does not cover it).
func (z fileZone) offsetAt(instant time.Time) (int, bool) {
	off, ok := 0, false
	for _, o := range z {
		if o.at.After(instant) {
			break
		}
		off, ok = o.offset, true
	}
	return off, ok
}

// instant is the moment a wall time (in UTC fields) names in the file's
// zone: the one offset that agrees with itself.
func (z fileZone) instant(t *testing.T, wall time.Time) time.Time {
	t.Helper()
	for _, o := range z {
		at := wall.Add(-time.Duration(o.offset) * time.Second)
		if off, ok := z.offsetAt(at); ok && off == o.offset {
			return at
		}
	}
	t.Fatalf("the VTIMEZONE does not cover %s", wall)
	return time.Time{}
}
