package app_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
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
