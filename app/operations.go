package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	assets "rolo/embed"
	"rolo/store"
)

// Backup writes a consistent copy of the running database to dest, checked
// to open on its own and pass integrity_check before it takes that name
// (see store.DB.Backup): a killed backup leaves nothing under dest.
func Backup(ctx context.Context, db *store.DB, dest string) (size int64, err error) {
	dest, err = filepath.Abs(dest)
	if err != nil {
		return 0, err
	}
	if err := db.Backup(ctx, dest); err != nil {
		return 0, fmt.Errorf("backup to %s: %w", dest, err)
	}
	info, err := os.Stat(dest)
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}

// DoctorReport is what `rolo doctor` found.
type DoctorReport struct {
	Path          string
	FileSize      int64
	WALSize       int64
	SchemaVersion int      // highest applied migration
	LatestSchema  int      // highest this binary knows
	Pending       []string // migrations serve would apply
	SchemaProblem string   // newer or changed schema
	Integrity     []string // integrity_check problems
	ForeignKeys   []string // foreign_key_check problems
	Search        []string // search index entries that differ from the records
	Cards         []string // contact cards that differ from their rows
	Users         int
}

// Healthy is the verdict: the file is sound and this binary can use it.
func (r DoctorReport) Healthy() bool {
	return r.SchemaProblem == "" && len(r.Integrity) == 0 && len(r.ForeignKeys) == 0 && !r.DerivedDiffers()
}

// DerivedDiffers tells whether what is made from the records (the search
// index, the contact cards) differs from them; `doctor --fix` makes both
// again.
func (r DoctorReport) DerivedDiffers() bool { return len(r.Search) > 0 || len(r.Cards) > 0 }

// OnlyDerivedDiffers tells whether the search index or the contact cards
// are all that is wrong: the records are sound and `doctor --fix` makes
// the file healthy.
func (r DoctorReport) OnlyDerivedDiffers() bool {
	return r.DerivedDiffers() && r.SchemaProblem == "" && len(r.Integrity) == 0 && len(r.ForeignKeys) == 0
}

// Problem says in one sentence what keeps the file from being healthy,
// "" when nothing does.
func (r DoctorReport) Problem() string {
	first := func(list []string) string {
		more := ""
		if len(list) > 3 {
			list, more = list[:3], fmt.Sprintf("; and %d more", len(list)-3)
		}
		return strings.Join(strings.Fields(strings.Join(list, "; ")), " ") + more
	}
	switch {
	case r.SchemaProblem != "":
		return r.SchemaProblem
	case len(r.Integrity) > 0:
		return "the file is damaged (integrity check: " + first(r.Integrity) + ")"
	case len(r.ForeignKeys) > 0:
		return "records point to records that are missing (" + first(r.ForeignKeys) + ")"
	case len(r.Search) > 0:
		return "the search index does not match the records (" + first(r.Search) + ")"
	case len(r.Cards) > 0:
		return "contact cards or the copies kept on links do not match their rows (" + first(r.Cards) + ")"
	}
	return ""
}

// Doctor inspects the database at path without changing it.
func Doctor(ctx context.Context, path string) (DoctorReport, error) {
	r := DoctorReport{Path: path}
	db, err := store.Open(ctx, path, store.Options{MustExist: true, ReadOnly: true})
	if err != nil {
		return r, err
	}
	defer db.Close()
	r.Path = db.Path
	if info, err := os.Stat(db.Path); err == nil {
		r.FileSize = info.Size()
	}
	if info, err := os.Stat(db.Path + "-wal"); err == nil {
		r.WALSize = info.Size()
	}
	if r.Integrity, err = db.IntegrityCheck(ctx); err != nil {
		r.Integrity = append(r.Integrity, err.Error())
	}
	if r.ForeignKeys, err = db.ForeignKeyCheck(ctx); err != nil {
		r.ForeignKeys = append(r.ForeignKeys, err.Error())
	}
	known, err := store.LoadMigrations(assets.Migrations)
	if err != nil {
		return r, err
	}
	r.LatestSchema = known[len(known)-1].Version
	applied, err := db.AppliedMigrations(ctx)
	if err != nil {
		return r, err
	}
	if len(applied) == 0 {
		r.SchemaProblem = "not a Rolo database: it has no schema_migrations table"
		return r, nil
	}
	r.SchemaVersion = applied[len(applied)-1].Version
	pending, err := store.CheckSchema(applied, known)
	if err != nil {
		r.SchemaProblem = err.Error()
	}
	for _, m := range pending {
		r.Pending = append(r.Pending, m.Name)
	}
	r.Users, _ = store.CountUsers(ctx, db.Reader())
	if len(r.Pending) == 0 && r.SchemaProblem == "" {
		if r.Search, err = store.SearchIndexMismatches(ctx, db.Reader()); err != nil {
			r.Search = append(r.Search, err.Error())
		}
		stale, err := store.StaleContactCards(ctx, db.Reader(), 100)
		if err != nil {
			stale = append(stale, err.Error())
		}
		for _, id := range stale {
			r.Cards = append(r.Cards, "contact "+id+": its card differs from its emails, phones, tags or custom values")
		}
		if stale, err = store.StaleTagSortNames(ctx, db.Reader(), 100); err != nil {
			stale = append(stale, err.Error())
		}
		for _, id := range stale {
			r.Cards = append(r.Cards, "contact "+id+": its tag links keep another sort name than its own")
		}
		if stale, err = store.StaleTaskLinks(ctx, db.Reader(), 100); err != nil {
			stale = append(stale, err.Error())
		}
		for _, id := range stale {
			r.Cards = append(r.Cards, "task "+id+": its record links keep another state or due time than its own")
		}
		if stale, err = store.StaleActivityLinks(ctx, db.Reader(), 100); err != nil {
			stale = append(stale, err.Error())
		}
		for _, id := range stale {
			r.Cards = append(r.Cards, "activity "+id+": the copy of its links on its row differs from its links")
		}
	}
	return r, nil
}

