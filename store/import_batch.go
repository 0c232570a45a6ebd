package store

import (
	"context"
	"time"
)

// ImportBatch is one run of an import and what it did.
type ImportBatch struct {
	ID, Entity, FileName, FileHash, Preset, Encoding, Tag, Status string
	RowsDone, Created, Updated, Skipped, Failed                   int
	CreatedBy, CreatedByName                                      string
	CreatedAt, FinishedAt, UndoneAt                               time.Time
}

// ImportRecord is one record a batch created or updated.
type ImportRecord struct {
	Entity, RecordID, Action, Before string
}

// ImportFailure is one row a batch could not import.
type ImportFailure struct {
	Line           int
	Field, Message string
	Cells          string // JSON array
}

const importBatchColumns = `b.id, b.entity, b.file_name, b.file_hash, b.preset, b.encoding, b.tag, b.status,
	b.rows_done, b.created, b.updated, b.skipped, b.failed, coalesce(b.created_by, ''), coalesce(u.name, ''),
	b.created_at, coalesce(b.finished_at, ''), coalesce(b.undone_at, '')`

// InsertImportBatch records the start of an import.
func InsertImportBatch(ctx context.Context, tx *Tx, b ImportBatch) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO import_batches (id, entity, file_name, file_hash, preset, encoding, tag, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.ID, b.Entity, b.FileName, b.FileHash, b.Preset, b.Encoding, b.Tag,
		nullString(b.CreatedBy), FormatTime(tx.Now))
	return translate(err)
}

// SaveImportProgress stores a batch's counts; done marks it finished.
func SaveImportProgress(ctx context.Context, tx *Tx, b ImportBatch, done bool) error {
	var finished any
	if done {
		finished = FormatTime(tx.Now)
	}
	_, err := tx.ExecContext(ctx, `UPDATE import_batches SET rows_done = ?, created = ?, updated = ?, skipped = ?, failed = ?,
		status = CASE WHEN ? IS NULL THEN status ELSE 'done' END, finished_at = coalesce(?, finished_at) WHERE id = ?`,
		b.RowsDone, b.Created, b.Updated, b.Skipped, b.Failed, finished, finished, b.ID)
	return translate(err)
}

