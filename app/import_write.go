package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"

	"rolo/store"
)

// write is the second pass: chunks of rows, each in one transaction with
// the batch's progress, so the batch always accounts for what is stored.
func (imp *importer) write(ctx context.Context, src io.Reader, fileHash string, rep ImportReport) (ImportReport, error) {
	a, opt := imp.a, imp.opt
	opt.Encoding, opt.Delimiter = rep.Format.Encoding, rep.Format.Delimiter
	table, _, err := imp.open(src, opt)
	if err != nil {
		return rep, err
	}
	b, err := store.RunningImportByHash(ctx, a.db.Reader(), opt.Entity, fileHash)
	switch {
	case errors.Is(err, store.ErrNotFound):
		b = store.ImportBatch{ID: a.cfg.NewID(), Entity: opt.Entity, FileName: opt.FileName, FileHash: fileHash,
			Preset: rep.Preset, Encoding: rep.Format.Encoding, Tag: opt.Tag, CreatedBy: actorID(imp.actor)}
		err = a.db.Write(ctx, func(tx *store.Tx) error { return store.InsertImportBatch(ctx, tx, b) })
		if err != nil {
			return rep, err
		}
	case err != nil:
		return rep, err
	default:
		rep.ResumedAt = b.RowsDone
	}
	imp.batchID, rep.BatchID = b.ID, b.ID
	ctx = WithOrigin(ctx, Origin{Kind: OriginImport, ID: b.ID, Name: b.FileName}) // each row's change names its batch

	// One goroutine reads and checks the next chunk while this one writes
	// the last: on two cores the parsing (phone numbers, validation,
	// search text) then costs no time of its own.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan parsedChunk, 1)
	imp.writing = true
	go imp.parseChunks(ctx, table, b.RowsDone, chunks)
	// The indexes a chunk touches outgrow SQLite's 2 MB page cache after
	// a few thousand rows; then every insert reads pages back from the file.
	if err := a.db.SetWriteCache(ctx, importCacheKiB); err != nil {
		return rep, err
	}
	defer a.db.SetWriteCache(context.WithoutCancel(ctx), 0)
	for c := range chunks {
		if c.err != nil {
			return rep, c.err
		}
		next := b
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			if err := imp.writeChunk(ctx, tx, c.records, &next); err != nil {
				return err
			}
			for _, f := range c.failures {
				if err := store.InsertImportFailure(ctx, tx, b.ID, f); err != nil {
					return err
				}
			}
			for _, f := range c.warnings {
				if err := store.InsertImportFailure(ctx, tx, b.ID, f); err != nil {
					return err
				}
			}
			next.Failed += len(c.failures)
			next.RowsDone = c.rows
			if c.last {
				if err := a.record(ctx, tx, actorID(imp.actor), Change{Action: ActionImportFinished, Entity: "import", ID: b.ID,
					Details: map[string]any{"name": opt.FileName, "entity": opt.Entity, "created": next.Created, "updated": next.Updated, "skipped": next.Skipped, "failed": next.Failed}}); err != nil {
					return err
				}
			}
			return store.SaveImportProgress(ctx, tx, next, c.last)
		})
		if err != nil {
			return rep, err // a failed chunk ends the import; its caches are not used again
		}
		b = next
		if opt.Progress != nil {
			opt.Progress(2, c.rows)
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, err // cancelled between chunks: parseChunks stopped early
	}
	rep.Created, rep.Updated, rep.Skipped, rep.Failed, rep.Written = b.Created, b.Updated, b.Skipped, b.Failed, true
	return rep, nil
}

// importCacheKiB is the writer's page cache during an import. 32 MB was
// a little faster on 100,000 rows but took a 1,000,000-row import to
// 155 MB resident, over the 150 MB budget; 16 MB keeps it near 120 MB.
const importCacheKiB = 16 << 10

// parsedChunk is up to importChunk rows, checked and ready to write.
type parsedChunk struct {
	records  []importRecord
	failures []store.ImportFailure
	warnings []store.ImportFailure // fields left out of kept rows
	rows     int                   // rows of the file read through the end of this chunk
	last     bool
	err      error
}

// parseChunks reads the table after the first done rows (committed by
// the run this one resumes) and sends them in checked chunks, the last
// one marked; it stops early when ctx ends.
func (imp *importer) parseChunks(ctx context.Context, table *csvTable, done int, out chan<- parsedChunk) {
	defer close(out)
	send := func(c parsedChunk) bool {
		select {
		case out <- c:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var c parsedChunk
	rows := 0
	for {
		row, err := table.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			send(parsedChunk{err: readError(err, row.Line)})
			return
		}
		rows++
		if rows <= done {
			continue
		}
		imp.parseInto(ctx, row, &c)
		if len(c.records)+len(c.failures) == importChunk {
			c.rows = rows
			if !send(c) {
				return
			}
			c = parsedChunk{}
		}
	}
	c.rows, c.last = rows, true
	send(c)
}

// parseInto checks one row and adds it to the chunk as a record to write
// or a failure to report.
func (imp *importer) parseInto(ctx context.Context, row csvRow, c *parsedChunk) {
	if row.Err != "" {
		c.failures = append(c.failures, failureOf(row, []ImportProblem{{Line: row.Line, Message: row.Err}}))
		return
	}
	rec, problems := imp.parse(ctx, row)
	if rec == nil {
		c.failures = append(c.failures, failureOf(row, problems))
		return
	}
	if len(problems) > 0 {
		cells, _ := json.Marshal(row.Cells)
		for _, p := range problems {
			c.warnings = append(c.warnings, store.ImportFailure{Line: row.Line, Field: p.Field, Message: keptPrefix + p.Message + "\n" + p.Value,
				Cells: string(cells)})
		}
	}
	if r, ok := rec.(*contactRow); ok {
		imp.prepare(r)
	}
	c.records = append(c.records, rec)
}

func (imp *importer) writeChunk(ctx context.Context, tx *store.Tx, records []importRecord, b *store.ImportBatch) error {
	switch imp.opt.Entity {
	case "company":
		for _, r := range records {
			if err := imp.writeCompany(ctx, tx, r.(*companyRow), b); err != nil {
				return err
			}
		}
		return nil
	case "deal":
		for _, r := range records {
			if err := imp.writeDeal(ctx, tx, r.(*dealRow), b); err != nil {
				return err
			}
		}
		return nil
	}
	rows := make([]*contactRow, len(records))
	for i, r := range records {
		rows[i] = r.(*contactRow)
	}
	return imp.writeContacts(ctx, tx, rows, b)
}

func failureOf(row csvRow, problems []ImportProblem) store.ImportFailure {
	f := store.ImportFailure{Line: row.Line, Message: problems[0].Message, Field: problems[0].Field}
	cells, _ := json.Marshal(row.Cells)
	f.Cells = string(cells)
	return f
}
