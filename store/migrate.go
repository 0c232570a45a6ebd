package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one embedded NNNN_name.sql file.
type Migration struct {
	Version  int
	Name     string
	SQL      string
	Checksum string
}

// ErrSchemaNewer means the file was migrated by a newer Rolo; opening it
// with this binary could damage it.
var ErrSchemaNewer = errors.New("database schema is newer than this rolo binary")

// ErrMigrationChanged means an applied migration's text differs from the
// one compiled in, so the schema is not what this binary expects.
var ErrMigrationChanged = errors.New("an applied migration differs from this binary's copy")

// LoadMigrations reads and orders the migration files of fsys.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Migration
	for _, name := range names {
		num, _, ok := strings.Cut(name, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || version <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", name)
		}
		if len(out) > 0 && out[len(out)-1].Version >= version {
			return nil, fmt.Errorf("migration %s: version %d is repeated or out of order", name, version)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		out = append(out, Migration{Version: version, Name: path.Base(name), SQL: string(body), Checksum: hex.EncodeToString(sum[:])})
	}
	return out, nil
}

// AppliedMigration is a row of schema_migrations.
type AppliedMigration struct {
	Version   int
	Name      string
	Checksum  string
	AppliedAt string
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	checksum   TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// AppliedMigrations lists what the file records as applied; an empty list
// for a database that has never been migrated.
func (db *DB) AppliedMigrations(ctx context.Context) ([]AppliedMigration, error) {
	var exists int
	err := db.read.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&exists)
	if err != nil || exists == 0 {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AppliedMigration
	for rows.Next() {
		var m AppliedMigration
		if err := rows.Scan(&m.Version, &m.Name, &m.Checksum, &m.AppliedAt); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CheckSchema compares the applied migrations with the known ones and
// returns those still to apply. It writes nothing.
func CheckSchema(applied []AppliedMigration, known []Migration) ([]Migration, error) {
	byVersion := make(map[int]Migration, len(known))
	for _, m := range known {
		byVersion[m.Version] = m
	}
	done := make(map[int]bool, len(applied))
	for _, a := range applied {
		m, ok := byVersion[a.Version]
		if !ok {
			return nil, fmt.Errorf("%w: it has migration %04d (%s), this binary knows up to %04d; use a newer rolo",
				ErrSchemaNewer, a.Version, a.Name, latest(known))
		}
		if m.Checksum != a.Checksum {
			return nil, fmt.Errorf("%w: %s was applied with checksum %.12s…, this binary has %.12s…",
				ErrMigrationChanged, m.Name, a.Checksum, m.Checksum)
		}
		done[a.Version] = true
	}
	var pending []Migration
	for _, m := range known {
		if !done[m.Version] {
			pending = append(pending, m)
		}
	}
	return pending, nil
}

func latest(known []Migration) int {
	if len(known) == 0 {
		return 0
	}
	return known[len(known)-1].Version
}

// migrate applies pending migrations, each in its own transaction together
// with its schema_migrations row, so the file is never half-migrated. A
// database that already holds data is first copied aside.
func (db *DB) migrate(ctx context.Context, fsys fs.FS) error {
	known, err := LoadMigrations(fsys)
	if err != nil {
		return err
	}
	applied, err := db.AppliedMigrations(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	pending, err := CheckSchema(applied, known)
	if err != nil {
		return fmt.Errorf("%s: %w", db.Path, err)
	}
	if len(pending) == 0 {
		return nil
	}
	if len(applied) > 0 {
		snapshot := fmt.Sprintf("%s.pre-%04d.bak", db.Path, pending[0].Version)
		_ = os.Remove(snapshot) // a stale snapshot of a failed earlier attempt
		if err := db.Backup(ctx, snapshot); err != nil {
			return fmt.Errorf("snapshot before migrating: %w", err)
		}
	}
	if _, err := db.write.ExecContext(ctx, createMigrationsTable); err != nil {
		return err
	}
	for _, m := range pending {
		err := db.Write(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)`,
				m.Version, m.Name, m.Checksum, FormatTime(tx.Now))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}
