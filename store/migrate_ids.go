package store

import (
	"context"
	"fmt"
)

// MigrationID is one record a migration brought over (or found here),
// by the other CRM's id.
type MigrationID struct {
	Kind, ExternalID, RecordID string
}

// MigrationIDs maps the records earlier migrations from source brought
// over: kind → external id → record id. Records purged since are left out.
func MigrationIDs(ctx context.Context, q Querier, source string) (map[string]map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.kind, m.external_id, m.record_id FROM migration_ids m
		JOIN import_batches b ON b.id = m.batch_id WHERE m.source = ? AND b.status <> 'undone'`, source)
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

// ForgetMigration drops the external ids an undone migration recorded.
func ForgetMigration(ctx context.Context, tx *Tx, batchID string) error {
	_, err := tx.exec(ctx, `DELETE FROM migration_ids WHERE batch_id = ?`, batchID)
	return translate(err)
}

// InsertMigrationFailure keeps a problem of one file of a migration.
func InsertMigrationFailure(ctx context.Context, tx *Tx, batchID, file string, f ImportFailure) error {
	_, err := tx.exec(ctx, `INSERT INTO import_failures (batch_id, file, line, field, message, cells) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, batchID, file, f.Line, f.Field, f.Message, f.Cells)
	return translate(err)
}

// migrationTables are the tables an undone migration deletes from, by
// the entity its import records name.
var migrationTables = map[string]string{"activity": "activities", "deal": "deals", "contact": "contacts", "company": "companies",
	"stage": "stages", "pipeline": "pipelines", "tag": "tags"}

// DeleteMigrated deletes records a migration created, for good: undoing
// a migration leaves the database as it was, not a trash full of it.
// Links, emails, phones, tag links, stage history and custom values go
// with their records (foreign keys and triggers).
func DeleteMigrated(ctx context.Context, tx *Tx, entity string, ids []string) error {
	table, ok := migrationTables[entity]
	if !ok {
		return fmt.Errorf("delete migrated %s: unknown entity", entity)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE id IN (`+placeholders(n)+`)`, anySlice(ids[:n])...); err != nil {
			return translate(err)
		}
		ids = ids[n:]
	}
	return nil
}

// DropEmptyCounts deletes the counters that fell to zero (activities by
// day, list counts): an absent counter reads as zero, so a migration
// undone leaves no trace there.
func DropEmptyCounts(ctx context.Context, tx *Tx) error {
	for _, table := range []string{"activity_days", "list_counts"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE n = 0`); err != nil {
			return translate(err)
		}
	}
	return nil
}

// LiveIDs keeps the ids of live (not trashed) records of a table of
// contacts, companies or deals.
func LiveIDs(ctx context.Context, q Querier, entity string, ids []string) (map[string]bool, error) {
	table, ok := migrationTables[entity]
	if !ok || table == "tags" || table == "stages" || table == "pipelines" {
		return nil, fmt.Errorf("live ids of %s: unknown entity", entity)
	}
	out := map[string]bool{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		rows, err := q.QueryContext(ctx, `SELECT id FROM `+table+` WHERE deleted_at IS NULL AND id IN (`+placeholders(n)+`)`, anySlice(ids[:n])...)
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

// UnusedOf keeps the stages no deal is in, the pipelines with no stage
// left, and the tags on no record, of ids.
func UnusedOf(ctx context.Context, q Querier, kind string, ids []string) ([]string, error) {
	used := map[string]string{
		"stage":    `SELECT DISTINCT stage_id FROM deals WHERE stage_id IN (%s)`,
		"pipeline": `SELECT DISTINCT pipeline_id FROM stages WHERE pipeline_id IN (%s)`,
		"tag": `SELECT tag_id FROM contact_tags WHERE tag_id IN (%[1]s) UNION SELECT tag_id FROM company_tags WHERE tag_id IN (%[1]s)
			UNION SELECT tag_id FROM deal_tags WHERE tag_id IN (%[1]s)`,
	}[kind]
	if used == "" {
		return nil, fmt.Errorf("unused %s: unknown kind", kind)
	}
	var out []string
	for len(ids) > 0 {
		n := min(len(ids), 300)
		chunk := ids[:n]
		ids = ids[n:]
		args := anySlice(chunk)
		if kind == "tag" {
			args = append(append(append([]any{}, args...), args...), args...)
		}
		rows, err := q.QueryContext(ctx, fmt.Sprintf(used, placeholders(n)), args...)
		if err != nil {
			return nil, err
		}
		found, err := scanIDs(rows)
		if err != nil {
			return nil, err
		}
		inUse := map[string]bool{}
		for _, id := range found {
			inUse[id] = true
		}
		for _, id := range chunk {
			if !inUse[id] {
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// DeleteNotificationsAbout deletes the notifications that point at these
// links ("/deals/ID"): records an undone migration removed.
func DeleteNotificationsAbout(ctx context.Context, tx *Tx, links []string) error {
	for len(links) > 0 {
		n := min(len(links), 500)
		if _, err := tx.exec(ctx, `DELETE FROM notifications WHERE link IN (`+placeholders(n)+`)`, anySlice(links[:n])...); err != nil {
			return translate(err)
		}
		links = links[n:]
	}
	return nil
}
