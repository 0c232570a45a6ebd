package cli_test

// The import, export, merge and user commands.

import (
	"context"
	"encoding/json"
	"fmt"
	mathrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	assets "rolo/embed"
	"rolo/store"
	"rolo/ui/api"
)

func TestImportExportCommands(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	getenv := env(map[string]string{"ROLO_DB": filepath.Join(dir, "rolo.db")})
	sample := func(name string) string { return filepath.Join("..", "..", "testdata", "import", name) }

	var stderr syncBuffer
	var out syncBuffer
	err := run(t.Context(), []string{"import", "contacts", sample("broken.csv"), "--dry-run"}, getenv, strings.NewReader(""), &out, &stderr)
	is.True(err != nil)                                                // failed rows make a non-zero exit
	is.True(strings.Contains(stderr.String(), "line 3: emails.0:"))    // each problem by its line (a left-out field)
	is.True(strings.Contains(stderr.String(), "line 6: "))             // the malformed row too
	is.True(strings.Contains(out.String(), "Would import: 5 created")) // the report on standard output

	got, err := rolo(t, getenv, "", "import", "contacts", sample("korean-euckr.csv"), "--tag", "import-2026-11-webinar", "--map", "메모=")
	is.NoErr(err)
	is.True(strings.Contains(got, "Imported: 3 created"))
	is.True(strings.Contains(got, "euc-kr"))
	is.True(strings.Contains(got, "(ignored)")) // --map with no field ignores the column
	got, err = rolo(t, getenv, "", "export", "contacts", "--format", "csv")
	is.NoErr(err)
	is.True(strings.Contains(got, "김민수"))
	is.True(strings.Contains(got, "import-2026-11-webinar"))
	got, err = rolo(t, getenv, "", "export", "--json")
	is.NoErr(err)
	var all struct {
		Format   string           `json:"format"`
		Contacts []map[string]any `json:"contacts"`
	}
	is.NoErr(json.Unmarshal([]byte(got), &all))
	is.Equal(all.Format, "rolo") // the whole database, as export all writes it
	is.Equal(len(all.Contacts), 3)

	got, err = rolo(t, getenv, "", "quality")
	is.NoErr(err)
	is.True(strings.Contains(got, "no_phone\t1")) // 박지훈 has no phone
	got, err = rolo(t, getenv, "", "duplicates")
	is.NoErr(err)
	is.True(strings.Contains(got, "0 groups"))

	got, err = rolo(t, getenv, "", "import", "list")
	is.NoErr(err)
	id := strings.Fields(strings.Split(got, "\n")[1])[0]
	_, err = rolo(t, getenv, "", "import", "undo", id)
	is.NoErr(err)
	got, err = rolo(t, getenv, "", "contacts", "list")
	is.NoErr(err)
	is.True(strings.Contains(got, "0 of 0 contacts"))
}

// TestImportCompaniesAndDealsCommand: `rolo import companies|deals`
// keeps a row with a bad field (reported as left out, exit 0 when
// nothing is refused) and refuses only a row that names nothing (exit
// 1: nothing stored without --skip-invalid, the rest stored with it).
func TestImportCompaniesAndDealsCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	getenv := env(map[string]string{"ROLO_DB": filepath.Join(dir, "rolo.db")})
	sample := func(name string) string { return filepath.Join("..", "..", "testdata", "import", name) }
	importing := func(args ...string) (string, string, error) {
		var out, stderr syncBuffer
		err := run(t.Context(), append([]string{"import"}, args...), getenv, strings.NewReader(""), &out, &stderr)
		return out.String(), stderr.String(), err
	}

	out, stderr, err := importing("companies", sample("companies-odd.csv"))
	is.True(err != nil && strings.Contains(err.Error(), "nothing was imported"))           // the nameless row is refused
	is.True(strings.Contains(stderr, "line 4: refused: name:"))                            // by its line
	is.True(strings.Contains(stderr, `line 2: website: `))                                 // the bad field, by line and field
	is.True(strings.Contains(stderr, `("not a url"); left out, the rest of the row kept`)) // with its value
	is.True(strings.Contains(out, "Would import: 0 created"))

	out, _, err = importing("companies", sample("companies-odd.csv"), "--skip-invalid")
	is.True(err != nil && strings.Contains(err.Error(), "the other rows were stored"))
	is.True(strings.Contains(out, "Imported: 3 created"))
	is.True(strings.Contains(out, "2 rows kept with a field left out"))

	kept := filepath.Join(dir, "deals.csv") // only a bad field: everything stored, exit 0
	is.NoErr(os.WriteFile(kept, []byte("title,value,currency,stage\nEcho deal,12x,USD,Nowhere\n"), 0o600))
	out, stderr, err = importing("deals", kept)
	is.NoErr(err)
	is.True(strings.Contains(out, "Imported: 1 created"))
	is.True(strings.Contains(stderr, `line 2: stage: `))
	is.True(strings.Contains(stderr, `line 2: value: `))

	_, stderr, err = importing("deals", sample("deals-odd.csv"), "--skip-invalid")
	is.True(err != nil) // the row without a title is refused
	is.True(strings.Contains(stderr, "line 4: refused: title:"))
	is.True(strings.Contains(stderr, `line 3: company: `))
}