// Restore replaces the database at dbPath with the backup at from, after
// checking that the backup is sound, is a Rolo database and is not newer
// than this binary. The replaced file is kept beside it; the path of that
// copy is returned ("" when there was nothing to replace).
func Restore(ctx context.Context, dbPath, from string, now time.Time) (replacedPath string, err error) {
	dbPath, err = filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	// Holding the serve lock keeps a server from starting mid-restore.
	lock, err := store.LockForServe(dbPath)
	if err != nil {
		return "", err
	}
	defer lock.Release()

	if err := checkRestorable(ctx, from); err != nil {
		return "", fmt.Errorf("%s cannot be restored: %w", from, err)
	}
	staged := dbPath + ".restoring"
	if err := copyFile(from, staged); err != nil {
		return "", err
	}
	defer os.Remove(staged)

	if _, err := os.Stat(dbPath); err == nil {
		// Fold the WAL into the file first, so the copy kept aside is complete.
		current, err := store.Open(ctx, dbPath, store.Options{MustExist: true})
		if err != nil {
			return "", fmt.Errorf("open current database: %w", err)
		}
		if err := current.Close(); err != nil {
			return "", fmt.Errorf("checkpoint current database: %w", err)
		}
		replacedPath = fmt.Sprintf("%s.replaced-%s", dbPath, now.UTC().Format("20060102T150405Z"))
		if err := os.Rename(dbPath, replacedPath); err != nil {
			return "", err
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return replacedPath, err
			}
		}
	}
	if err := os.Rename(staged, dbPath); err != nil {
		return replacedPath, err
	}
	return replacedPath, nil
}

// checkRestorable refuses a backup that doctor would not call healthy:
// unreadable or damaged, with dangling references or a search index out
// of step, not a Rolo database, or newer than this binary. An older
// schema is fine: opening the restored file migrates it.
func checkRestorable(ctx context.Context, from string) error {
	r, err := Doctor(ctx, from)
	if err != nil {
		return err
	}
	if problem := r.Problem(); problem != "" {
		return errors.New(problem + "; `rolo doctor` lists what it found")
	}
	return nil
}

// DamagedFileError is a database file that fails SQLite's quick check.
type DamagedFileError struct {
	Path     string
	Problems []string
}

func (e *DamagedFileError) Error() string {
	return fmt.Sprintf("the database %s is damaged (%s); run `rolo doctor --db %s` for details and bring back a backup with `rolo restore --db %s BACKUP`",
		e.Path, strings.Join(e.Problems[:min(3, len(e.Problems))], "; "), e.Path, e.Path)
}

// QuickCheck runs SQLite's quick_check over the open database (pages,
// records and their order, not that indexes match their tables: a few
// seconds for gigabytes, against minutes for integrity_check), for serve to
// refuse a damaged file at start. It returns a *DamagedFileError naming
// the file and pointing to doctor and restore.
func (a *App) QuickCheck(ctx context.Context) error {
	problems, err := a.db.QuickCheck(ctx)
	if err != nil {
		problems = append(problems, err.Error())
	}
	for i, p := range problems {
		problems[i] = strings.Join(strings.Fields(p), " ") // integrity lines come with line breaks
	}
	if len(problems) > 0 {
		return &DamagedFileError{Path: a.db.Path, Problems: problems}
	}
	return nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// DatabaseInfo describes the file behind a running App, for the settings page.
type DatabaseInfo struct {
	Path          string
	FileSize      int64
	WALSize       int64
	SchemaVersion int
}

// DatabaseInfo reports where the data lives and how big it is.
func (a *App) DatabaseInfo(ctx context.Context) (DatabaseInfo, error) {
	info := DatabaseInfo{Path: a.db.Path}
	if st, err := os.Stat(a.db.Path); err == nil {
		info.FileSize = st.Size()
	}
	if st, err := os.Stat(a.db.Path + "-wal"); err == nil {
		info.WALSize = st.Size()
	}
	applied, err := a.db.AppliedMigrations(ctx)
	if err != nil {
		return info, err
	}
	if len(applied) > 0 {
		info.SchemaVersion = applied[len(applied)-1].Version
	}
	return info, nil
}
