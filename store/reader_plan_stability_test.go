package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/matryer/is"
)

// TestReadersPlanOnce checks that every reader connection has SQLite's
// query planner stability guarantee and the writer keeps the default.
func TestReadersPlanOnce(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "rolo.db"), Options{})
	is.NoErr(err)
	defer db.Close()

	stability := func(c interface {
		Raw(func(any) error) error
		Close() error
	}) bool {
		defer c.Close()
		var on bool
		is.NoErr(c.Raw(func(conn any) error {
			var err error
			on, err = setPlanStability(conn, -1) // -1 reads it
			return err
		}))
		return on
	}
	for range 3 { // three connections at once: the pool opens new ones
		conns := make([]interface {
			Raw(func(any) error) error
			Close() error
		}, 3)
		for i := range conns {
			c, err := db.read.DB.Conn(ctx)
			is.NoErr(err)
			conns[i] = c
		}
		for _, c := range conns {
			is.True(stability(c))
		}
	}
	w, err := db.write.Conn(ctx)
	is.NoErr(err)
	is.True(!stability(w))
}

// TestSqliteHandleRefusesStrangers: a connection that is not the driver's
// is an error, not a crash.
func TestSqliteHandleRefusesStrangers(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	_, _, err := sqliteHandle(&struct{ db string }{})
	is.True(err != nil)
	_, _, err = sqliteHandle(42)
	is.True(err != nil)
}
