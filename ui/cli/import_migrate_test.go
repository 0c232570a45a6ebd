package cli_test

import (
	"archive/zip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// zipDir zips the files of dir into a file, under a folder as an export
// download has them, with extra entries (name → content).
func zipDir(t *testing.T, dir string, extra map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	put := func(name string, data []byte) {
		fw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		put("export/"+e.Name(), data)
	}
	for name, data := range extra {
		put(name, []byte(data))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportPipedriveCommand: `rolo import pipedrive DIR --dry-run`
// prints the plan; the real run says its batch and how to undo it; the
// same export zipped adds nothing; `rolo import undo` takes it all back;
// a zip that climbs out of its folder is refused, naming the entry.
func TestImportPipedriveCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	getenv := env(map[string]string{"ROLO_DB": filepath.Join(t.TempDir(), "rolo.db")})
	for _, u := range [][3]string{{"ada@example.com", "Ada", "admin"}, {"sam.rivera@rolo.test", "Sam Rivera", "sales"}, {"kim@example.com", "Kim Park", "sales"}} {
		_, err := rolo(t, getenv, "s3cret-password\n", "user", "add", "--email", u[0], "--name", u[1], "--role", u[2])
		is.NoErr(err)
	}
	export := filepath.Join("..", "..", "testdata", "migrate", "pipedrive")

	out, err := rolo(t, getenv, "", "import", "pipedrive", export, "--dry-run", "--owner", "Morgan Lee=ada@example.com",
		"--stage", "Partnerships / Intro Call=Sales / Demo")
	is.NoErr(err)
	for _, want := range []string{
		`(?m)^  contacts +5 rows +5 created +0 already here +0 refused$`,
		`(?m)^  activities +5 rows +5 created`,
		`(?m)^  Sales Pipeline +\(to create\)$`,
		`(?m)^    Negotiations Started +open +to create +1 deals$`,
		`(?m)^    Intro Call +open +→ existing stage 00000000-0000-7000-8000-000000000013 +1 deals$`, // mapped by name
		`(?m)^  Sam Rivera +→ Sam Rivera <sam.rivera@rolo.test> +\(matched by name\)`,
		`(?m)^  kim@example.com +→ Kim Park <kim@example.com> +\(matched by email\)`,
		`(?m)^  Morgan Lee +→ Ada <ada@example.com> +\(as --owner says\)`,
		`left out: deals.csv line 3: Deal - Value: .*\("12,5k"\); the rest of the row kept`,
		`left out: people.csv line 6: Person - Add time: .*\("2025-06-31 11:45:00"\); the rest of the row kept`,
		`(?m)^skipped: deals.csv line 7: .*deleted.*\("deleted"\)$`, // Pipedrive's deleted deal
		`(?m)^  deals +6 rows +5 created +1 already here +0 refused$`,
		`Dry run: nothing was written.`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("the plan lacks %s:\n%s", want, out)
		}
	}

	out, err = rolo(t, getenv, "", "import", "pipedrive", export)
	is.NoErr(err)
	batch := regexp.MustCompile(`undo it with: rolo import undo (\S+)`).FindStringSubmatch(out)
	is.True(batch != nil) // the batch and how to undo it
	is.True(regexp.MustCompile(`(?m)^  deals +6 rows +5 created`).MatchString(out))
	is.True(regexp.MustCompile(`(?m)^  Sales Pipeline +\(created\)$`).MatchString(out))
	list, err := rolo(t, getenv, "", "import", "list")
	is.NoErr(err)
	is.True(strings.Contains(list, batch[1])) // listed with the other imports

	zipped := zipDir(t, export, map[string]string{"export/notes.txt": "not a table", "__MACOSX/export/._deals.csv": "\x00\x05"})
	out, err = rolo(t, getenv, "", "import", "pipedrive", zipped)
	is.NoErr(err)
	is.True(regexp.MustCompile(`(?m)^  deals +6 rows +0 created +6 already here`).MatchString(out)) // a second run adds nothing
	is.True(strings.Contains(out, "ignored: export/notes.txt: "))

	out, err = rolo(t, getenv, "", "import", "undo", batch[1])
	is.NoErr(err)
	out, err = rolo(t, getenv, "", "import", "pipedrive", export, "--dry-run")
	is.NoErr(err)
	is.True(regexp.MustCompile(`(?m)^  deals +6 rows +5 created`).MatchString(out)) // undone: all of it would come again
	is.True(regexp.MustCompile(`(?m)^  Sales Pipeline +\(to create\)$`).MatchString(out))

	lonely := t.TempDir() // a note on a deal the export does not hold: refused, and the exit says so
	is.NoErr(os.WriteFile(filepath.Join(lonely, "notes.csv"), []byte("Note - ID,Note - Content,Deal - ID\n1,Call back,999\n"), 0o600))
	out, err = rolo(t, getenv, "", "import", "pipedrive", lonely, "--dry-run")
	is.True(err != nil && strings.Contains(err.Error(), "1 of 1 rows would be refused"))
	is.True(strings.Contains(out, "refused: notes.csv line 2: ")) // by file and line

	evil := zipDir(t, export, map[string]string{"../../evil.csv": "Deal - Title\nx\n"})
	_, err = rolo(t, getenv, "", "import", "pipedrive", evil)
	is.True(err != nil && strings.Contains(err.Error(), "../../evil.csv: ") && strings.Contains(err.Error(), "outside")) // names the entry
}
