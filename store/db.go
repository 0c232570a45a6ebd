// Package store is Rolo's SQLite layer: opening the file, migrations, and
// the hand-written SQL for each table group. It knows nothing of HTTP or of
// the CRM's rules.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is one Rolo database file, reached through two pools: a single writer
// connection, so writes queue on Go's side instead of failing with
// "database is locked", and a pool of readers that WAL lets run alongside it.
type DB struct {
	Path  string
	write *sql.DB
	read  *readPool
	now   func() time.Time
	// readOnly databases skip the checkpoint on Close.
	readOnly bool
	// backupDSN opens a connection that may run VACUUM INTO, which the
	// query_only readers refuse, without holding up the writer.
	backupDSN string
	// repl is Litestream shipping the log to replicas (Options.Replicate);
	// nil without it.
	repl *replication
	// readers is the size of the reader pool.
	readers int
	// cardsDirty wakes KeepContactCards after a commit.
	cardsDirty chan struct{}
	// writes counts commits (Writes).
	writes atomic.Uint64
}

// Options tune Open; the zero value is what serve uses.
type Options struct {
	// Migrations to apply; nil skips migrating (doctor, backup).
	Migrations fs.FS
	// Now is the clock stamped on every transaction; tests pin it.
	Now func() time.Time
	// MustExist refuses to create a missing file (doctor, backup, restore).
	MustExist bool
	// ReadOnly opens the file without writing to it at all, not even to
	// switch it to WAL: for checking a file before restoring it.
	ReadOnly bool
	// Replicate ships every transaction to these replica URLs with
	// Litestream (replicate.go); ReplicaSyncInterval tunes how often
	// (default ReplicaSyncInterval).
	Replicate           []string
	ReplicaSyncInterval time.Duration
}

// Pragmas go in the DSN so that every pooled connection gets them;
// busy_timeout comes first so the others wait for a lock instead of failing.
// secure_delete zeroes what a write deletes or overwrites, in its page and
// in pages it frees, so that an erased person leaves no bytes behind.
const pragmas = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
	"&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=journal_size_limit(67108864)&_pragma=secure_delete(ON)"

// Open opens (creating if allowed) the database at path and applies any
// pending migrations.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if opt.MustExist {
			return nil, fmt.Errorf("database %s does not exist", abs)
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
	}
	fileURL := "file:" + (&url.URL{Path: abs}).EscapedPath()
	writeDSN, readDSN := fileURL+"?"+pragmas+"&_txlock=immediate", fileURL+"?"+pragmas+"&_pragma=query_only(1)"
	if opt.ReadOnly {
		if opt.Migrations != nil || !opt.MustExist {
			return nil, errors.New("a read-only database cannot be created or migrated")
		}
		readDSN = fileURL + "?mode=ro&_pragma=busy_timeout(5000)&_pragma=query_only(1)"
		writeDSN = readDSN
	}
	var repl *replication
	if len(opt.Replicate) > 0 {
		if opt.ReadOnly {
			return nil, errors.New("a read-only database cannot be replicated")
		}
		// Litestream owns the checkpoints (replicate.go): Rolo's writer
		// must not checkpoint by itself, above all in the moments after a
		// start when Litestream has not yet taken hold of the log.
		writeDSN += "&_pragma=wal_autocheckpoint(0)"
		// Litestream opens before Rolo's own connections (its rule).
		if repl, err = startReplication(ctx, abs, opt.Replicate, opt.ReplicaSyncInterval); err != nil {
			return nil, err
		}
	}
	write, err := sql.Open("sqlite", writeDSN)
	if err != nil {
		if repl != nil {
			_ = repl.close(ctx)
		}
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	// query_only makes a stray write through the reader pool fail loudly
	// instead of racing the writer.
	read := sql.OpenDB(readerConnector{readDSN}) // each plan made once (reader_plan_stability.go)
	// Readers mostly wait on the disk cache, not the CPU, so allow more
	// than the cores; no code path holds one reader while taking another.
	readers := max(8, runtime.NumCPU()*4)
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)

	db := &DB{Path: abs, write: write, read: newReadPool(read), now: opt.Now, readOnly: opt.ReadOnly, backupDSN: fileURL + "?" + pragmas, repl: repl,
		readers: readers, cardsDirty: make(chan struct{}, 1)}
	if db.now == nil {
		db.now = time.Now
	}
	// The first connection creates the file and switches it to WAL.
	if err := write.PingContext(ctx); err != nil {
		db.closePools()
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	if opt.Migrations != nil {
		if err := db.migrate(ctx, opt.Migrations); err != nil {
			db.closePools()
			return nil, err
		}
	}
	return db, nil
}

