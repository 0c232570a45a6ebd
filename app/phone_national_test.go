package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"

	"rolo/store"
)

// typedPhones are numbers as people type them, each with the region it
// is read in: the example number of every region and type the phone
// library knows, written the international, the national and the E.164
// way and with other last digits, and numbers of the kinds contacts
// carry (Italian leading zeros, Korean 010 mobiles, Japan, China, the
// US, Germany with its "(0)" and a prefix typed twice, extensions).
func typedPhones() [][2]string {
	var out [][2]string
	regions := make([]string, 0, len(phonenumbers.GetSupportedRegions()))
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, region := range regions {
		for typ := phonenumbers.FIXED_LINE; typ < phonenumbers.UNKNOWN; typ++ {
			n := phonenumbers.GetExampleNumberForType(region, typ)
			if n == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(n)
			other := fmt.Sprintf("+%d%s%d", n.GetCountryCode(), nsn[:len(nsn)-1], (int(nsn[len(nsn)-1]-'0')+7)%10)
			out = append(out,
				[2]string{phonenumbers.Format(n, phonenumbers.INTERNATIONAL), "US"},
				[2]string{phonenumbers.Format(n, phonenumbers.NATIONAL), region},
				[2]string{phonenumbers.Format(n, phonenumbers.E164), region},
				[2]string{other, "DE"})
		}
	}
	for code := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(code); n != nil {
			out = append(out, [2]string{phonenumbers.Format(n, phonenumbers.INTERNATIONAL), "US"})
		}
	}
	for _, c := range [][2]string{
		{"+39 06 6982 0000", "US"}, {"06 6982 0000", "IT"}, {"+39 02 1234 5678", "IT"}, {"0039 06 698 12345", "FR"},
		{"+39 0000 12345", "IT"}, {"+39 333 123 4567", "IT"}, {"+378 0549 882 000", "US"}, {"+225 01 23 45 67 89", "US"},
		{"010-1234-5678", "KR"}, {"010 5555 6666", "KR"}, {"+82 10-1234-5678", "JP"}, {"02-312-3456", "KR"}, {"+82 (0)10 1234 5678", "US"},
		{"090-1234-5678", "JP"}, {"03-1234-5678", "JP"}, {"010 82 10 5555 6666", "JP"}, {"0120-123-456", "JP"},
		{"138 0013 8000", "CN"}, {"010 1234 5678", "CN"}, {"+86 21 6321 4567", "US"}, {"+86 0 21 6321 4567", "US"},
		{"(415) 555-0142", "US"}, {"1 (650) 253-0000", "US"}, {"+1 415 555 0142 ext. 12", "US"}, {"415.555.0199 x7", "US"},
		{"030 1234567", "DE"}, {"+49 (0)30 1234567", "US"}, {"+49 0 030 1234567", "US"}, {"+49 00 30 1234567", "US"},
		{"0151 23456789", "DE"}, {"+49 89 636-48018", "FR"}, {"+44 (0)20 7946 0000", "US"}, {"+44 0 020 7946 0000", "US"},
		{"8 800 555-35-35", "RU"}, {"+7 8 800 555 35 35", "US"}, {"+54 9 11 1234-5678", "US"}, {"011 15-1234-5678", "AR"},
		{"+52 1 55 1234 5678", "US"}, {"+33 6 12 34 56 78", "US"}, {"+261 34 12 345 67", "US"},
	} {
		out = append(out, c)
	}
	return out
}

