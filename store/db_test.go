package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/matryer/is"

	assets "rolo/embed"
	"rolo/store"
)

// MustOpenDB opens a fresh, migrated database in a temp dir.
func MustOpenDB(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "rolo.db"), store.Options{Migrations: assets.Migrations})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func insertSetting(t *testing.T, db *store.DB, key, value string) {
	t.Helper()
	err := db.Write(context.Background(), func(tx *store.Tx) error { return store.PutSetting(context.Background(), tx, key, value) })
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	known, err := store.LoadMigrations(assets.Migrations)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("fresh database gets every migration", func(t *testing.T) {
		is := is.New(t)
		db := MustOpenDB(t)
		applied, err := db.AppliedMigrations(ctx)
		is.NoErr(err)
		is.Equal(len(applied), len(known)) // every migration recorded
		is.Equal(applied[0].Checksum, known[0].Checksum)
	})

	t.Run("re-opening applies nothing and keeps data", func(t *testing.T) {
		is := is.New(t)
		path := filepath.Join(t.TempDir(), "rolo.db")
		db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations})
		is.NoErr(err)
		insertSetting(t, db, "k", "v")
		is.NoErr(db.Close())
		db, err = store.Open(ctx, path, store.Options{Migrations: assets.Migrations})
		is.NoErr(err)
		defer db.Close()
		v, err := store.Setting(ctx, db.Reader(), "k", "")
		is.NoErr(err)
		is.Equal(v, "v") // data survives a second migration run
		_, err = os.Stat(path + ".pre-0001.bak")
		is.True(errors.Is(err, os.ErrNotExist)) // no snapshot when nothing was pending
	})

	t.Run("a newer schema is refused and left untouched", func(t *testing.T) {
		is := is.New(t)
		path := filepath.Join(t.TempDir(), "rolo.db")
		newer := withExtraMigration(assets.Migrations, "9999_future.sql", "CREATE TABLE future (id INTEGER);")
		db, err := store.Open(ctx, path, store.Options{Migrations: newer})
		is.NoErr(err)
		is.NoErr(db.Close())
		before, err := os.ReadFile(path)
		is.NoErr(err)

		_, err = store.Open(ctx, path, store.Options{Migrations: assets.Migrations})
		is.True(errors.Is(err, store.ErrSchemaNewer))  // refused
		is.True(strings.Contains(err.Error(), "9999")) // the message names the unknown migration
		after, err := os.ReadFile(path)
		is.NoErr(err)
		is.Equal(before, after) // the file was not changed
	})

	t.Run("a changed migration is refused", func(t *testing.T) {
		is := is.New(t)
		path := filepath.Join(t.TempDir(), "rolo.db")
		db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations})
		is.NoErr(err)
		is.NoErr(db.Close())
		tampered := fstest.MapFS{}
		for _, m := range known {
			tampered[m.Name] = &fstest.MapFile{Data: []byte(m.SQL)}
		}
		tampered[known[0].Name] = &fstest.MapFile{Data: []byte(known[0].SQL + "\n-- edited")}
		_, err = store.Open(ctx, path, store.Options{Migrations: tampered})
		is.True(errors.Is(err, store.ErrMigrationChanged)) // refused
	})

	t.Run("pending migrations snapshot the file first, and a failing one is rolled back", func(t *testing.T) {
		is := is.New(t)
		path := filepath.Join(t.TempDir(), "rolo.db")
		db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations})
		is.NoErr(err)
		insertSetting(t, db, "before", "yes")
		is.NoErr(db.Close())

		broken := withExtraMigration(assets.Migrations, "9998_broken.sql", "CREATE TABLE half (id INTEGER); SELECT * FROM no_such_table;")
		_, err = store.Open(ctx, path, store.Options{Migrations: broken})
		is.True(err != nil)                                   // the broken migration fails
		is.True(strings.Contains(err.Error(), "9998_broken")) // and is named

		snap, err := store.Open(ctx, path+".pre-9998.bak", store.Options{MustExist: true, ReadOnly: true})
		is.NoErr(err)
		defer snap.Close()
		v, err := store.Setting(ctx, snap.Reader(), "before", "")
		is.NoErr(err)
		is.Equal(v, "yes") // the snapshot holds the data

		db, err = store.Open(ctx, path, store.Options{Migrations: assets.Migrations})
		is.NoErr(err) // the original schema still opens: nothing half-applied
		defer db.Close()
		var n int
		is.NoErr(db.Reader().QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'half'`).Scan(&n))
		is.Equal(n, 0) // the failed migration's table was rolled back
	})
}

func withExtraMigration(base any, name, sql string) fstest.MapFS {
	out := fstest.MapFS{}
	known, _ := store.LoadMigrations(assets.Migrations)
	for _, m := range known {
		out[m.Name] = &fstest.MapFile{Data: []byte(m.SQL)}
	}
	out[name] = &fstest.MapFile{Data: []byte(sql)}
	return out
}

func TestBackupWhileWriting(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	db := MustOpenDB(t)
	for i := range 100 {
		insertSetting(t, db, "pre"+string(rune('a'+i%26))+strings.Repeat("x", i), "v")
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			_ = db.Write(ctx, func(tx *store.Tx) error {
				return store.PutSetting(ctx, tx, "during"+strings.Repeat("y", i%200), "v")
			})
		}
	}()
	dest := filepath.Join(t.TempDir(), "copy.db")
	err := db.Backup(ctx, dest)
	close(stop)
	wg.Wait()
	is.NoErr(err)

	copyDB, err := store.Open(ctx, dest, store.Options{MustExist: true, ReadOnly: true})
	is.NoErr(err)
	defer copyDB.Close()
	problems, err := copyDB.IntegrityCheck(ctx)
	is.NoErr(err)
	is.Equal(len(problems), 0) // the copy passes integrity_check
	var n int
	is.NoErr(copyDB.Reader().QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key LIKE 'pre%'`).Scan(&n))
	is.Equal(n, 100) // every row written before the backup is in the copy

	is.True(db.Backup(ctx, dest) != nil) // an existing file is never overwritten
}

func TestCloseLeavesOneCompleteFile(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "rolo.db")
	db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations})
	is.NoErr(err)
	insertSetting(t, db, "k", "v")
	is.NoErr(db.Close())

	// Copy only the .db file elsewhere, as a user making a backup would.
	data, err := os.ReadFile(path)
	is.NoErr(err)
	alone := filepath.Join(t.TempDir(), "alone.db")
	is.NoErr(os.WriteFile(alone, data, 0o600))
	copyDB, err := store.Open(ctx, alone, store.Options{MustExist: true, ReadOnly: true})
	is.NoErr(err)
	defer copyDB.Close()
	v, err := store.Setting(ctx, copyDB.Reader(), "k", "")
	is.NoErr(err)
	is.Equal(v, "v") // the .db file alone holds the write
}

func TestServeLock(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	path := filepath.Join(t.TempDir(), "rolo.db")
	is.True(!store.InUse(path)) // free at first
	l, err := store.LockForServe(path)
	is.NoErr(err)
	is.True(store.InUse(path)) // held while serving
	_, err = store.LockForServe(path)
	is.True(errors.Is(err, store.ErrInUse)) // a second server is refused
	is.NoErr(l.Release())
	is.True(!store.InUse(path)) // free again
}
