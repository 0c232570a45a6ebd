package store

import (
	"context"
	"database/sql"
)

// Statements inside a write transaction run without watching ctx. The
// transaction already watches it (database/sql rolls it back when ctx
// ends, after the statement in flight), and for a cancellable ctx the
// driver starts a goroutine per statement to interrupt it: a tenth of the
// time of an import or a demo load, which run hundreds of thousands.

// ExecContext is sql.Tx's, without the per-statement watcher.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.Tx.ExecContext(context.WithoutCancel(ctx), query, args...)
}

// QueryContext is sql.Tx's, without the per-statement watcher.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.Tx.QueryContext(context.WithoutCancel(ctx), query, args...)
}

// QueryRowContext is sql.Tx's, without the per-statement watcher.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.Tx.QueryRowContext(context.WithoutCancel(ctx), query, args...)
}
