package store_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/matryer/is"

	"rolo/store"
)

// TestCloseIdleReadersKeepsOne: after a burst that opened several reader
// connections, CloseIdleReaders closes all idle ones but one (each held
// its page cache and parsed schema), and reads go on, opening readers
// again as they need them.
func TestCloseIdleReadersKeepsOne(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	db := MustOpenDB(t)
	readers := func() int { return store.ReaderStats(db).OpenConnections }
	burst := func(n int) {
		var open []*sql.Rows
		for range n { // rows hold their reader until closed
			rows, err := db.Reader().QueryContext(ctx, `SELECT name FROM sqlite_schema`)
			is.NoErr(err)
			open = append(open, rows)
		}
		for _, rows := range open {
			is.NoErr(rows.Close())
		}
	}

	burst(4)
	is.Equal(readers(), 4) // the burst's readers, idle
	db.CloseIdleReaders()
	is.Equal(readers(), 1)

	burst(3)
	is.Equal(readers(), 3) // opened again as needed
	var n int
	is.NoErr(db.Reader().QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n))
	is.True(n > 0)
}
