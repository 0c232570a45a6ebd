package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent, compacted copy of the database to dest while
// other connections keep working (VACUUM INTO reads one snapshot). The
// copy is written under a temporary name beside dest (dest + ".partial"),
// checked with integrity_check, synced to disk and only then renamed to
// dest: a backup killed at any moment leaves nothing under dest, and the
// temporary file it left is replaced by the next run.
func (db *DB) Backup(ctx context.Context, dest string) (err error) {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", dest)
	}
	tmp := BackupTempPath(dest)
	removeBackupTemp(tmp) // what a killed run left
	defer func() {
		if err != nil {
			removeBackupTemp(tmp)
		}
	}()
	conn, err := sql.Open("sqlite", db.backupDSN)
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	if cerr := conn.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := checkBackup(ctx, tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	syncDir(filepath.Dir(dest))
	return nil
}

// BackupTempPath is where Backup writes before the copy is checked and
// renamed to dest.
func BackupTempPath(dest string) string { return dest + ".partial" }

func removeBackupTemp(tmp string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		_ = os.Remove(tmp + suffix)
	}
}

// checkBackup opens a written copy on its own and runs integrity_check.
func checkBackup(ctx context.Context, path string) error {
	copyDB, err := Open(ctx, path, Options{MustExist: true, ReadOnly: true})
	if err != nil {
		return fmt.Errorf("backup written but does not open: %w", err)
	}
	defer copyDB.Close()
	problems, err := copyDB.IntegrityCheck(ctx)
	if err != nil || len(problems) > 0 {
		return fmt.Errorf("backup written but fails integrity check: %v %v", problems, err)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable. Some systems (Windows) cannot
// sync a directory; the rename then stands as the file system keeps it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// CheckpointTruncate copies the write-ahead log into the database file
// and empties it, so that what was deleted no longer lingers in old page
// versions in the log. It waits (busy_timeout) for readers of an older
// snapshot, and fails if they still hold the log.
func (db *DB) CheckpointTruncate(ctx context.Context) error {
	if db.repl != nil {
		// Litestream holds a read transaction so that nothing checkpoints
		// past what it has shipped; it checkpoints for us instead.
		return db.repl.checkpoint(ctx)
	}
	var busy, logFrames, done int
	if err := db.write.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return err
	}
	if busy != 0 {
		return fmt.Errorf("checkpoint: the write-ahead log is still in use (%d of %d frames copied)", done, logFrames)
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns its problems;
// none means the file is sound.
func (db *DB) IntegrityCheck(ctx context.Context) ([]string, error) {
	return db.pragmaLines(ctx, "PRAGMA integrity_check", "ok")
}

// QuickCheck runs PRAGMA quick_check: integrity_check without comparing
// indexes to their tables, so it is fast enough to run at start.
func (db *DB) QuickCheck(ctx context.Context) ([]string, error) {
	return db.pragmaLines(ctx, "PRAGMA quick_check", "ok")
}

// ForeignKeyCheck lists rows whose references point nowhere.
func (db *DB) ForeignKeyCheck(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		row := fmt.Sprintf("%s row %v", table, rowid)
		if rowid == nil { // a WITHOUT ROWID table
			row = "a " + table + " row"
		}
		problems = append(problems, fmt.Sprintf("%s points to a missing %s", row, parent))
	}
	return problems, rows.Err()
}

func (db *DB) pragmaLines(ctx context.Context, pragma, okLine string) ([]string, error) {
	// A check reads the whole file through its reader's page cache (2 MB
	// of pages nobody asked for, kept for the reader's life): it runs on a
	// reader held for it, whose cache is emptied afterwards.
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA shrink_memory")
		conn.Close()
	}()
	rows, err := conn.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != okLine {
			lines = append(lines, line)
		}
	}
	return lines, rows.Err()
}

// SetWriteCache sizes the writer connection's page cache in KiB, for a
// bulk load whose indexes outgrow SQLite's 2 MB default (every insert then
// reads its index pages back from the file); 0 restores the default.
// The memory is handed back when the cache shrinks.
func (db *DB) SetWriteCache(ctx context.Context, kib int) error {
	if kib <= 0 {
		kib = 2000
	}
	if _, err := db.write.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", kib)); err != nil {
		return err
	}
	_, err := db.write.ExecContext(ctx, "PRAGMA shrink_memory")
	return err
}
