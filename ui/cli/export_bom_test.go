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

// TestExportBOMCommand: `rolo export contacts --bom` starts the CSV with
// a UTF-8 byte-order mark (for Excel on Windows), without the flag it
// does not, and the file with the mark imports into another database with
// every name and field intact.
func TestExportBOMCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := t.Context()
	a, getenv := openCommandDB(t)
	for _, in := range []app.ContactInput{
		{FirstName: "민수", LastName: "김", Emails: []store.Labeled{{Value: "minsu@example.com"}}},
		{FirstName: "花子", LastName: "山田", Emails: []store.Labeled{{Value: "hanako@example.com"}}},
		{FirstName: "伟", LastName: "王", Emails: []store.Labeled{{Value: "wei@example.com"}}},
	} {
		_, err := a.CreateContact(ctx, nil, in)
		is.NoErr(err)
	}
	is.NoErr(a.Close())

	plain, err := rolo(t, getenv, "", "export", "contacts")
	is.NoErr(err)
	is.True(!strings.HasPrefix(plain, "\uFEFF")) // no mark unless asked
	file := filepath.Join(t.TempDir(), "contacts.csv")
	_, err = rolo(t, getenv, "", "export", "contacts", "--bom", "-o", file)
	is.NoErr(err)
	data, err := os.ReadFile(file)
	is.NoErr(err)
	is.True(strings.HasPrefix(string(data), "\xEF\xBB\xBF")) // the three bytes Excel looks for
	is.Equal(string(data), "\uFEFF"+plain)                   // and nothing else differs
	json, err := rolo(t, getenv, "", "export", "contacts", "--bom", "--format", "json")
	is.NoErr(err)
	is.True(!strings.HasPrefix(json, "\uFEFF")) // a CSV thing only

	other := env(map[string]string{"ROLO_DB": filepath.Join(t.TempDir(), "other.db")})
	out, err := rolo(t, other, "", "import", "contacts", file, "--preset", "rolo")
	is.NoErr(err)
	is.True(strings.Contains(out, "Imported: 3 created"))
	again, err := rolo(t, other, "", "export", "contacts")
	is.NoErr(err)
	header := func(csv string) string { return strings.SplitN(csv, "\n", 2)[0] }
	is.Equal(header(again), header(plain)) // the first column's name came through without the mark
	for _, name := range []string{"민수", "김", "花子", "山田", "伟", "王", "minsu@example.com"} {
		is.True(strings.Contains(again, name))
	}
}
