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
			f, g, whole := checkIntact(t, ta, admin, file, byName, w)
			fields, goodFields = fields+f, goodFields+g
			if whole {
				good++
			}
		}
	}
	t.Logf("%d of %d cards intact; %d of %d fields", good, cards, goodFields, fields)
	is.New(t).Equal(good, cards) // every card intact, field by field
}

// checkIntact compares one stored contact with what it must be, field by
// field: how many fields were checked, how many were right, and whether
// all were.
func checkIntact(t *testing.T, ta *testApp, admin *app.User, file string, byName map[string]app.Contact, w intact) (fields, goodFields int, whole bool) {
	t.Helper()
	ctx := context.Background()
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
	whole = true
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
	return fields, goodFields, whole
}

// TestImportCSVSamplesIntact imports the CSV samples of testdata/import,
// each in one program's real layout, with the preset detected, and checks
// every row field by field: "N of M rows intact" fails below 100 %.
func TestImportCSVSamplesIntact(t *testing.T) {
	t.Parallel()
	type sample struct {
		preset string
		rows   []intact
	}
	want := map[string]sample{
		"outlook-de.csv": {"outlook-de", []intact{
			{name: "Klaus Weber", company: "Weber Maschinenbau GmbH", title: "Vertriebsleiter", birthday: "1968-03-12", city: "Stuttgart",
				emails: []string{"klaus.weber@example.de"}, phones: []string{"0711 123458", "0711 123456", "0171 9876543"},
				phoneLabels: []string{"fax", "work", "mobile"}, tags: "Kunden", notes: "Trifft sich gern am Freitag."},
			{name: "Anna Schulz", city: "Leipzig", emails: []string{"anna@example.de"}, phones: []string{"0341 555123", "0341 555999"},
				phoneLabels: []string{"home", "other"}}, // the bad second address left out, the home address kept
		}},
		"outlook-fr.csv": {"outlook-fr", []intact{
			{name: "Camille Durand", company: "Éditions Lumière", title: "Directrice commerciale", birthday: "1982-09-05", city: "Paris",
				emails: []string{"camille.durand@example.fr", "camille@perso.example.fr"}, phones: []string{"01 42 00 00 01", "01 42 00 00 00", "06 12 34 56 78"},
				phoneLabels: []string{"fax", "work", "mobile"}, tags: "Clients,Presse"},
			{name: "Yves Martin", city: "Lyon", phones: []string{"04 78 00 00 00"}, phoneLabels: []string{"home"}},
		}},
		"outlook-ja.csv": {"outlook-ja", []intact{
			{name: "山田太郎", first: "太郎", last: "山田", company: "株式会社サンプル", title: "部長", birthday: "1975-04-01", city: "千代田区",
				emails: []string{"taro.yamada@example.jp"}, phones: []string{"03-1234-5679", "03-1234-5678", "090-1234-5678"},
				phoneLabels: []string{"fax", "work", "mobile"}, tags: "顧客"},
			{name: "佐藤花子", emails: []string{"hanako@example.jp"}, phones: []string{"045-123-4567"}, phoneLabels: []string{"home"}},
		}},
		"linkedin.csv": {"linkedin", []intact{
			{name: "Amara Okafor", emails: []string{"amara@example.ng"}, company: "Lagos Fintech Ltd", title: "Product Manager",
				website: "https://www.linkedin.com/in/amara-okafor-example"},
			{name: "Jonas Lindqvist", company: "Nordic Example AB", title: "Head of Sales, EMEA"},
		}},
		"thunderbird.csv": {"thunderbird", []intact{
			{name: "Ingrid Berg", emails: []string{"ingrid@example.no"}, phones: []string{"+47 912 34 567"}, label: "mobile",
				birthday: "1979-06-21", city: "Oslo", title: "Redaktør", company: "Fjord Forlag"},
		}},
		"google-legacy.csv": {"google-legacy", []intact{
			{name: "Alan Turing", emails: []string{"alan@example.org"}, emailLabels: []string{"home"}, phones: []string{"+44 20 7946 0018"},
				phoneLabels: []string{"mobile"}, company: "Bletchley Example Ltd", title: "Mathematician", city: "London", tags: "Friends", birthday: "1912-06-23"},
		}},
		"google.csv": {"google", []intact{
			{name: "Zoë Müller", emails: []string{"zoe.mueller@example.de"}, emailLabels: []string{"work"}, phones: []string{"+49 151 23456789"},
				phoneLabels: []string{"mobile"}, company: "Müller & Söhne GmbH", city: "Berlin", birthday: "1988-04-12"},
		}},
		"hubspot.csv": {"hubspot", []intact{
			{name: "Priya Sharma", emails: []string{"priya.sharma@example.in"}, phones: []string{"+91 98765 43210"}, company: "Tata Example", title: "CTO", city: "Mumbai"},
			{name: "Liam Walsh", emails: []string{"liam@example.ie"}, title: "Founder", city: "Dublin"},
		}},
		"pipedrive-persons.csv": {"pipedrive", []intact{
			{name: "Hana Sato", emails: []string{"hana.sato@example.jp"}, emailLabels: []string{"work"}, phones: []string{"+81 3-1234-5678"},
				phoneLabels: []string{"work"}, company: "Example KK", tags: "Hot lead"},
			{name: "Tom Becker", emails: []string{"tom.becker@example.de"}, emailLabels: []string{"work"}, company: "Becker Bau"},
		}},
	}
	rows, good, fields, goodFields := 0, 0, 0, 0
	for file, s := range want {
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		f, err := os.Open(filepath.Join("..", "testdata", "import", file))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ta.Import(context.Background(), admin, f, app.ImportOptions{Entity: "contact", FileName: file})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if rep.Preset != s.preset {
			t.Errorf("%s: detected as %q, want %q", file, rep.Preset, s.preset)
		}
		if rep.Failed > 0 {
			t.Errorf("%s: %d rows refused: %+v", file, rep.Failed, rep.Problems)
		}
		byName := contactsByName(t, ta, admin)
		for _, w := range s.rows {
			rows++
			f, g, whole := checkIntact(t, ta, admin, file, byName, w)
			fields, goodFields = fields+f, goodFields+g
			if whole {
				good++
			}
		}
	}
	t.Logf("%d of %d rows intact; %d of %d fields", good, rows, goodFields, fields)
	is.New(t).Equal(good, rows) // every row intact, field by field
}
