package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/matryer/is"
)

// The reader pool keeps prepared statements and closes the least used
// when it holds too many. Goroutines running more distinct statements
// than it keeps, while holding rows open, must each get their own
// answers: a statement pushed out while in use is not closed under its
// caller.
func TestReaderKeepsStatementsUnderChurn(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 { // each may hold two of the eight readers

		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				n := (g*151 + i) % 600 // 600 texts: more than the pool keeps
				var got int
				rows, err := db.Reader().QueryContext(ctx, fmt.Sprintf("SELECT ? + %d UNION ALL SELECT ? + %d", n, n), i, i)
				if err != nil {
					errs <- err
					return
				}
				for rows.Next() {
					if err := rows.Scan(&got); err != nil {
						errs <- err
						return
					}
					// Another statement while these rows are open.
					var again int
					if err := db.Reader().QueryRowContext(ctx, fmt.Sprintf("SELECT %d + ?", n), i).Scan(&again); err != nil || again != got {
						errs <- fmt.Errorf("nested: %d, %v", again, err)
						return
					}
				}
				if err := rows.Close(); err != nil || got != i+n {
					errs <- fmt.Errorf("got %d, want %d (%v)", got, i+n, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	is := is.New(t)
	for err := range errs {
		is.NoErr(err) // every query answered
	}
	var n int
	is.NoErr(db.Reader().QueryRowContext(ctx, `SELECT count(*) FROM settings`).Scan(&n)) // the pool still works
}
