package app_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// zipOf makes a zip of files (name → content) as an export download is.
func zipOf(t testing.TB, files []app.MigrationFile) *bytes.Reader {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range files {
		fw, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(f.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(buf.Bytes())
}

// TestMigrateFromZip: the sample export zipped in a folder, with a
// macOS resource fork and a file that is no CSV, migrates as the
// directory does; the other file is listed as ignored, with why.
func TestMigrateFromZip(t *testing.T) {
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	var files []app.MigrationFile
	for _, f := range exportFiles(t, "pipedrive") {
		files = append(files, app.MigrationFile{Name: "pipedrive-export/" + f.Name, Data: f.Data})
	}
	files = append(files, app.MigrationFile{Name: "pipedrive-export/README.pdf", Data: []byte("%PDF-1.7 not a table")},
		app.MigrationFile{Name: "__MACOSX/pipedrive-export/._deals.csv", Data: []byte{0, 5, 22, 7}},
		app.MigrationFile{Name: "pipedrive-export/products.csv", Data: []byte("Product - Name,Product - Price\nWidget,10\n")})
	z := zipOf(t, files)
	read, err := app.ReadMigrationZip(z, z.Size())
	is.NoErr(err)
	is.Equal(len(read), 7) // the resource fork is left out

	zipped, err := ta.Migrate(t.Context(), team.admin, app.MigrateOptions{Source: "pipedrive", Files: read, DryRun: true})
	is.NoErr(err)
	fromDir, err := ta.Migrate(t.Context(), team.admin, app.MigrateOptions{Source: "pipedrive", Files: exportFiles(t, "pipedrive"), DryRun: true})
	is.NoErr(err)
	is.Equal(zipped.Counts, fromDir.Counts)
	ignored := map[string]string{}
	for _, w := range zipped.Warnings {
		if w.Line == 0 {
			ignored[w.File] = w.Message
		}
	}
	is.Equal(ignored, map[string]string{"pipedrive-export/README.pdf": "error.migration_file_not_csv",
		"pipedrive-export/products.csv": "error.migration_file_unknown"})
}

// TestMigrationZipRefusals: a zip that would write outside its folder,
// a file over the bound (as the zip says, or as the disk has it), and a
// file that is no zip are refused with a message naming the file.
func TestMigrationZipRefusals(t *testing.T) {
	is := is.New(t)
	refused := func(z *bytes.Reader) *app.Error {
		_, err := app.ReadMigrationZip(z, z.Size())
		is.True(err != nil)
		return app.AsError(err)
	}
	for _, name := range []string{"../../etc/cron.d/evil.csv", "/tmp/evil.csv", `..\evil.csv`, "export/../../evil.csv"} {
		e := refused(zipOf(t, []app.MigrationFile{{Name: "deals.csv", Data: []byte("Deal - Title\nx\n")}, {Name: name, Data: []byte("x")}}))
		is.Equal(e.Message, "error.migration_zip_unsafe")
		is.Equal(e.Detail, name)
	}

	var buf bytes.Buffer // an entry that says it inflates to 300 MB
	w := zip.NewWriter(&buf)
	fw, err := w.CreateRaw(&zip.FileHeader{Name: "huge.csv", Method: zip.Store, CompressedSize64: 3, UncompressedSize64: 300 << 20})
	is.NoErr(err)
	_, err = fw.Write([]byte("a,b"))
	is.NoErr(err)
	is.NoErr(w.Close())
	e := refused(bytes.NewReader(buf.Bytes()))
	is.Equal(e.Message, "error.migration_file_too_large")
	is.Equal(e.Detail, "huge.csv")

	e = refused(bytes.NewReader([]byte("Organization - Name\nAcme\n")))
	is.Equal(e.Message, "error.migration_zip_unreadable")

	dir := t.TempDir() // a directory with a 300 MB file (sparse: it costs no disk)
	is.NoErr(os.WriteFile(filepath.Join(dir, "deals.csv"), []byte("Deal - Title\nx\n"), 0o600))
	is.NoErr(os.WriteFile(filepath.Join(dir, "activities.csv"), nil, 0o600))
	is.NoErr(os.Truncate(filepath.Join(dir, "activities.csv"), 300<<20))
	_, err = app.ReadMigrationDir(dir)
	is.Equal(app.AsError(err).Message, "error.migration_file_too_large")
	is.Equal(app.AsError(err).Detail, "activities.csv")
}

// TestMigrateReadsOwnersAndLinksAsWritten: owners written as "Name
// <email>", an email in capitals or a name in other case are matched;
// a deal names its person and organisation by name only; an id that
// appears twice refuses the second row; an activity linked to nothing
// is refused; each said by file and line.
func TestMigrateReadsOwnersAndLinksAsWritten(t *testing.T) {
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	files := []app.MigrationFile{
		{Name: "organizations.csv", Data: []byte("Organization - ID,Organization - Name,Organization - Owner\n1,Acme,Kim Park <kim@example.com>\n1,Acme again,\n")},
		{Name: "people.csv", Data: []byte("Person - ID,Person - Name,Person - Organization,Person - Owner\n7,Jo Bloggs,Acme,SAM RIVERA\n")},
		{Name: "deals.csv", Data: []byte("Deal - ID,Deal - Title,Deal - Organization,Deal - Contact person,Deal - Pipeline,Deal - Stage,Deal - Owner\n" +
			"9,Anvils,Acme,Jo Bloggs,Sales,Demo,KIM@EXAMPLE.COM\n")},
		{Name: "activities.csv", Data: []byte("Activity - ID,Activity - Subject,Activity - Type,Activity - Due date,Activity - Duration,Deal - ID\n" +
			"3,Call Jo,call,2026-10-02,01:15,9\n4,Lost call,call,2026-10-03,,404\n")},
	}
	rep, err := ta.Migrate(t.Context(), team.admin, app.MigrateOptions{Source: "pipedrive", Files: files})
	is.NoErr(err)
	owners := map[string]string{}
	for _, o := range rep.Owners {
		owners[o.Key] = o.MatchedBy + ":" + o.UserID
	}
	is.Equal(owners, map[string]string{"Kim Park <kim@example.com>": "email:" + team.kim.ID, "SAM RIVERA": "name:" + team.sam.ID,
		"KIM@EXAMPLE.COM": "email:" + team.kim.ID})
	is.Equal(rep.Counts["companies"], app.MigrationCount{Rows: 2, Created: 1, Failed: 1})
	is.Equal(rep.Counts["activities"], app.MigrationCount{Rows: 2, Created: 1, Failed: 1})
	var refused []string
	for _, p := range rep.Problems {
		refused = append(refused, p.File+":"+strconv.Itoa(p.Line)+":"+p.Message)
	}
	is.Equal(refused, []string{"activities.csv:3:error.link_required", "organizations.csv:3:error.migration_id_repeated"})
	var found bool
	for _, p := range rep.Pipelines { // the built-in "Sales" pipeline and its "Demo" stage, found by name
		found = found || (p.ExistingID != "" && len(p.Stages) == 1 && p.Stages[0].ExistingID == "00000000-0000-7000-8000-000000000013")
	}
	is.True(found)
	db := rawDB(t, ta)
	is.Equal(queryStrings(t, db, `SELECT d.title || '|' || c.name || '|' || k.display_name || '|' || d.owner_id || '|' || a.duration_minutes
		FROM deals d JOIN companies c ON c.id = d.company_id JOIN contacts k ON k.id = d.contact_id
		JOIN activity_links l ON l.entity = 'deal' AND l.entity_id = d.id JOIN activities a ON a.id = l.activity_id`),
		[]string{"Anvils|Acme|Jo Bloggs|" + team.kim.ID + "|75"})
}
