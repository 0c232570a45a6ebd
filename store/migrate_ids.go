package store

import (
	"context"
	"fmt"
	"strings"
)

// MigrationID is one record a migration brought over (or found here),
// by the other CRM's id.
type MigrationID struct {
	Kind, ExternalID, RecordID string
}

// MigrationIDs maps the records earlier migrations from source brought
// over: kind → external id → record id (an undone migration's only for
// the records it kept).
func MigrationIDs(ctx context.Context, q Querier, source string) (map[string]map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, external_id, record_id FROM migration_ids WHERE source = ?`, source)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	err = eachRow(rows, func() error {
		var m MigrationID
		err := rows.Scan(&m.Kind, &m.ExternalID, &m.RecordID)
		if out[m.Kind] == nil {
			out[m.Kind] = map[string]string{}
		}
		out[m.Kind][m.ExternalID] = m.RecordID
		return err
	})
	return out, err
}

// InsertMigrationIDs remembers records of a migration batch by their
// external ids; an id already known keeps its record.
func InsertMigrationIDs(ctx context.Context, tx *Tx, source, batchID string, ids []MigrationID) error {
	rows := make([][]any, len(ids))
	for i, m := range ids {
		rows[i] = []any{source, m.Kind, m.ExternalID, m.RecordID, batchID}
	}
	return insertRows(ctx, tx, `INSERT OR REPLACE INTO migration_ids (source, kind, external_id, record_id, batch_id)`, rows)
}

// ForgetMigration drops the external ids an undone migration recorded
// of the records it removed; those of records it kept (changed since)
// stay, so running the migration again finds them.
func ForgetMigration(ctx context.Context, tx *Tx, batchID string) error {
	_, err := tx.exec(ctx, `DELETE FROM migration_ids WHERE batch_id = ? AND NOT CASE kind
		WHEN 'companies' THEN EXISTS (SELECT 1 FROM companies WHERE id = record_id)
		WHEN 'contacts' THEN EXISTS (SELECT 1 FROM contacts WHERE id = record_id)
		WHEN 'deals' THEN EXISTS (SELECT 1 FROM deals WHERE id = record_id)
		ELSE EXISTS (SELECT 1 FROM activities WHERE id = record_id) OR EXISTS (SELECT 1 FROM tasks WHERE id = record_id) END`, batchID)
	return translate(err)
}

// InsertMigrationFailure keeps a problem of one file of a migration.
func InsertMigrationFailure(ctx context.Context, tx *Tx, batchID, file string, f ImportFailure) error {
	_, err := tx.exec(ctx, `INSERT INTO import_failures (batch_id, file, line, field, message, cells) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, batchID, file, f.Line, f.Field, f.Message, f.Cells)
	return translate(err)
}

// LiveIDs keeps the ids of live (not trashed) records of a table of
// contacts, companies or deals.
func LiveIDs(ctx context.Context, q Querier, entity string, ids []string) (map[string]bool, error) {
	table, ok := migrationTables[entity]
	if !ok || table == "tags" || table == "stages" || table == "pipelines" {
		return nil, fmt.Errorf("live ids of %s: unknown entity", entity)
	}
	return idsAmong(ctx, q, `SELECT id FROM `+table+` WHERE deleted_at IS NULL AND id IN (%s)`, nil, ids)
}

// idsAmong runs query (its "IN (%s)" lists filled with ids, after the
// arguments before) over ids a few hundred at a time, and gives the ids
// it returns.
func idsAmong(ctx context.Context, q Querier, query string, before []any, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	lists := strings.Count(query, "%")
	for len(ids) > 0 {
		n := min(len(ids), 300)
		args := append([]any{}, before...)
		for range lists {
			args = append(args, anySlice(ids[:n])...)
		}
		marks := make([]any, lists)
		for i := range marks {
			marks[i] = placeholders(n)
		}
		rows, err := q.QueryContext(ctx, fmt.Sprintf(query, marks...), args...)
		if err != nil {
			return nil, err
		}
		found, err := scanIDs(rows)
		if err != nil {
			return nil, err
		}
		for _, id := range found {
			out[id] = true
		}
		ids = ids[n:]
	}
	return out, nil
}

// TagIDs lists every tag's id.
func TagIDs(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM tags`)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}
