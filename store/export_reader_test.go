package store

import "database/sql"

// ReaderStats is the reader pool's figures, for tests: connections
// closed by database/sql keep their file open inside SQLite (its POSIX
// locks are per process), so the open files cannot tell.
func ReaderStats(db *DB) sql.DBStats { return db.read.Stats() }
