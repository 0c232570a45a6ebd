package store

import (
	"context"
	"fmt"
	"time"
)

// migrationTables are the tables an undone migration deletes from, by
// the entity its import records name.
var migrationTables = map[string]string{"activity": "activities", "task": "tasks", "deal": "deals", "contact": "contacts", "company": "companies",
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

// UnusedOf keeps, of ids, the stages no deal is in, the pipelines with
// no stage left, the tags on no record, the contacts no deal names and
// the companies no contact or deal names.
func UnusedOf(ctx context.Context, q Querier, kind string, ids []string) ([]string, error) {
	used := map[string]string{
		"stage":    `SELECT DISTINCT stage_id FROM deals WHERE stage_id IN (%s)`,
		"pipeline": `SELECT DISTINCT pipeline_id FROM stages WHERE pipeline_id IN (%s)`,
		"tag": `SELECT tag_id FROM contact_tags WHERE tag_id IN (%s) UNION SELECT tag_id FROM company_tags WHERE tag_id IN (%s)
			UNION SELECT tag_id FROM deal_tags WHERE tag_id IN (%s)`,
		"contact": `SELECT contact_id FROM deals WHERE contact_id IN (%s) UNION SELECT contact_id FROM deal_contacts WHERE contact_id IN (%s)`,
		"company": `SELECT company_id FROM contacts WHERE company_id IN (%s) UNION SELECT company_id FROM deals WHERE company_id IN (%s)`,
	}[kind]
	if used == "" {
		return nil, fmt.Errorf("unused %s: unknown kind", kind)
	}
	inUse, err := idsAmong(ctx, q, used, nil, ids)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		if !inUse[id] {
			out = append(out, id)
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

// ChangedSince keeps the ids of records of entity that have an audit
// entry later than after: changed by someone since a migration.
func ChangedSince(ctx context.Context, q Querier, entity string, ids []string, after time.Time) (map[string]bool, error) {
	return idsAmong(ctx, q, `SELECT DISTINCT entity_id FROM audit_log WHERE entity = ? AND at > ? AND entity_id IN (%s)`,
		[]any{entity, FormatTime(after)}, ids)
}

// DeleteSearchDocs removes records of one kind from the index.
func DeleteSearchDocs(ctx context.Context, tx *Tx, kind string, refs []string) error {
	for len(refs) > 0 {
		n := min(len(refs), 500)
		args := append([]any{kind}, anySlice(refs[:n])...)
		if _, err := tx.exec(ctx, `DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_docs WHERE kind = ? AND ref IN (`+placeholders(n)+`))`, args...); err != nil {
			return translate(err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM search_docs WHERE kind = ? AND ref IN (`+placeholders(n)+`)`, args...); err != nil {
			return translate(err)
		}
		refs = refs[n:]
	}
	return nil
}
