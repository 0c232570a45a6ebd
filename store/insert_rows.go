package store

import (
	"context"
	"strings"
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
	one := "(" + placeholders(len(rows[0])) + ")"
	args := make([]any, 0, rowsPerInsert*len(rows[0]))
	for len(rows) > 0 {
		n := min(len(rows), rowsPerInsert)
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		query := head + " VALUES " + strings.TrimSuffix(strings.Repeat(one+",", n), ",")
		if _, err := tx.exec(ctx, query, args...); err != nil {
			return translate(err)
		}
		rows = rows[n:]
	}
	return nil
}