// TestReadPhoneKeepsNationalDigits: the national digits readPhone keeps
// are those phoneDigits finds by parsing the E.164 form again, for every
// number; most are kept (no second parse), and a number still beginning
// with a national prefix is left to the parse.
func TestReadPhoneKeepsNationalDigits(t *testing.T) {
	read, kept := 0, 0
	var parsed []string
	for _, c := range typedPhones() {
		raw, region := c[0], c[1]
		e164 := NormalizePhone(raw, region)
		known := &nationalForms{}
		if got := readPhone(withNationalForms(context.Background(), known), raw, region); got != e164 {
			t.Fatalf("%q in %s: readPhone %q, NormalizePhone %q", raw, region, got, e164)
		}
		if e164 == "" {
			continue
		}
		read++
		p := store.Phone{Value: raw, E164: e164}
		want, got := phoneDigits(p), phoneDigitsKnown(p, known)
		if !slices.Equal(got, want) {
			t.Errorf("%q in %s (%s): %q, parsing again %q", raw, region, e164, got, want)
		}
		if _, ok := known.of(e164); ok {
			kept++
		} else {
			parsed = append(parsed, raw)
		}
	}
	t.Logf("%d numbers read, national digits kept for %d; parsed again: %q", read, kept, parsed)
	if read < 1000 || kept < read*9/10 {
		t.Fatalf("%d numbers read, national digits kept for only %d", read, kept)
	}
	if !slices.Contains(parsed, "+49 0 030 1234567") {
		t.Fatalf("a prefix typed twice was not left to the parse: %q", parsed)
	}
}

// TestNationalFormsAreTheRowsOwn: without nationalForms in the context
// nothing is kept, and a number another row read is not known.
func TestNationalFormsAreTheRowsOwn(t *testing.T) {
	if got := readPhone(context.Background(), "010-1234-5678", "KR"); got != "+821012345678" {
		t.Fatalf("readPhone %q", got)
	}
	a, b := &nationalForms{}, &nationalForms{}
	readPhone(withNationalForms(context.Background(), a), "010-1234-5678", "KR")
	if d, ok := a.of("+821012345678"); !ok || d != "01012345678" {
		t.Fatalf("kept %q %v", d, ok)
	}
	if _, ok := b.of("+821012345678"); ok {
		t.Fatal("another row's number is known")
	}
}

// TestImportRowKeepsNationalDigits: a contact row of an import keeps the
// national digits of the numbers validation read, and its search text is
// the one indexing the stored contact writes (which parses them again).
func TestImportRowKeepsNationalDigits(t *testing.T) {
	a, admin := openFirstPassApp(t)
	var csv strings.Builder
	csv.WriteString("First Name,Last Name,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Organization Name\n")
	for i, c := range typedPhones() {
		if c[1] == "US" {
			fmt.Fprintf(&csv, "Ann,Row %d,ann%d@example.com,Mobile,%s,Example Ltd\n", i, i, c[0])
		}
	}
	ctx := context.WithValue(context.Background(), phoneRegionKey{}, "US")
	opt := ImportOptions{Entity: "contact", Preset: "google"}
	if err := a.checkImportOptions(ctx, &opt); err != nil {
		t.Fatal(err)
	}
	imp, err := a.newImporter(ctx, admin, opt)
	if err != nil {
		t.Fatal(err)
	}
	table, _, err := imp.open(strings.NewReader(csv.String()), opt)
	if err != nil {
		t.Fatal(err)
	}
	imp.writing = true // rows read to be written, as in the write pass
	phones, kept := 0, 0
	for {
		row, err := table.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rec, problems := imp.parse(ctx, row)
		r, ok := rec.(*contactRow)
		if !ok {
			t.Fatalf("line %d refused: %v", row.Line, problems)
		}
		r.prepareDoc()
		c := r.c
		for _, name := range r.tags {
			c.Tags = append(c.Tags, Tag{Name: name})
		}
		if want := contactDoc(c, r.company); r.doc != want {
			t.Fatalf("line %d: search text %+v, indexing the contact %+v", row.Line, r.doc, want)
		}
		for _, p := range r.c.Phones {
			if p.E164 == "" {
				continue
			}
			phones++
			if _, ok := r.nationals.of(p.E164); ok {
				kept++
			}
		}
	}
	if phones < 500 || kept < phones*9/10 {
		t.Fatalf("%d numbers read, national digits kept for %d", phones, kept)
	}
}
