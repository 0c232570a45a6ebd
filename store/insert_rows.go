package store

import (
	"context"
	"strings"
	"sync"
)

// rowsPerInsert is how many rows one multi-row INSERT carries: each
// statement costs a few microseconds of its own in the driver, the same
// for one row as for a hundred, which was a fifth of a bulk load. A
// hundred rows of the widest table stay far below SQLite's 32,766 bound
// parameters.
const rowsPerInsert = 100

// insertRows runs head ("INSERT INTO t (a, b)", or with OR IGNORE) with
// VALUES for every row, a hundred rows per statement. Each row holds one
// value per column.
func insertRows(ctx context.Context, tx *Tx, head string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	return insertEach(ctx, tx, head, len(rows[0]), len(rows), func(i int, args []any) []any { return append(args, rows[i]...) })
}

// insertEach is insertRows for n rows that row appends to a statement's
// values one at a time (width values each): only one statement's values
// are held at once, however many rows. Every full statement has the same
// text, so the transaction prepares it once and reuses it; only the last,
// shorter one differs. When a statement is refused (SQLite undoes all of
// it), its rows are tried one at a time to name the one refused (see
// RefusedRow).
func insertEach(ctx context.Context, tx *Tx, head string, width, n int, row func(i int, args []any) []any) error {
	per := rowsPerStatement(width)
	args := make([]any, 0, min(n, per)*width)
	for start := 0; start < n; start += per {
		end := min(n, start+per)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		if _, err := tx.exec(ctx, head+valuesText(width, end-start), args...); err != nil {
			return refusedRow(ctx, tx, head, width, args, start, err)
		}
	}
	return nil
}

// valuesPerStatement bounds one statement's values, for wide rows (a
// contact's 26 columns): database/sql and the driver each allocate an
// array per statement in proportion, and below 32 KB those stay small
// objects that Go's allocator reuses. A hundred contacts a statement
// (2,600 values) raised an import's peak memory in a trial (100,000 rows:
// 153 MB resident against 145 MB with 25), for no time saved.
const valuesPerStatement = 800

// rowsPerStatement is how many rows of width values one statement takes.
func rowsPerStatement(width int) int {
	return max(1, min(rowsPerInsert, valuesPerStatement/width))
}

// RefusedRow is a multi-row insert's error for the row the database
// refused: Row is its index among the rows given.
type RefusedRow struct {
	Row int
	Err error
}

func (e *RefusedRow) Error() string { return e.Err.Error() }
func (e *RefusedRow) Unwrap() error { return e.Err }

func refusedRow(ctx context.Context, tx *Tx, head string, width int, args []any, done int, err error) error {
	for i := 0; i < len(args)/width; i++ {
		if _, one := tx.exec(ctx, head+valuesText(width, 1), args[i*width:(i+1)*width]...); one != nil {
			return &RefusedRow{Row: done + i, Err: translate(one)}
		}
	}
	return translate(err) // refused together, not one by one
}

// valuesTexts keeps " VALUES (?, …), …" by width and row count: a bulk
// load asks for the same few again and again.
var valuesTexts sync.Map // [2]int → string

func valuesText(width, n int) string {
	key := [2]int{width, n}
	if s, ok := valuesTexts.Load(key); ok {
		return s.(string)
	}
	one := "(" + placeholders(width) + ")"
	s := " VALUES " + strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	valuesTexts.Store(key, s)
	return s
}
