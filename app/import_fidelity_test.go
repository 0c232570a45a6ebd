package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// intact is what one card or row must become, field by field; an empty
// expectation is not checked, phones and emails are compared as lists.
type intact struct {
	name                                  string // display name, to find it
	emails, phones                        []string
	company, title, birthday, website     string
	notes, city, tags, first, last, label string // label: of the first phone
	emailLabels, phoneLabels              []string
}

// TestImportSamplesIntact imports every sample of testdata/import/vcard
// (one file per trap real address books set) and checks each card field
// by field: "N of M cards intact" fails below 100 %.
func TestImportSamplesIntact(t *testing.T) {
	t.Parallel()
	want := map[string][]intact{
		"v21-quoted-printable.vcf": {{name: "Jörg Müller", first: "Jörg", last: "Müller", company: "Bäckerei Müller GmbH", title: "Inhaber",
			phones: []string{"+49 171 2345678", "030 1234567"}, phoneLabels: []string{"mobile", "work"}, emails: []string{"joerg@example.de"}, website: "https://baeckerei.example.de",
			notes: "Liefert jeden Morgen Brötchen, außer sonntags."}},
		"latin1.vcf": {{name: "Amélie Lefèvre", company: "Société Générale d'Exemple", emails: []string{"amelie@example.fr"}, phones: []string{"01 42 68 53 00"}}},
		"utf16.vcf":  {{name: "Sven Ångström", emails: []string{"sven@example.se"}, phones: []string{"+46 70 123 45 67"}, label: "mobile"}},
		"apple-escapes.vcf": {{name: "Johnny Appleseed", company: "Apple; Inc.", title: "Engineer, Platform", emails: []string{"johnny@example.com"},
			phones: []string{"+1 (408) 555-0100"}, label: "mobile", website: "http://appleseed.example.com/about", birthday: "1980-03-14",
			notes: "First line\nSecond line, with a comma; and a semicolon"}},
		"missing-end.vcf": {{name: "Nadia Okafor", emails: []string{"nadia@example.ng"}}, {name: "Tomás Rivera", emails: []string{"tomas@example.mx"}}},
		"phone-and-company-only.vcf": {{name: "+261 34 12 345 67", phones: []string{"+261 34 12 345 67"}},
			{name: "Rakoto Transport SARL", company: "Rakoto Transport SARL", phones: []string{"+261 20 22 123 45"}}},
		"bad-values.vcf": {{name: "Broken Fields", emails: []string{"broken@example.org"}, phones: []string{"(555) 010-0199"}},
			{name: "+44 20 7946 0018", phones: []string{"+44 20 7946 0018"}}}, // the bad email left out, the phone names it
		"labels.vcf": {{name: "Layla Haddad", emails: []string{"layla@work.example", "layla@home.example", "layla@school.example", "layla@other.example"},
			emailLabels: []string{"work", "home", "school", "other"},
			phones:      []string{"+961 3 123 456", "+961 1 123 456", "+961 1 123 457", "01 234 567", "+961 3 999 888", "+961 3 000 111"},
			phoneLabels: []string{"mobile", "work", "work fax", "home", "assistant", ""}},
			{name: "Petr Novak", phones: []string{"+420 601 123 456", "+420 601 999 999"}, phoneLabels: []string{"home", "pager"},
				emails: []string{"petr@example.cz"}, emailLabels: []string{"work"}}},
		"v40-uri.vcf": {{name: "Mei Lin", phones: []string{"+86-138-0013-8000"}, label: "mobile", emails: []string{"mei.lin@example.cn"}, birthday: "--04-12",
			notes: "A long note that the exporter folded across two lines because it is longer than seventy-five octets.", tags: "Asia,Suppliers"}},
	}
	cards, good, fields, goodFields := 0, 0, 0, 0
	for file, cases := range want {
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		ctx := context.Background()
		f, err := os.Open(filepath.Join("..", "testdata", "import", "vcard", file))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ta.ImportVCard(ctx, admin, f, app.ImportOptions{FileName: file})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if rep.Failed > 0 {
			t.Errorf("%s: %d cards refused: %+v", file, rep.Failed, rep.Problems)
		}
		byName := contactsByName(t, ta, admin)
		for _, w := range cases {
			cards++
			c, ok := byName[w.name]
			var company string
			if ok && c.CompanyID != "" {
				co, err := ta.Company(ctx, admin, c.CompanyID)
				if err == nil {
					company = co.Name
				}
			}
			var emails, phones, tags, emailLabels, phoneLabels []string
			for _, e := range c.Emails {
				emails, emailLabels = append(emails, e.Value), append(emailLabels, e.Label)
			}
			for _, p := range c.Phones {
				phones, phoneLabels = append(phones, p.Value), append(phoneLabels, p.Label)
			}
			for _, tg := range c.Tags {
				tags = append(tags, tg.Name)
			}
			slices.Sort(tags)
			label := ""
			if len(c.Phones) > 0 {
				label = c.Phones[0].Label
			}
			checks := []struct{ field, want, got string }{
				{"found", "yes", map[bool]string{true: "yes"}[ok]},
				{"emails", strings.Join(w.emails, "|"), strings.Join(emails, "|")},
				{"phones", strings.Join(w.phones, "|"), strings.Join(phones, "|")},
				{"company", w.company, company}, {"title", w.title, c.Title}, {"birthday", w.birthday, c.Birthday},
				{"website", w.website, c.Website}, {"notes", w.notes, c.Notes}, {"city", w.city, c.Address.City},
				{"tags", w.tags, strings.Join(tags, ",")}, {"first_name", w.first, c.FirstName}, {"last_name", w.last, c.LastName},
				{"phone label", w.label, label},
			}
			if w.emailLabels != nil {
				checks = append(checks, struct{ field, want, got string }{"email labels", strings.Join(w.emailLabels, "|"), strings.Join(emailLabels, "|")})
			}
			if w.phoneLabels != nil {
				checks = append(checks, struct{ field, want, got string }{"phone labels", strings.Join(w.phoneLabels, "|"), strings.Join(phoneLabels, "|")})
			}
			whole := true
			for _, ch := range checks {
				if ch.want == "" {
					continue
				}
				fields++
				if ch.want == ch.got {
					goodFields++
					continue
				}
				whole = false
				t.Errorf("%s, %s: %s is %q, want %q", file, w.name, ch.field, ch.got, ch.want)
			}
			if whole {
				good++
			}
		}
	}
	t.Logf("%d of %d cards intact; %d of %d fields", good, cards, goodFields, fields)
	is.New(t).Equal(good, cards) // every card intact, field by field
}
