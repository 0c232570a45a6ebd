package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/store"
)

// TestSearchStopsWithItsContext runs a search that takes seconds and lets
// its context end early: SQLite is interrupted, so the work stops with the
// client that asked for it instead of holding a reader and a core.
func TestSearchStopsWithItsContext(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	db := MustOpenDB(t)
	ctx := context.Background()
	docs := make([]store.SearchDoc, 20_000)
	for i := range docs {
		docs[i] = store.SearchDoc{Kind: "contact", Ref: fmt.Sprint("c", i), Title: "x", Name: fmt.Sprintf("alpha%d beta%d", i%100, i%37), Words: "common words here"}
	}
	is.NoErr(db.Write(ctx, func(tx *store.Tx) error { return store.InsertNewSearchDocs(ctx, tx, docs) }))
	terms := make([]string, 1000) // seconds of work: many prefix terms over every entry
	for i := range terms {
		terms[i] = fmt.Sprintf(`{name words digits} : "%c"*`, "abcwh"[i%5])
	}
	for range 2 { // a fresh statement, then the one the pool kept
		ctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		start := time.Now()
		_, err := store.Search(ctx, db.Reader(), strings.Join(terms, " AND "), "", 20)
		took := time.Since(start)
		cancel()
		is.True(errors.Is(err, context.DeadlineExceeded) || (err != nil && strings.Contains(err.Error(), "interrupt"))) // stopped, not finished
		is.True(took < 2*time.Second)                                                                                   // soon after the client left
	}
}
