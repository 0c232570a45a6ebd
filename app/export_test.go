package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestExportNeutralisesFormulasAndReimports(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "=HYPERLINK(\"http://evil\")", LastName: "@SUM", Title: "-2+3",
		Notes: "+cmd|' /C calc'!A0", Emails: []store.Labeled{{Value: "eve@example.com"}}, Phones: []store.Labeled{{Value: "+1 415 555 0100"}},
		Tags: []string{"vip"}})
	is.NoErr(err)
	var out bytes.Buffer
	is.NoErr(ta.Export(ctx, admin, &out, "contact", "csv", nil))
	rows, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
	is.NoErr(err)
	is.Equal(len(rows), 2) // header and one contact
	for _, cell := range rows[1] {
		is.True(cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0]))) // no cell starts a formula
	}

	// Rolo's own export comes back with the rolo preset, matched by id.
	ta2 := mustOpenApp(t)
	admin2 := mustSetup(t, ta2)
	rep, err := ta2.Import(ctx, admin2, bytes.NewReader(out.Bytes()), app.ImportOptions{Entity: "contact"})
	is.NoErr(err)
	is.Equal(rep.Preset, "rolo")
	is.Equal(rep.Created, 1)
	list, err := ta2.ListContacts(ctx, nil, store.ListQuery{Limit: 5})
	is.NoErr(err)
	c, err := ta2.Contact(ctx, admin2, list.Rows[0].ID)
	is.NoErr(err)
	is.Equal(c.FirstName, "=HYPERLINK(\"http://evil\")") // the apostrophe is taken off again
	is.Equal(c.Phones[0].Value, "+1 415 555 0100")
	is.Equal(tagNames(c.Tags), "vip")

	var js bytes.Buffer
	is.NoErr(ta.Export(ctx, admin, &js, "contact", "json", nil))
	is.True(strings.Contains(js.String(), `"value": "eve@example.com"`)) // typed: emails are a list of {value, label}
}

func TestVCardImportAndExport(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	for _, name := range []string{"apple.vcf", "google.vcf"} {
		f, err := os.Open(filepath.Join("..", "testdata", "import", name))
		is.NoErr(err)
		rep, err := ta.ImportVCard(ctx, admin, f, app.ImportOptions{Tag: "from-vcard"})
		f.Close()
		is.NoErr(err)
		is.Equal(rep.Problems, nil)
		is.Equal(rep.Created, 2)
	}
	hits, err := ta.Search(ctx, admin, "Nakamura", 5)
	is.NoErr(err)
	is.Equal(len(hits), 1)
	yuki, err := ta.Contact(ctx, admin, hits[0].Ref)
	is.NoErr(err)
	is.Equal(yuki.Birthday, "--03-15")                            // Apple's 1604 means no year
	is.True(strings.Contains(yuki.Notes, "several lines by the")) // folded line joined
	is.Equal(yuki.Address.City, "Chiyoda-ku")

	f, err := os.Open(filepath.Join("..", "testdata", "import", "broken.vcf"))
	is.NoErr(err)
	defer f.Close()
	broken, err := ta.ImportVCard(ctx, admin, f, app.ImportOptions{DryRun: true})
	is.NoErr(err)
	is.Equal(broken.Created, 1) // a line that cannot be read is left out; the card is kept
	is.Equal(len(broken.Warnings), 1)
	is.Equal([]any{broken.Warnings[0].Line, broken.Warnings[0].Message, broken.Warnings[0].Value},
		[]any{1, "error.vcard_line_unreadable", "EMAIL oskar@example.se"}) // named by the line its card begins on, with the line as read

	var out bytes.Buffer
	is.NoErr(ta.Export(ctx, admin, &out, "contact", "vcf", nil))
	is.Equal(strings.Count(out.String(), "BEGIN:VCARD"), 4)
	is.True(strings.Contains(out.String(), "FN:최지우"))
	ta2 := mustOpenApp(t)
	admin2 := mustSetup(t, ta2)
	rep, err := ta2.ImportVCard(ctx, admin2, &out, app.ImportOptions{})
	is.NoErr(err)
	is.Equal(rep.Created, 4) // what Rolo writes, Rolo reads
}
