package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// TestExportAllImportAllCommands: `rolo export all -o FILE` and `rolo
// import all FILE` move a whole database to a new file and back to the
// same document; `export --json` is the same document, and a kind's JSON
// export is that kind's part of it.
func TestExportAllImportAllCommands(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	src := env(map[string]string{"ROLO_DB": filepath.Join(dir, "rolo.db")})
	dst := env(map[string]string{"ROLO_DB": filepath.Join(dir, "restored.db")})
	_, err := rolo(t, src, "", "demo", "--db", filepath.Join(dir, "rolo.db"), "--contacts", "40", "--no-serve")
	is.NoErr(err)
	_, err = rolo(t, src, "", "contacts", "add", "--first-name", "민수", "--last-name", "김", "--email", "minsu@example.kr", "--tag", "b2b, enterprise")
	is.NoErr(err)

	file := filepath.Join(dir, "everything.json")
	_, err = rolo(t, src, "", "export", "all", "-o", file)
	is.NoErr(err)
	written, err := os.ReadFile(file)
	is.NoErr(err)
	legacy, err := rolo(t, src, "", "export", "--json")
	is.NoErr(err)
	is.Equal(legacy, string(written)) // --json without a kind is export all

	var whole map[string]json.RawMessage
	is.NoErr(json.Unmarshal(written, &whole))
	for kind, member := range map[string]string{"contacts": "contacts", "companies": "companies", "deals": "deals"} {
		out, err := rolo(t, src, "", "export", kind, "--format", "json")
		is.NoErr(err)
		var part map[string]json.RawMessage
		is.NoErr(json.Unmarshal([]byte(out), &part))
		is.True(len(whole[member]) > 2)
		is.Equal(string(part[member]), string(whole[member])) // a kind's JSON is its part of export all
		is.Equal(string(part["format"]), `"rolo"`)
	}

	out, err := rolo(t, dst, "", "import", "all", file, "--dry-run")
	is.NoErr(err)
	is.True(strings.Contains(out, "Would restore 6 users"))
	users, err := rolo(t, dst, "", "user", "list")
	is.NoErr(err)
	is.Equal(strings.Count(strings.TrimSpace(users), "\n"), 0) // a dry run keeps nothing
	out, err = rolo(t, dst, "", "import", "all", file)
	is.NoErr(err)
	is.True(strings.Contains(out, "41 contacts"))
	is.True(strings.Contains(out, "rolo user passwd"))
	again, err := rolo(t, dst, "", "export", "all")
	is.NoErr(err)
	is.Equal(again, string(written)) // export → import → export: the same document

	_, err = rolo(t, dst, "", "import", "all", file)
	is.True(err != nil)
	is.True(strings.Contains(err.Error(), "not empty")) // a restore never mixes two databases

	cut := filepath.Join(dir, "cut.json")
	is.NoErr(os.WriteFile(cut, written[:len(written)/3], 0o600))
	empty := env(map[string]string{"ROLO_DB": filepath.Join(dir, "empty.db")})
	_, err = rolo(t, empty, "", "import", "all", cut)
	is.True(err != nil)
	is.True(strings.Contains(err.Error(), "cut short"))
	is.True(strings.Contains(err.Error(), "nothing was written"))
	users, err = rolo(t, empty, "", "user", "list")
	is.NoErr(err)
	is.Equal(strings.Count(strings.TrimSpace(users), "\n"), 0) // the header alone: nothing was written

	_, err = rolo(t, src, "", "export", "all", "--as", "demo1-1@rolo.example")
	is.True(err != nil) // a sales user may not take the whole database
}

// TestKindJSONImportCommand: `rolo import contacts FILE.json` reads the
// JSON export; into the same database it matches every contact by id
// and creates nothing, and its dry run says the same.
func TestKindJSONImportCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "rolo.db")
	getenv := env(map[string]string{"ROLO_DB": db})
	_, err := rolo(t, getenv, "", "demo", "--db", db, "--contacts", "30", "--no-serve")
	is.NoErr(err)
	for _, kind := range []string{"companies", "contacts", "deals"} {
		file := filepath.Join(dir, kind+".json")
		_, err = rolo(t, getenv, "", "export", kind, "--format", "json", "-o", file)
		is.NoErr(err)
		before, err := rolo(t, getenv, "", "export", kind, "--format", "json")
		is.NoErr(err)
		dry, err := rolo(t, getenv, "", "import", kind, file, "--dry-run")
		is.NoErr(err)
		is.True(strings.Contains(dry, "Would import: 0 created")) // matched by id
		out, err := rolo(t, getenv, "", "import", kind, file)
		is.NoErr(err)
		is.True(strings.Contains(out, "Imported: 0 created")) // the same as the dry run
		after, err := rolo(t, getenv, "", "export", kind, "--format", "json")
		is.NoErr(err)
		is.Equal(after, before) // nothing changed
	}

	bad := filepath.Join(dir, "bad.json")
	is.NoErr(os.WriteFile(bad, []byte(`{"format": "rolo", "version": 1, "contacts": [{"id": "x", "emails": [{"value": 5}]}]}`), 0o600))
	_, err = rolo(t, getenv, "", "import", "contacts", bad)
	is.True(err != nil)
	is.True(strings.Contains(err.Error(), "contacts[0].emails[0].value: must be a string, not a number"))
}
