package app

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"
)

// The first pass of an import (see Import) reads and checks every row
// before anything is written, so that a file with a bad row writes
// nothing. Checking a row (phone numbers, validation) costs far more than
// reading it, and one goroutine doing both left the second core idle: here
// one goroutine reads the file in batches, runtime.NumCPU() workers check
// them, and the batches are taken back in file order, so the report
// (counts, problems, warnings, preview, a dry run's classification) is the
// one a single loop over the rows writes.

// firstPassBatch is how many rows a worker checks at a time: enough that
// handing batches over costs nothing next to checking them, few enough
// that the batches in flight hold little of a large file.
const firstPassBatch = 256

// checkedBatch is a run of rows in file order and what parse said of each.
type checkedBatch struct {
	rows     []csvRow
	recs     []importRecord
	problems [][]ImportProblem
	err      error // the read error that ended the file after these rows
	errLine  int
	done     chan struct{} // closed once every row is checked
}

// firstPass reads and checks every row of table into rep. A read error
// ends it, after the rows before it are counted.
func (imp *importer) firstPass(ctx context.Context, table *csvTable, rep *ImportReport) error {
	workers := runtime.NumCPU()
	quit := make(chan struct{})
	work := make(chan *checkedBatch, workers)
	order := make(chan *checkedBatch, 2*workers)
	var wg sync.WaitGroup
	defer wg.Wait() // no goroutine uses imp once this returns
	defer close(quit)
	wg.Add(1 + workers)
	go func() {
		defer wg.Done()
		readBatches(table, work, order, quit)
	}()
	checkCtx := ctx
	if !imp.opt.DryRun {
		// The rows are dropped once counted: their numbers need no E.164
		// form (a dry run's matching by phone needs it).
		checkCtx = withPhonesOnlyChecked(ctx)
	}
	for range workers {
		go func() {
			defer wg.Done()
			for b := range work {
				imp.checkBatch(checkCtx, b)
			}
		}()
	}
	for b := range order {
		<-b.done
		for i, row := range b.rows {
			imp.tally(ctx, rep, row, b.recs[i], b.problems[i])
		}
		if b.err != nil {
			return readError(b.err, b.errLine)
		}
	}
	return nil
}

// readBatches reads the table in batches, each sent to the workers and,
// in the same order, to the merge; the last batch carries the read error
// that ended the file, if any. It stops early when quit closes.
func readBatches(table *csvTable, work, order chan<- *checkedBatch, quit <-chan struct{}) {
	defer close(order)
	defer close(work)
	send := func(b *checkedBatch) bool {
		for _, ch := range []chan<- *checkedBatch{work, order} {
			select {
			case ch <- b:
			case <-quit:
				return false
			}
		}
		return true
	}
	b := &checkedBatch{done: make(chan struct{})}
	for {
		row, err := table.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.err, b.errLine = err, row.Line
			break
		}
		b.rows = append(b.rows, row)
		if len(b.rows) == firstPassBatch {
			if !send(b) {
				return
			}
			b = &checkedBatch{done: make(chan struct{})}
		}
	}
	if len(b.rows) > 0 || b.err != nil {
		send(b)
	}
}

// checkBatch parses each well-formed row of b; a malformed row is left
// for tally to report.
func (imp *importer) checkBatch(ctx context.Context, b *checkedBatch) {
	defer close(b.done)
	b.recs = make([]importRecord, len(b.rows))
	b.problems = make([][]ImportProblem, len(b.rows))
	for i, row := range b.rows {
		if row.Err == "" {
			b.recs[i], b.problems[i] = imp.parse(ctx, row)
		}
	}
}

// tally adds one checked row to the report, in file order.
func (imp *importer) tally(ctx context.Context, rep *ImportReport, row csvRow, rec importRecord, problems []ImportProblem) {
	rep.Rows++
	if row.Err != "" {
		rep.fail(ImportProblem{Line: row.Line, Message: row.Err})
		return
	}
	if rec == nil {
		rep.fail(problems...)
		return
	}
	if len(problems) > 0 {
		rep.warn(problems...)
	}
	if len(rep.Preview) < previewRows {
		rep.Preview = append(rep.Preview, rec.preview())
	}
	if imp.opt.DryRun {
		imp.classify(ctx, rec, rep)
	}
	if imp.opt.Progress != nil && rep.Rows%1000 == 0 {
		imp.opt.Progress(1, rep.Rows)
	}
}
