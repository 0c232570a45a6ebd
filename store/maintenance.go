package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
)

// Backup writes a consistent, compacted copy of the database to dest while
// other connections keep working (VACUUM INTO reads one snapshot).
func (db *DB) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", dest)
	}
	conn, err := sql.Open("sqlite", db.backupDSN)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, dest)
	return err
}

// CheckpointTruncate copies the write-ahead log into the database file
// and empties it, so that what was deleted no longer lingers in old page
// versions in the log. It waits (busy_timeout) for readers of an older
// snapshot, and fails if they still hold the log.
func (db *DB) CheckpointTruncate(ctx context.Context) error {
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
		problems = append(problems, fmt.Sprintf("%s row %v points to a missing %s", table, rowid, parent))
	}
	return problems, rows.Err()
}

func (db *DB) pragmaLines(ctx context.Context, pragma, okLine string) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, pragma)
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
