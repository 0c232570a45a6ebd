package app_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

var restoreTime = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func TestBackupAndRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("restores a backup and keeps the replaced file", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		backup := filepath.Join(t.TempDir(), "backup.db")
		size, err := app.Backup(ctx, ta.DB(), backup)
		is.NoErr(err)
		is.True(size > 0)
		// A change after the backup that the restore will undo.
		_, err = ta.CreateUser(ctx, admin, app.NewUser{Name: "Later", Email: "later@example.com", Role: app.RoleViewer, Password: "12345678"})
		is.NoErr(err)
		is.NoErr(ta.Close())

		replaced, err := app.Restore(ctx, ta.dbPath, backup, restoreTime)
		is.NoErr(err)
		is.True(strings.HasSuffix(replaced, ".replaced-20261127T100000Z"))

		restored, err := app.Open(ctx, ta.dbPath, app.Config{})
		is.NoErr(err)
		defer restored.Close()
		users, err := restored.Users(ctx, nil)
		is.NoErr(err)
		is.Equal(len(users), 1) // the backup's state is back

		old, err := app.Open(ctx, replaced, app.Config{})
		is.NoErr(err)
		defer old.Close()
		users, err = old.Users(ctx, nil)
		is.NoErr(err)
		is.Equal(len(users), 2) // the replaced file is complete, WAL included
	})

	t.Run("refuses while a server uses the database", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		backup := filepath.Join(t.TempDir(), "backup.db")
		_, err := app.Backup(ctx, ta.DB(), backup)
		is.NoErr(err)
		lock, err := store.LockForServe(ta.dbPath)
		is.NoErr(err)
		defer lock.Release()
		_, err = app.Restore(ctx, ta.dbPath, backup, restoreTime)
		is.True(err != nil && strings.Contains(err.Error(), "server")) // refused while serving
	})

	t.Run("refuses files that are not sound Rolo databases", func(t *testing.T) {
		ta := mustOpenApp(t)
		dir := t.TempDir()
		garbage := filepath.Join(dir, "garbage.db")
		is.New(t).NoErr(os.WriteFile(garbage, []byte("this is not sqlite, just text that looks long enough to be a header......"), 0o600))

		foreign := filepath.Join(dir, "foreign.db")
		db, err := store.Open(ctx, foreign, store.Options{})
		is.New(t).NoErr(err)
		is.New(t).NoErr(db.Close())

		newer := filepath.Join(dir, "newer.db")
		_, err = app.Backup(ctx, ta.DB(), newer)
		is.New(t).NoErr(err)
		fakeFutureMigration(t, newer)

		for name, file := range map[string]string{"not sqlite": garbage, "not rolo": foreign, "newer schema": newer, "missing": filepath.Join(dir, "nope.db")} {
			t.Run(name, func(t *testing.T) {
				is := is.New(t)
				before, err := os.ReadFile(ta.dbPath)
				is.NoErr(err)
				_, err = app.Restore(ctx, ta.dbPath, file, restoreTime)
				is.True(err != nil) // refused
				after, err := os.ReadFile(ta.dbPath)
				is.NoErr(err)
				is.Equal(len(before), len(after)) // the current database is untouched
			})
		}
	})
}

// TestBackupIsAllOrNothing stops a backup halfway, as a kill would: the
// backup's name holds nothing, and the half-written file left beside it
// does not stand in the way of the next backup.
func TestBackupIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	mustSetup(t, ta)
	err := ta.DB().Write(ctx, func(tx *store.Tx) error { // enough data that a copy takes a while
		_, err := tx.Exec(`CREATE TABLE filler (b BLOB);
			WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 240)
			INSERT INTO filler SELECT randomblob(250000) FROM n`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	partial := store.BackupTempPath(dest)

	t.Run("stopped while writing", func(t *testing.T) {
		is := is.New(t)
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			_, err := app.Backup(ctx, ta.DB(), dest)
			done <- err
		}()
		var err error
	wait:
		for {
			select {
			case err = <-done:
				t.Fatalf("the backup ended (%v) before it could be stopped", err)
			default:
			}
			if st, err := os.Stat(partial); err == nil && st.Size() > 0 {
				break wait // halfway: the copy is being written
			}
			time.Sleep(time.Millisecond)
		}
		cancel()
		err = <-done
		is.True(err != nil) // the backup did not finish
		_, err = os.Stat(dest)
		is.True(os.IsNotExist(err)) // and nothing is under its name
	})

	t.Run("a killed run's file does not block the next", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(os.WriteFile(partial, make([]byte, 4096), 0o600)) // a zeroed header, as a kill leaves
		is.NoErr(os.WriteFile(partial+"-journal", []byte("stale"), 0o600))
		size, err := app.Backup(ctx, ta.DB(), dest)
		is.NoErr(err)
		is.True(size > 50_000_000)
		_, err = os.Stat(partial)
		is.True(os.IsNotExist(err)) // renamed into place
		_, err = os.Stat(partial + "-journal")
		is.True(os.IsNotExist(err)) // and the stale journal is gone
		r, err := app.Doctor(ctx, dest)
		is.NoErr(err)
		is.True(r.Healthy()) // the backup is whole
	})

	t.Run("an existing backup is not overwritten", func(t *testing.T) {
		is := is.New(t)
		before, err := os.Stat(dest)
		is.NoErr(err)
		_, err = app.Backup(ctx, ta.DB(), dest)
		is.True(err != nil && strings.Contains(err.Error(), "already exists"))
		after, err := os.Stat(dest)
		is.NoErr(err)
		is.Equal(before.ModTime(), after.ModTime())
	})
}

