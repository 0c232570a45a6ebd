package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// TestImportJSONRefusesCSVFlags: --preset and --map describe a CSV's
// columns; given with Rolo's JSON export, which names every field, the
// command refuses them by name instead of ignoring them, and writes
// nothing. The same flags still work with a CSV.
func TestImportJSONRefusesCSVFlags(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "rolo.db")
	getenv := env(map[string]string{"ROLO_DB": db})
	_, err := rolo(t, getenv, "", "demo", "--db", db, "--contacts", "5", "--no-serve")
	is.NoErr(err)
	file := filepath.Join(dir, "contacts.json")
	_, err = rolo(t, getenv, "", "export", "contacts", "--format", "json", "-o", file)
	is.NoErr(err)
	list, err := rolo(t, getenv, "", "import", "list")
	is.NoErr(err)

	for _, c := range []struct {
		flags []string
		named string
	}{
		{[]string{"--preset", "google"}, "--preset does not apply to a JSON file"},
		{[]string{"--map", "Name=display_name"}, "--map does not apply to a JSON file"},
		{[]string{"--preset", "rolo", "--map", "x="}, "--preset and --map do not apply to a JSON file"},
		{[]string{"--encoding", "utf-8"}, "--encoding does not apply to a JSON file"},
	} {
		_, err := rolo(t, getenv, "", append([]string{"import", "contacts", file}, c.flags...)...)
		is.True(err != nil)
		is.True(strings.Contains(err.Error(), "contacts.json: "+c.named))
	}
	after, err := rolo(t, getenv, "", "import", "list")
	is.NoErr(err)
	is.Equal(after, list) // nothing was imported

	_, err = rolo(t, getenv, "", "import", "contacts", file, "--dry-run") // without them it reads
	is.NoErr(err)
	csv := filepath.Join(dir, "people.csv")
	is.NoErr(os.WriteFile(csv, []byte("Name,Mail\nAda Lovelace,ada@example.org\n"), 0o600))
	out, err := rolo(t, getenv, "", "import", "contacts", csv, "--map", "Name=display_name", "--map", "Mail=email", "--dry-run")
	is.NoErr(err)
	is.True(strings.Contains(out, "Would import: 1 created"))
}
