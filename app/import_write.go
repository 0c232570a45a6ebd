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

	var chunk []csvRow
	rows := 0
	flush := func(last bool) error {
		var records []importRecord
		var failures []store.ImportFailure
		for _, row := range chunk {
			if row.Err != "" {
				failures = append(failures, failureOf(row, []ImportProblem{{Line: row.Line, Message: row.Err}}))
				continue
			}
			rec, problems := imp.parse(ctx, row)
			if len(problems) > 0 {
				failures = append(failures, failureOf(row, problems))
				continue
			}
			records = append(records, rec)
		}
		next := b
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			if err := imp.writeChunk(ctx, tx, records, &next); err != nil {
				return err
			}
			for _, f := range failures {
				if err := store.InsertImportFailure(ctx, tx, b.ID, f); err != nil {
					return err
				}
			}
			next.Failed += len(failures)
			next.RowsDone = rows
			if last {
				if err := a.audit(ctx, tx, actorID(imp.actor), "import.finished", "import", b.ID, map[string]any{
					"name": opt.FileName, "entity": opt.Entity, "created": next.Created, "updated": next.Updated,
					"skipped": next.Skipped, "failed": next.Failed}); err != nil {
					return err
				}
			}
			return store.SaveImportProgress(ctx, tx, next, last)
		})
		if err != nil {
			// Caches may name companies and tags of the rolled-back chunk.
			imp.compIDs, imp.tagIDs = map[string]string{}, map[string]string{}
			return err
		}
		b, chunk = next, chunk[:0]
		if opt.Progress != nil {
			opt.Progress(2, rows)
		}
		return nil
	}
	for {
		row, err := table.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rep, readError(err, row.Line)
		}
		rows++
		if rows <= b.RowsDone {
			continue // committed by the run this one resumes
		}
		chunk = append(chunk, row)
		if len(chunk) == importChunk {
			if err := flush(false); err != nil {
				return rep, err
			}
		}
	}
	if err := flush(true); err != nil {
		return rep, err
	}
	rep.Created, rep.Updated, rep.Skipped, rep.Failed, rep.Written = b.Created, b.Updated, b.Skipped, b.Failed, true
	return rep, nil
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