// Close checkpoints the WAL into the main file and closes both pools, so
// that after a clean stop the .db file alone holds everything.
func (db *DB) Close() error {
	if db.readOnly {
		return db.closePools()
	}
	// optimize refreshes the planner's statistics where they have drifted,
	// as SQLite recommends before closing a long-lived connection.
	_, _ = db.write.Exec("PRAGMA optimize")
	if db.repl != nil {
		// Litestream ships the log, checkpoints, and closes after Rolo's
		// connections, as its library rules ask.
		cerr := db.repl.checkpoint(context.Background())
		return errors.Join(db.closePools(), cerr)
	}
	if litestreamManaged(db.Path) {
		// A serve replicating this file holds a read transaction so that no
		// one checkpoints past what it shipped: TRUNCATE would wait out the
		// whole busy timeout and then give up. Litestream checkpoints for
		// itself; without a serve the checkpoint goes through at once.
		_, _ = db.write.Exec("PRAGMA busy_timeout = 200")
	}
	_, cerr := db.write.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if err := db.closePools(); err != nil {
		return err
	}
	return cerr
}

func (db *DB) closePools() error {
	err := errors.Join(db.read.Close(), db.write.Close())
	if db.repl != nil {
		err = errors.Join(err, db.repl.close(context.Background()))
		db.repl = nil
	}
	return err
}

// CloseIdleReaders closes every idle reader connection but one. A reader
// keeps its page cache, parsed schema and statements while it stays open,
// so after a burst the readers it opened would hold them for good; the
// pool opens readers again when requests need them (about 2 ms each on
// the 100,000-contact demo, its statements prepared anew).
func (db *DB) CloseIdleReaders() {
	db.read.SetMaxIdleConns(1)
	db.read.SetMaxIdleConns(db.readers)
}

// Now is the database's clock, in UTC.
func (db *DB) Now() time.Time { return db.now().UTC() }

// Tx is a write transaction with the moment it began, so every row it
// touches carries the same timestamp.
type Tx struct {
	*sql.Tx
	Now time.Time
	// stmts keeps each statement the transaction has prepared: an import
	// or a demo load runs the same few INSERTs thousands of times in one
	// transaction, and preparing each time cost two thirds of the work.
	stmts map[string]*sql.Stmt
}

// exec runs query through a statement prepared once per transaction.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(context.WithoutCancel(ctx), args...) // see tx_context.go
}

// queryRow is exec for single-row reads inside the transaction.
func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return tx.QueryRowContext(ctx, query, args...) // reports the same error on Scan
	}
	return st.QueryRowContext(context.WithoutCancel(ctx), args...)
}

func (tx *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	st, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = st // closed by database/sql when the transaction ends
	return st, nil
}

// Write runs fn in an IMMEDIATE transaction on the writer connection and
// commits when fn returns nil.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{Tx: sqlTx, Now: db.Now()}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	err = sqlTx.Commit()
	db.writes.Add(1) // even a failed commit: the counts are read again, which is always safe
	if err != nil {
		return translate(err)
	}
	db.cardsMayBeMissing()
	return nil
}

// Querier is what the read helpers need: the reader pool or a transaction
// (so that a write can read its own changes).
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Reader returns the pool for read-only queries. It prepares each
// statement once per connection, so a hot path's SQL should be fixed text:
// an id set goes in as one JSON parameter (see jsonIDs), not as a list
// of placeholders whose length varies.
func (db *DB) Reader() Querier { return db.read }
