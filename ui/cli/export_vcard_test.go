package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestExportVCardVersionCommand: `rolo export contacts --format vcf`
// writes vCard 4.0, `--vcard-version 3.0` vCard 3.0; the 3.0 file
// imported into another database with `rolo import vcard` and exported
// again is the same file, and imported into the same database again
// creates nothing. Another version is refused by name.
func TestExportVCardVersionCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := t.Context()
	a, getenv := openCommandDB(t)
	for _, in := range []app.ContactInput{
		{FirstName: "민수", LastName: "김", Title: "Director; sales", Tags: []string{"Seoul, Korea", "vip"},
			Emails: []store.Labeled{{Label: "work", Value: "minsu@example.kr"}, {Label: "Assistant", Value: "desk@example.kr"}}},
		{FirstName: "花子", LastName: "山田", Birthday: "--04-12", Phones: []store.Labeled{{Label: "mobile", Value: "090-1234-5678"}}},
	} {
		_, err := a.CreateContact(ctx, nil, in)
		is.NoErr(err)
	}
	is.NoErr(a.Close())

	four, err := rolo(t, getenv, "", "export", "contacts", "--format", "vcf")
	is.NoErr(err)
	is.True(strings.HasPrefix(four, "BEGIN:VCARD\r\nVERSION:4.0\r\n"))
	file := filepath.Join(t.TempDir(), "contacts.vcf")
	_, err = rolo(t, getenv, "", "export", "contacts", "--format", "vcf", "--vcard-version", "3.0", "-o", file)
	is.NoErr(err)
	three, err := os.ReadFile(file)
	is.NoErr(err)
	is.True(strings.HasPrefix(string(three), "BEGIN:VCARD\r\nVERSION:3.0\r\n"))

	other := env(map[string]string{"ROLO_DB": filepath.Join(t.TempDir(), "other.db")})
	out, err := rolo(t, other, "", "import", "vcard", file)
	is.NoErr(err)
	is.True(strings.Contains(out, "Imported: 2 created"))
	again, err := rolo(t, other, "", "export", "contacts", "--format", "vcf", "--vcard-version", "3.0")
	is.NoErr(err)
	is.Equal(again, string(three))

	out, err = rolo(t, getenv, "", "import", "vcard", file)
	is.NoErr(err)
	is.True(strings.Contains(out, "0 created"))

	_, err = rolo(t, getenv, "", "export", "contacts", "--format", "vcf", "--vcard-version", "2.1")
	is.True(err != nil && strings.Contains(err.Error(), "4.0 or 3.0"))
}