// TestRestoreRefusesWhatDoctorFlags makes backups that open and pass for
// SQLite databases but that doctor would flag: restore refuses each with
// a message saying what is wrong, and leaves the current file alone.
func TestRestoreRefusesWhatDoctorFlags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	for i := range 300 { // enough pages that one can be damaged in the middle
		_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Person", LastName: fmt.Sprint(i),
			Notes: strings.Repeat("a note to fill pages ", 100), Emails: []store.Labeled{{Value: fmt.Sprintf("p%d@example.org", i)}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	backup := func(name string, spoil func(db *sql.DB)) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if _, err := app.Backup(ctx, ta.DB(), path); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", path) // foreign keys off: as a crash or another tool could leave it
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		spoil(db)
		return path
	}
	exec := func(db *sql.DB, q string) {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]struct {
		file, says string
	}{
		"dangling references": {backup("dangling.db", func(db *sql.DB) {
			exec(db, `INSERT INTO contact_emails (contact_id, position, value) VALUES ('no-such-contact', 0, 'ghost@example.org')`)
		}), "missing"},
		"records missing from the search index": {backup("unindexed.db", func(db *sql.DB) {
			exec(db, `DELETE FROM search_docs WHERE rowid IN (SELECT rowid FROM search_docs WHERE kind = 'contact' LIMIT 2)`)
		}), "search index"},
		"damaged pages": {backup("damaged.db", func(db *sql.DB) {}), "damaged"},
	}
	damage(t, cases["damaged pages"].file)
	before, err := os.ReadFile(ta.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			r, err := app.Doctor(ctx, c.file)
			is.True(err != nil || !r.Healthy()) // doctor flags it…
			_, err = app.Restore(ctx, ta.dbPath, c.file, restoreTime)
			is.True(err != nil) // …and restore refuses it
			is.True(strings.Contains(err.Error(), c.says))
			after, err := os.ReadFile(ta.dbPath)
			is.NoErr(err)
			is.Equal(len(before), len(after)) // the current database is untouched
		})
	}

	t.Run("serve's quick check names a damaged file", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(ta.QuickCheck(ctx)) // the live file is sound
		damaged, err := app.Open(ctx, cases["damaged pages"].file, app.Config{})
		if err == nil {
			defer damaged.Close()
			err = damaged.QuickCheck(ctx)
		}
		var d *app.DamagedFileError
		is.True(errors.As(err, &d)) // a damaged file is refused with its own error
		is.True(strings.Contains(err.Error(), "rolo restore"))
	})
}

// damage zeroes a page in the middle of a database file, as a failing
// disk could.
func damage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	if _, err := f.WriteAt(make([]byte, page), (st.Size()/page/2)*page); err != nil {
		t.Fatal(err)
	}
}

// fakeFutureMigration records a migration this binary does not know.
func fakeFutureMigration(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(`INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, '9999_future.sql', 'x', '2030-01-01T00:00:00.000Z')`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDoctor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a healthy database", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustSetup(t, ta)
		r, err := app.Doctor(ctx, ta.dbPath)
		is.NoErr(err)
		is.True(r.Healthy())
		is.Equal(r.SchemaVersion, r.LatestSchema)
		is.Equal(r.Users, 1)
		is.True(r.FileSize > 0)
	})

	t.Run("a newer schema is a problem", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		is.NoErr(ta.Close())
		fakeFutureMigration(t, ta.dbPath)
		r, err := app.Doctor(ctx, ta.dbPath)
		is.NoErr(err)
		is.True(!r.Healthy())
		is.True(strings.Contains(r.SchemaProblem, "newer"))
	})

	t.Run("a missing file is an error, not a new database", func(t *testing.T) {
		is := is.New(t)
		path := filepath.Join(t.TempDir(), "absent.db")
		_, err := app.Doctor(ctx, path)
		is.True(err != nil)
		_, statErr := os.Stat(path)
		is.True(os.IsNotExist(statErr)) // doctor created nothing
	})
}