// MarkImportUndone records that a batch was undone.
func MarkImportUndone(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.ExecContext(ctx, `UPDATE import_batches SET status = 'undone', undone_at = ? WHERE id = ? AND status <> 'undone'`,
		FormatTime(tx.Now), id)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// InsertImportRecord lists a record under its batch.
func InsertImportRecord(ctx context.Context, tx *Tx, batchID string, r ImportRecord) error {
	_, err := tx.exec(ctx, `INSERT INTO import_records (batch_id, entity, record_id, action, before) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, batchID, r.Entity, r.RecordID, r.Action, r.Before)
	return translate(err)
}

// InsertImportFailure keeps a failed row for the download.
func InsertImportFailure(ctx context.Context, tx *Tx, batchID string, f ImportFailure) error {
	_, err := tx.exec(ctx, `INSERT INTO import_failures (batch_id, line, field, message, cells) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, batchID, f.Line, f.Field, f.Message, f.Cells)
	return translate(err)
}

// ImportBatchByID loads one batch.
func ImportBatchByID(ctx context.Context, q Querier, id string) (ImportBatch, error) {
	return scanImportBatch(q.QueryRowContext(ctx, `SELECT `+importBatchColumns+` FROM import_batches b
		LEFT JOIN users u ON u.id = b.created_by WHERE b.id = ?`, id))
}

// RunningImportByHash finds an unfinished batch of the same file, to resume.
func RunningImportByHash(ctx context.Context, q Querier, entity, hash string) (ImportBatch, error) {
	return scanImportBatch(q.QueryRowContext(ctx, `SELECT `+importBatchColumns+` FROM import_batches b
		LEFT JOIN users u ON u.id = b.created_by WHERE b.entity = ? AND b.file_hash = ? AND b.status = 'running'
		ORDER BY b.created_at DESC LIMIT 1`, entity, hash))
}

// ListImportBatches returns the newest batches first.
func ListImportBatches(ctx context.Context, q Querier, limit int) ([]ImportBatch, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+importBatchColumns+` FROM import_batches b
		LEFT JOIN users u ON u.id = b.created_by ORDER BY b.created_at DESC, b.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	var out []ImportBatch
	err = eachRow(rows, func() error {
		b, err := scanImportBatch(rows)
		out = append(out, b)
		return err
	})
	return out, err
}

// ImportRecords lists what a batch created and updated, newest first, so
// an undo reverts later changes before earlier ones.
func ImportRecords(ctx context.Context, q Querier, batchID string) ([]ImportRecord, error) {
	rows, err := q.QueryContext(ctx, `SELECT entity, record_id, action, before FROM import_records WHERE batch_id = ?
		ORDER BY entity DESC, record_id DESC`, batchID)
	if err != nil {
		return nil, err
	}
	var out []ImportRecord
	err = eachRow(rows, func() error {
		var r ImportRecord
		err := rows.Scan(&r.Entity, &r.RecordID, &r.Action, &r.Before)
		out = append(out, r)
		return err
	})
	return out, err
}

// ImportFailures lists a batch's failed rows in file order.
func ImportFailures(ctx context.Context, q Querier, batchID string) ([]ImportFailure, error) {
	rows, err := q.QueryContext(ctx, `SELECT line, field, message, cells FROM import_failures WHERE batch_id = ? ORDER BY line, field`, batchID)
	if err != nil {
		return nil, err
	}
	var out []ImportFailure
	err = eachRow(rows, func() error {
		var f ImportFailure
		err := rows.Scan(&f.Line, &f.Field, &f.Message, &f.Cells)
		out = append(out, f)
		return err
	})
	return out, err
}

func scanImportBatch(sc rowScanner) (ImportBatch, error) {
	var b ImportBatch
	var created, finished, undone string
	err := sc.Scan(&b.ID, &b.Entity, &b.FileName, &b.FileHash, &b.Preset, &b.Encoding, &b.Tag, &b.Status,
		&b.RowsDone, &b.Created, &b.Updated, &b.Skipped, &b.Failed, &b.CreatedBy, &b.CreatedByName, &created, &finished, &undone)
	if err != nil {
		return b, translate(err)
	}
	b.CreatedAt, b.FinishedAt, b.UndoneAt = ParseTime(created), ParseTime(finished), ParseTime(undone)
	return b, nil
}

// ContactIDsByPhone finds live contacts with one of these E.164 numbers,
// with the number that matched: import matching.
func ContactIDsByPhone(ctx context.Context, q Querier, e164 []string) (map[string]string, error) {
	return matchChannel(ctx, q, `SELECT p.e164, p.contact_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
		WHERE c.deleted_at IS NULL AND p.e164 IN (`, e164)
}

// ContactIDsByEmails is ContactIDsByEmail with the address that matched.
func ContactIDsByEmails(ctx context.Context, q Querier, emails []string) (map[string]string, error) {
	return matchChannel(ctx, q, `SELECT e.value, e.contact_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
		WHERE c.deleted_at IS NULL AND e.value IN (`, emails)
}

// ContactIDsByName finds live contacts by folded name and company key
// ("" for none), keyed "name\x00company".
func ContactIDsByName(ctx context.Context, q Querier, sortNames []string) (map[string]string, error) {
	if len(sortNames) == 0 {
		return map[string]string{}, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT sort_name, company_key, id FROM contacts
		WHERE deleted_at IS NULL AND sort_name IN (`+placeholders(len(sortNames))+`)`, anySlice(sortNames)...)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	err = eachRow(rows, func() error {
		var name, company, id string
		err := rows.Scan(&name, &company, &id)
		if _, seen := out[name+"\x00"+company]; !seen {
			out[name+"\x00"+company] = id
		}
		return err
	})
	return out, err
}

func matchChannel(ctx context.Context, q Querier, prefix string, values []string) (map[string]string, error) {
	out := map[string]string{}
	if len(values) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, prefix+placeholders(len(values))+`)`, anySlice(values)...)
	if err != nil {
		return nil, err
	}
	err = eachRow(rows, func() error {
		var value, id string
		err := rows.Scan(&value, &id)
		if _, seen := out[value]; !seen {
			out[value] = id
		}
		return err
	})
	return out, err
}

// CompanyIDsBySortName maps folded names of live companies to their ids.
func CompanyIDsBySortName(ctx context.Context, q Querier, names []string) (map[string]string, error) {
	return matchChannel(ctx, q, `SELECT sort_name, id FROM companies WHERE deleted_at IS NULL AND sort_name IN (`, names)
}

// InsertNewSearchDocs indexes records that are not in the index yet (an
// import's new contacts, a demo's records), a hundred per statement. The
// FTS rows go in one after another at the end of the chunk: FTS5 writes
// its pending terms to disk at every statement savepoint, and the contact
// INSERTs (which fire triggers) open one each, so interleaving them would
// flush once per row. The entries take the rowids after the last one, as
// SQLite would give them one by one.
//
// A record indexed since its entry was made — an automation rule that
// edited a new contact, a later row of the same file that updated it —
// already has a newer entry, and keeps it.
func InsertNewSearchDocs(ctx context.Context, tx *Tx, docs []SearchDoc) error {
	docs, err := notYetIndexed(ctx, tx, docs)
	if err != nil || len(docs) == 0 {
		return err
	}
	var next int64
	if err := tx.queryRow(ctx, `SELECT coalesce(max(rowid), 0) + 1 FROM search_docs`).Scan(&next); err != nil {
		return err
	}
	err = insertEach(ctx, tx, `INSERT INTO search_docs (rowid, kind, ref, title, subtitle, owner_id)`, 6, len(docs), func(i int, args []any) []any {
		d := &docs[i]
		return append(args, next+int64(i), d.Kind, d.Ref, d.Title, d.Subtitle, d.OwnerID)
	})
	if err != nil {
		return err
	}
	return insertEach(ctx, tx, `INSERT INTO search_index (rowid, name, words, cjk1, cjk2, digits)`, 6, len(docs), func(i int, args []any) []any {
		d := &docs[i]
		return append(args, next+int64(i), d.Name, d.Words, d.CJK1, d.CJK2, d.Digits)
	})
}