// TestCommandsAsAUser: with --as, a command has that user's rights and
// sees what they see, as in the browser; without it, the operator's.
func TestCommandsAsAUser(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "rolo.db")
	getenv := env(map[string]string{"ROLO_DB": path})
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	sam, err := a.CreateUser(ctx, nil, app.NewUser{Name: "Sam Sales", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	col, err := a.CreateUser(ctx, nil, app.NewUser{Name: "Col", Email: "col@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	_, err = a.CreateUser(ctx, nil, app.NewUser{Name: "Vic", Email: "vic@example.com", Role: app.RoleViewer, Password: "12345678"})
	is.NoErr(err)
	is.NoErr(a.SetPermissions(ctx, nil, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	mine, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "Mina", OwnerID: sam.ID})
	is.NoErr(err)
	theirs, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "Theo", OwnerID: col.ID})
	is.NoErr(err)
	is.NoErr(a.Close())

	_, err = rolo(t, getenv, "", "contacts", "add", "--as", "vic@example.com", "--first-name", "Nope")
	is.True(err != nil && strings.Contains(err.Error(), "Your role does not allow this.")) // a viewer reads only

	var page api.PageJSON[api.ContactJSON]
	out, err := rolo(t, getenv, "", "contacts", "list", "--as", "sam@example.com", "--json")
	is.NoErr(err)
	is.NoErr(json.Unmarshal([]byte(out), &page))
	is.Equal(page.Total, 1)                                                 // own records only
	is.Equal(page.Data[0].ID, mine.ID)                                      // their own contact
	out, err = rolo(t, getenv, "", "contacts", "list", "--as", "Sam Sales") // by name too
	is.NoErr(err)
	is.True(strings.Contains(out, "Mina") && !strings.Contains(out, "Theo"))
	_, err = rolo(t, getenv, "", "contacts", "show", theirs.ID, "--as", "sam@example.com")
	is.True(err != nil && strings.Contains(err.Error(), "does not exist")) // another's record reads as missing

	out, err = rolo(t, getenv, "", "export", "contacts", "--as", "sam@example.com")
	is.NoErr(err)
	is.True(strings.Contains(out, "Mina"))  // exports their contacts
	is.True(!strings.Contains(out, "Theo")) // and no one else's
	out, err = rolo(t, getenv, "", "export", "contacts")
	is.NoErr(err)
	is.True(strings.Contains(out, "Mina") && strings.Contains(out, "Theo")) // the operator sees everything

	out, err = rolo(t, getenv, "", "contacts", "add", "--as", "sam@example.com", "--first-name", "Newt", "--json")
	is.NoErr(err)
	var added api.ContactJSON
	is.NoErr(json.Unmarshal([]byte(out), &added))
	_, err = rolo(t, getenv, "", "contacts", "show", added.ID, "--as", "sam@example.com")
	is.NoErr(err) // what they add is theirs to see

	_, err = rolo(t, getenv, "", "contacts", "list", "--as", "nobody@example.com")
	is.True(err != nil && strings.Contains(err.Error(), "no such user"))
}

// TestExportSegmentCommand: `rolo export contacts --segment NAME` writes
// the segment's records only, as the operator or as a user with --as.
func TestExportSegmentCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := t.Context()
	a, getenv := openCommandDB(t)
	sam, err := a.CreateUser(ctx, nil, app.NewUser{Name: "Sam Sales", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	for _, in := range []app.ContactInput{{FirstName: "Mina", Tags: []string{"vip"}}, {FirstName: "Theo", Tags: []string{"vip"}}, {FirstName: "Lena"}} {
		_, err := a.CreateContact(ctx, nil, in)
		is.NoErr(err)
	}
	_, err = a.CreateSegment(ctx, sam, app.SegmentInput{Entity: "contact", Name: "VIPs", Query: "tag:vip"})
	is.NoErr(err)
	is.NoErr(a.Close())

	out, err := rolo(t, getenv, "", "export", "contacts", "--segment", "VIPs")
	is.NoErr(err)
	is.True(strings.Contains(out, "Mina") && strings.Contains(out, "Theo")) // the segment's people
	is.True(!strings.Contains(out, "Lena"))                                 // and no one else
	out, err = rolo(t, getenv, "", "export", "contacts", "--segment", "vips", "--format", "vcf", "--as", "sam@example.com")
	is.NoErr(err)
	is.Equal(strings.Count(out, "BEGIN:VCARD"), 2) // as vCards, for the segment's owner
	_, err = rolo(t, getenv, "", "export", "contacts", "--segment", "Nobody")
	is.True(err != nil && strings.Contains(err.Error(), "No segment has this name.")) // a clear refusal
}

// TestMergeUndoCommand: two companies merged from the command line, the
// merge listed, and undone.
func TestMergeUndoCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := t.Context()
	a, getenv := openCommandDB(t)
	keep, err := a.CreateCompany(ctx, nil, app.CompanyInput{Name: "Acme", Domain: "acme.example"})
	is.NoErr(err)
	lose, err := a.CreateCompany(ctx, nil, app.CompanyInput{Name: "Acme Inc", Domain: "acme.example", Industry: "Tools"})
	is.NoErr(err)
	is.NoErr(a.Close())

	_, err = rolo(t, getenv, "", "duplicates", "merge", "--companies", keep.ID, lose.ID)
	is.NoErr(err)
	out, err := rolo(t, getenv, "", "duplicates", "undo")
	is.NoErr(err)
	is.True(strings.Contains(out, "Acme ← Acme Inc")) // the merge, listed
	id := strings.Fields(out)[0]
	out, err = rolo(t, getenv, "", "duplicates", "undo", id)
	is.NoErr(err)
	is.True(strings.Contains(out, "Undone: Acme Inc is back"))
	_, err = rolo(t, getenv, "", "duplicates", "undo", id)
	is.True(err != nil && strings.Contains(err.Error(), "already been undone")) // once only
}

// openCommandDB opens a fresh database for a command test to fill through
// the app (close it before running commands) and the environment naming it.
func openCommandDB(t *testing.T) (*app.App, func(string) string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rolo.db")
	a, err := app.Open(t.Context(), path, app.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return a, env(map[string]string{"ROLO_DB": path})
}

// TestImportKilledHalfway kills `rolo import` with SIGKILL at random
// moments, four times, then imports the file to the end. After every
// kill the file passes integrity_check and the batches account for exactly
// the contacts stored, in whole chunks; at the end each row is stored once.
func TestImportKilledHalfway(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	dir := t.TempDir()
	path, file := filepath.Join(dir, "rolo.db"), filepath.Join(dir, "people.csv")
	var csv strings.Builder
	csv.WriteString("First Name,Last Name,Email\n")
	const rows = 60_000
	for i := range rows {
		fmt.Fprintf(&csv, "Person,Number %d,person%d@example.com\n", i, i)
	}
	is.NoErr(os.WriteFile(file, []byte(csv.String()), 0o600))
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	is.NoErr(a.Close())

	check := func(round int) (stored int) {
		db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations, MustExist: true})
		is.NoErr(err)
		defer db.Close()
		problems, err := db.IntegrityCheck(ctx)
		is.NoErr(err)
		is.Equal(len(problems), 0) // integrity_check is ok after the kill
		var created, running, partial int
		is.NoErr(db.Reader().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM contacts),
			(SELECT coalesce(sum(created), 0) FROM import_batches),
			(SELECT count(*) FROM import_batches WHERE status = 'running'),
			(SELECT count(*) FROM import_batches WHERE status = 'running' AND rows_done % 5000 <> 0)`).Scan(&stored, &created, &running, &partial))
		t.Logf("round %d: %d contacts stored, %d batches still running", round, stored, running)
		is.Equal(stored, created) // the batches account for every stored contact
		is.Equal(partial, 0)      // and commit whole chunks only
		return stored
	}
	rng := mathrand.New(mathrand.NewPCG(uint64(time.Now().UnixNano()), 2))
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "import", "contacts", file, "--db", path)
		cmd.Env = append(os.Environ(), "ROLO_TEST_RUN_MAIN=1")
		is.NoErr(cmd.Start())
		time.Sleep(time.Duration(300+rng.IntN(2000)) * time.Millisecond)
		_ = cmd.Process.Kill() // SIGKILL; it may have finished already
		_ = cmd.Wait()
		check(round)
	}
	_, err = rolo(t, env(nil), "", "import", "contacts", file, "--db", path)
	is.NoErr(err)
	is.Equal(check(4), rows) // resumed to the end, nothing twice
	db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations, MustExist: true})
	is.NoErr(err)
	defer db.Close()
	var distinct int
	is.NoErr(db.Reader().QueryRowContext(ctx, `SELECT count(DISTINCT value) FROM contact_emails`).Scan(&distinct))
	is.Equal(distinct, rows) // every row once
}

// fuzzTargets are every fuzz target, by package.
var fuzzTargets = map[string][]string{
	"./app":   {"FuzzSearch", "FuzzContactInput", "FuzzCSVReader", "FuzzVCardReader", "FuzzVCardTextRoundTrip", "FuzzFilterQuery"},
	"./store": {"FuzzCursor"},
	"./ui":    {"FuzzAPIDecode"},
}

// TestImportEmailCommand: `rolo import email` logs an mbox's messages on
// the contacts in them, counts the rest, and its batch undoes.
func TestImportEmailCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	getenv := env(map[string]string{"ROLO_DB": filepath.Join(t.TempDir(), "rolo.db")})
	mbox := filepath.Join("..", "..", "testdata", "email", "takeout.mbox")
	_, err := rolo(t, getenv, "", "contacts", "add", "--first-name", "Bob", "--last-name", "Baker", "--email", "bob@baker.example")
	is.NoErr(err)
	_, err = rolo(t, getenv, "s3cret-password\n", "user", "add", "--email", "ada@example.com", "--name", "Ada", "--role", "admin")
	is.NoErr(err)

	got, err := rolo(t, getenv, "", "import", "email", mbox, "--dry-run")
	is.NoErr(err)
	is.True(strings.Contains(got, "Read 4 messages. Would log 3; 0 were logged before; 1 skipped")) // the newsletter knows nobody
	got, err = rolo(t, getenv, "", "import", "email", mbox)
	is.NoErr(err)
	is.True(strings.Contains(got, "Logged 3"))
	got, err = rolo(t, getenv, "", "import", "email", filepath.Join("..", "..", "testdata", "email"))
	is.NoErr(err)
	is.True(strings.Contains(got, "were logged before")) // the mbox again, and the Gmail reply in it
	got, err = rolo(t, getenv, "", "import", "email", mbox, "--create-contacts", "--as", "ada@example.com")
	is.NoErr(err)
	is.True(strings.Contains(got, "Contacts made of their addresses: 1.")) // the newsletter's sender, not Ada

	got, err = rolo(t, getenv, "", "import", "list")
	is.NoErr(err)
	is.True(strings.Contains(got, "takeout.mbox"))
	id := strings.Fields(strings.Split(got, "\n")[3])[0] // the first mbox import: the list is newest first
	_, err = rolo(t, getenv, "", "import", "undo", id)
	is.NoErr(err)
}
