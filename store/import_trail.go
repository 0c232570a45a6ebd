package store

import (
	"context"
	"slices"
	"strings"
)

// ImportTrail is a record's history from contact imports and whole-CRM
// migrations, one entry per batch that created it, in the shape the audit
// log kept it: the batch's user and start, the action "<entity>.created",
// and details naming the batch, the record and the file (the "by" origin
// the history pages read). These batches keep no audit entry per contact
// or company they create; their import_records are the trail, and the
// batch's own entry (import.finished) carries the counts. Batches from before
// that kept an entry per record, which are left out here so none shows
// twice (found by the batch ID in their details, so a merge that brings
// another record's history along does not hide this one).
func ImportTrail(ctx context.Context, q Querier, entity, id string) ([]AuditRow, error) {
	return queryAuditRows(ctx, q, importTrailSQL, entity, id)
}

// queryAuditRows reads audit rows: id, at, actor id and name, action,
// entity, entity id, details.
func queryAuditRows(ctx context.Context, q Querier, query string, args ...any) ([]AuditRow, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []AuditRow
	err = eachRow(rows, func() error {
		var r AuditRow
		var at string
		err := rows.Scan(&r.ID, &at, &r.ActorID, &r.ActorName, &r.Action, &r.Entity, &r.EntityID, &r.Details)
		r.At = ParseTime(at)
		out = append(out, r)
		return err
	})
	return out, err
}

const importTrailSQL = `SELECT b.id, b.created_at, coalesce(b.created_by, ''), coalesce(u.name, ''), r.entity || '.created', r.entity, r.record_id,
	json_object('import', b.id,
		'name', coalesce(CASE r.entity WHEN 'contact' THEN (SELECT display_name FROM contacts WHERE id = r.record_id)
			WHEN 'company' THEN (SELECT name FROM companies WHERE id = r.record_id) END, ''),
		'by', json_object('kind', 'import', 'id', b.id, 'name', b.file_name))
	FROM import_records r JOIN import_batches b ON b.id = r.batch_id LEFT JOIN users u ON u.id = b.created_by
	WHERE r.entity = ? AND r.record_id = ? AND r.action = 'created' AND b.entity IN ('contact', 'migration')
		AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = r.entity AND a.entity_id = r.record_id
			AND a.action = r.entity || '.created' AND a.details ->> '$.import' = r.batch_id)
	ORDER BY b.id DESC`

// MergeTrail puts trail entries among a record's audit entries, both
// newest first by less, and keeps the first limit (0: all).
func MergeTrail(entries, trail []AuditRow, limit int, newer func(a, b AuditRow) bool) []AuditRow {
	if len(trail) == 0 {
		return entries
	}
	out := append(slices.Clip(entries), trail...)
	slices.SortStableFunc(out, func(a, b AuditRow) int {
		switch {
		case newer(a, b):
			return -1
		case newer(b, a):
			return 1
		}
		return 0
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// NewerByID orders audit entries as the audit log pages them: by ID,
// which is time-ordered.
func NewerByID(a, b AuditRow) bool { return strings.Compare(a.ID, b.ID) > 0 }

// newerByTime orders them as a timeline does: by time, then ID.
func newerByTime(a, b AuditRow) bool {
	return a.At.After(b.At) || (a.At.Equal(b.At) && a.ID > b.ID)
}

// timelineTrail is ImportTrail past a timeline's cursor.
func timelineTrail(ctx context.Context, q Querier, ref RecordRef, cursor string) ([]AuditRow, error) {
	trail, err := ImportTrail(ctx, q, ref.Entity, ref.ID)
	if err != nil || cursor == "" || len(trail) == 0 {
		return trail, err
	}
	v, err := decodeCursor(cursor, timeMark, 2)
	if err != nil {
		return nil, err
	}
	kept := trail[:0]
	for _, t := range trail {
		if at := FormatTime(t.At); at < v[0] || (at == v[0] && t.ID < v[1]) {
			kept = append(kept, t)
		}
	}
	return kept, nil
}
