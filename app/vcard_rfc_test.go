package app_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// vcardTeam sets up a database as both ends of the trip have it: the
// admin, a salesperson who owns contacts (matched by email), and custom
// fields of every kind a card carries as X-ROLO-FIELD.
func vcardTeam(t *testing.T, ta *testApp) (admin, bo app.Actor) {
	t.Helper()
	ctx := context.Background()
	admin = mustSetup(t, ta)
	bo, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Bo Sales", Email: "bo@example.com", Role: app.RoleSales, Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	options := []app.FieldOption{{Label: "Seoul, Korea"}, {Label: "Tokyo; Japan"}, {Label: "東京、大阪"}}
	for _, f := range []app.FieldInput{
		{Key: "region", Label: "Region", Type: "multi_select", Options: options},
		{Key: "tier", Label: "Tier", Type: "select", Options: options},
		{Key: "memo", Label: "Memo", Type: "long_text"},
		{Key: "score", Label: "Score", Type: "number"},
		{Key: "since", Label: "Since", Type: "date"},
		{Key: "active", Label: "Active", Type: "bool"},
	} {
		if _, err := ta.CreateCustomField(ctx, admin, "contact", f); err != nil {
			t.Fatal(err)
		}
	}
	return admin, bo
}

// vcardPhoto is a photo as Rolo stores it (a re-encoded JPEG), noisy
// enough to weigh about 60 KB.
func vcardTestPhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 330, 330))
	rnd := rand.New(rand.NewPCG(1, 2))
	for y := range 330 {
		for x := range 330 {
			img.Set(x, y, color.RGBA{uint8(x + rnd.IntN(60)), uint8(y + rnd.IntN(60)), uint8(rnd.IntN(255)), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// vcardSeed adds contacts whose values are hard for a vCard: semicolons,
// commas, backslashes and line breaks in every field, CJK, emoji where
// lines fold, custom labels, tags holding commas and semicolons, a
// birthday without a year, a photo. It returns how many it added.
func vcardSeed(t *testing.T, ta *testApp, admin, bo app.Actor) int {
	t.Helper()
	ctx := context.Background()
	acme, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Acme; Widgets, Inc.", NoOwner: true})
	if err != nil {
		t.Fatal(err)
	}
	sakura, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "株式会社さくら", NoOwner: true})
	if err != nil {
		t.Fatal(err)
	}
	var folds strings.Builder // an emoji and a flag at every offset of a fold
	for k := range 8 {
		folds.WriteString(strings.Repeat("x", k) + "😀🇰🇷 한국어 テキスト 中文\n")
	}
	contacts := []app.ContactInput{{
		FirstName: "Jean;Paul", LastName: `O'Brien, Jr.\`, Title: "CEO, founder; chair", CompanyID: acme.ID,
		Emails: []store.Labeled{{Label: "work", Value: "jp@acme.example"}, {Label: "Assistant; desk", Value: "desk@acme.example"},
			{Label: "home", Value: "jp@home.example"}, {Value: "jp@nolabel.example"}},
		Phones: []store.Labeled{{Label: "mobile", Value: "+82 10-1234-5678"}, {Label: "work fax", Value: "+82 2 555 0101"},
			{Label: "회사 대표", Value: "02-555-0100"}, {Label: "pager", Value: "1234"}},
		Address:  store.Address{Street: "1 Main St\nSuite 5; rear", City: "서울", Region: "Gangnam-gu", PostalCode: "06000", Country: "KR"},
		Birthday: "1985-04-12", Website: "https://acme.example/a?b=1,2;c",
		Social: []store.Labeled{{Label: "linkedin", Value: "https://www.linkedin.com/in/jp"}, {Label: "my blog", Value: "https://blog.example/jp"},
			{Value: "@jp"}},
		Notes:           "Line one, with a comma; and a semicolon\nback\\slash: \\n is not a newline\n\n" + folds.String() + "end",
		Tags:            []string{"Acme, Inc. partner", "a;b", `back\slash`, "東京、大阪", "VIP", "😀 fans"},
		LeadSource:      "Web form; spring, 2026",
		LifecycleStatus: "customer",
		OwnerID:         bo.ID,
		CustomFields: app.CustomValues{"region": []string{"Seoul, Korea", "東京、大阪"}, "tier": "Tokyo; Japan",
			"memo": "line one\nline \"two\", three; four\\", "score": 42.5, "since": "2024-02-29", "active": true},
	}, {
		FirstName: "지우", LastName: "최", CompanyID: sakura.ID, Title: "部長",
		Emails:   []store.Labeled{{Label: "other", Value: "jiwoo@sakura.example"}},
		Birthday: "--02-29", LifecycleStatus: "lead", Tags: []string{"한국"}, NoOwner: true,
	}, {
		DisplayName: "Only a phone", Phones: []store.Labeled{{Label: "main", Value: "+1 (555) 010-9999 ext. 7"}}, NoOwner: true,
	}}
	var first string
	for i, in := range contacts {
		c, err := ta.CreateContact(ctx, admin, in)
		if err != nil {
			t.Fatalf("contact %d: %v", i, err)
		}
		if i == 0 {
			first = c.ID
		}
	}
	if err := ta.SetContactPhoto(ctx, admin, first, vcardTestPhoto(t)); err != nil {
		t.Fatal(err)
	}
	photo, _, err := ta.ContactPhoto(ctx, admin, first)
	if err != nil || len(photo) < 50<<10 {
		t.Fatalf("the photo weighs %d bytes (%v), want about 60 KB", len(photo), err)
	}
	return len(contacts)
}

func exportVCards(t *testing.T, ta *testApp, actor app.Actor, version string) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := ta.ExportVCards(context.Background(), actor, &out, version, nil); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestVCardLinesFollowRFC reads the export as RFC 6350 §3.2 and §3.4
// describe it, without Rolo's reader: CRLF line ends, lines of at most
// 75 octets each of whole UTF-8 characters, continuations starting with
// a space; CATEGORIES splits into the tags at its unescaped commas; ORG's
// first component is the whole company name.
func TestVCardLinesFollowRFC(t *testing.T) {
	t.Parallel()
	ta := mustOpenApp(t)
	admin, bo := vcardTeam(t, ta)
	vcardSeed(t, ta, admin, bo)
	for _, version := range []string{"4.0", "3.0"} {
		is := is.New(t)
		out := string(exportVCards(t, ta, admin, version))
		is.True(strings.HasSuffix(out, "END:VCARD\r\n"))
		is.Equal(strings.Count(out, "\n"), strings.Count(out, "\r\n")) // no bare line feed
		var logical []string
		for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) {
				t.Fatalf("%s: a line of %d octets (valid UTF-8: %v): %q", version, len(line), utf8.ValidString(line), line)
			}
			if rest, ok := strings.CutPrefix(line, " "); ok {
				logical[len(logical)-1] += rest
				continue
			}
			logical = append(logical, line)
		}
		value := func(name string) string {
			for _, l := range logical {
				if v, ok := strings.CutPrefix(l, name+":"); ok {
					return v
				}
			}
			t.Fatalf("%s: no %s line", version, name)
			return ""
		}
		is.Equal(rfcSplit(value("CATEGORIES"), ','), []string{"a;b", "Acme, Inc. partner", `back\slash`, "VIP", "東京、大阪", "😀 fans"})
		is.Equal(rfcSplit(value("ORG"), ';')[0], "Acme; Widgets, Inc.")
		is.Equal(rfcSplit(value("N"), ';')[:2], []string{`O'Brien, Jr.\`, "Jean;Paul"})
		is.Equal(rfcSplit(value("ADR"), ';')[2], "1 Main St\nSuite 5; rear")
		notes := rfcSplit(value("NOTE"), 0)[0]
		is.True(strings.HasPrefix(notes, "Line one, with a comma; and a semicolon\nback\\slash: \\n is not a newline\n\n😀🇰🇷"))
	}
}

// rfcSplit splits a value at unescaped sep and unescapes \\ \, \; \n.
func rfcSplit(s string, sep byte) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			if s[i] == 'n' || s[i] == 'N' {
				cur.WriteByte('\n')
			} else {
				cur.WriteByte(s[i])
			}
		case s[i] == sep:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	return append(out, cur.String())
}

// TestVCardLeavesOutHiddenFields: a custom field hidden from a role is
// not in the vCards that role exports; a read-only one is.
func TestVCardLeavesOutHiddenFields(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := t.Context()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	salary, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "salary", Label: "Salary", Type: "number"})
	is.NoErr(err)
	tier, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "tier", Label: "Tier", Type: "text"})
	is.NoErr(err)
	_, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Field", CustomFields: app.CustomValues{"salary": 90000, "tier": "gold"}})
	is.NoErr(err)
	sales, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "S", Email: "s@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	is.NoErr(ta.SetFieldProtection(ctx, admin, salary.ID, app.RoleSales, app.FieldHidden))
	is.NoErr(ta.SetFieldProtection(ctx, admin, tier.ID, app.RoleSales, app.FieldReadOnly))
	for _, version := range []string{"4.0", "3.0"} {
		theirs := string(exportVCards(t, ta, sales, version))
		is.True(!strings.Contains(theirs, "X-KEY=salary") && !strings.Contains(theirs, "90000"))
		is.True(strings.Contains(theirs, "\r\nX-ROLO-FIELD;X-KEY=tier:gold\r\n"))
		is.True(strings.Contains(string(exportVCards(t, ta, admin, version)), "\r\nX-ROLO-FIELD;X-KEY=salary:90000\r\n"))
	}
}
