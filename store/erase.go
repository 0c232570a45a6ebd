package store

import (
	"context"
	"strings"
)

// EraseContactRow deletes a contact for good, live or trashed: emails,
// phones, tag links, consent, custom values and deal links go with it.
func EraseContactRow(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.exec(ctx, `DELETE FROM contacts WHERE id = ?`, id)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// DeleteActivitiesOnlyOf deletes the activities and tasks linked to this
// record and to nothing else: they are about that one person.
func DeleteActivitiesOnlyOf(ctx context.Context, tx *Tx, entity, id string) error {
	if _, err := tx.exec(ctx, `DELETE FROM activities WHERE id IN (
		SELECT activity_id FROM activity_links WHERE entity = ? AND entity_id = ?)
		AND NOT EXISTS (SELECT 1 FROM activity_links o WHERE o.activity_id = activities.id AND NOT (o.entity = ? AND o.entity_id = ?))`,
		entity, id, entity, id); err != nil {
		return translate(err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM tasks WHERE id IN (
		SELECT task_id FROM task_links WHERE entity = ? AND entity_id = ?)
		AND NOT EXISTS (SELECT 1 FROM task_links o WHERE o.task_id = tasks.id AND NOT (o.entity = ? AND o.entity_id = ?))`,
		entity, id, entity, id); err != nil {
		return translate(err)
	}
	for _, q := range []string{`DELETE FROM activity_links WHERE entity = ? AND entity_id = ?`, `DELETE FROM task_links WHERE entity = ? AND entity_id = ?`} {
		if _, err := tx.exec(ctx, q, entity, id); err != nil {
			return translate(err)
		}
	}
	return nil
}

// RecordHistory returns every stored copy of a record's fields, as JSON:
// the details of its audit entries (fields as created, each change's from
// and to, fields merged into it), the snapshots imports kept before
// updating it, and its fields before a merge. An erasure reads them to
// find every value the record ever had.
func RecordHistory(ctx context.Context, q Querier, entity, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT details FROM audit_log WHERE entity = ?1 AND entity_id = ?2
		UNION ALL SELECT before FROM import_records WHERE entity = ?1 AND record_id = ?2 AND before <> ''
		UNION ALL SELECT survivor_before FROM merges WHERE entity = ?1 AND survivor_id = ?2`, entity, id)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// ForgetRecordCopies deletes the rows that are about one record alone and
// keep copies of its fields: imports' snapshots of it, webhook messages
// and delayed rule runs of its events (their deliveries go with them).
func ForgetRecordCopies(ctx context.Context, tx *Tx, entity, id string) error {
	for _, q := range []string{
		`DELETE FROM import_records WHERE entity = ? AND record_id = ?`,
		`DELETE FROM webhook_messages WHERE json_valid(payload)
			AND json_extract(payload, '$.data.entity') = ? AND json_extract(payload, '$.data.entity_id') = ?`,
		`DELETE FROM automation_queue WHERE json_valid(event)
			AND json_extract(event, '$.entity') = ? AND json_extract(event, '$.entity_id') = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, entity, id); err != nil {
			return translate(err)
		}
	}
	return nil
}

// DeleteImportFailuresMentioning deletes the failed import rows whose
// cells hold any of the needles: a row is one person's data, so it goes
// whole rather than with the rest of its cells left behind.
func DeleteImportFailuresMentioning(ctx context.Context, tx *Tx, needles []string) error {
	if len(needles) == 0 {
		return nil
	}
	conds := make([]string, len(needles))
	args := make([]any, len(needles))
	for i, n := range needles {
		conds[i] = "instr(cells, ?) > 0"
		args[i] = n
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM import_failures WHERE `+strings.Join(conds, " OR "), args...)
	return translate(err)
}

// ForgetAuditDetails empties the details of a record's audit entries: the
// entries still say who did what when, but no longer what the values were.
func ForgetAuditDetails(ctx context.Context, tx *Tx, entity, id string) error {
	_, err := tx.exec(ctx, `UPDATE audit_log SET details = '{}' WHERE entity = ? AND entity_id = ?`, entity, id)
	return translate(err)
}

// ScrubText replaces every occurrence of the needles in every text column
// of every table but those in keep, with the replacement. It is the sweep
// after an erasure that catches a person's email or phone copied into
// notes, deal titles, webhook payloads, notifications or audit details of
// other records — tables added later included, since it reads the schema.
func ScrubText(ctx context.Context, tx *Tx, needles []string, replacement string, keep map[string]bool) error {
	var live []string
	for _, n := range needles {
		if len([]rune(n)) >= 3 { // shorter ones would wreck other people's text
			live = append(live, n)
		}
	}
	if len(live) == 0 {
		return nil
	}
	cols, err := TextColumns(ctx, tx)
	if err != nil {
		return err
	}
	for table, names := range cols {
		if keep[table] {
			continue
		}
		var sets, conds []string
		var setArgs, condArgs []any
		for _, c := range names {
			expr := quoteIdent(c)
			for _, n := range live {
				expr = "replace(" + expr + ", ?, ?)"
				setArgs = append(setArgs, n, replacement)
				conds = append(conds, "instr("+quoteIdent(c)+", ?) > 0")
				condArgs = append(condArgs, n)
			}
			sets = append(sets, quoteIdent(c)+" = "+expr)
		}
		q := `UPDATE ` + quoteIdent(table) + ` SET ` + strings.Join(sets, ", ") + ` WHERE ` + strings.Join(conds, " OR ")
		if _, err := tx.ExecContext(ctx, q, append(setArgs, condArgs...)...); err != nil {
			return translate(err)
		}
	}
	return nil
}

// TextColumns lists the ordinary tables and their columns that may hold
// text (declared TEXT or with no type), leaving out SQLite's own tables,
// virtual tables and the shadow tables of the search index, which are
// cleaned through the index itself. Generated columns are left out too.
func TextColumns(ctx context.Context, q Querier) (map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
	if err != nil {
		return nil, err
	}
	tables, err := scanIDs(rows)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, t := range tables {
		cols, err := q.QueryContext(ctx, `SELECT name, type, hidden FROM pragma_table_xinfo(?)`, t)
		if err != nil {
			return nil, err
		}
		for cols.Next() {
			var name, typ string
			var hidden int
			if err := cols.Scan(&name, &typ, &hidden); err != nil {
				cols.Close()
				return nil, err
			}
			typ = strings.ToUpper(typ)
			if hidden == 0 && (typ == "" || strings.Contains(typ, "TEXT") || strings.Contains(typ, "CHAR") || strings.Contains(typ, "CLOB")) {
				out[t] = append(out[t], name)
			}
		}
		if err := cols.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// OptimizeSearchIndex merges the index's segments, which drops the terms
// of deleted entries for good: after an erasure not even the index's
// internal pages keep the person's words.
func OptimizeSearchIndex(ctx context.Context, tx *Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO search_index (search_index) VALUES ('optimize')`)
	return translate(err)
}

// PurgeTrashedBefore deletes for good the records of a table trashed
// before cutoff and returns their ids.
func PurgeTrashedBefore(ctx context.Context, tx *Tx, table, cutoff string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `DELETE FROM `+quoteIdent(table)+` WHERE deleted_at IS NOT NULL AND deleted_at < ? RETURNING id`, cutoff)
	if err != nil {
		return nil, translate(err)
	}
	return scanIDs(rows)
}

// ForgetAuditDetailsBefore empties the details of audit entries older than
// cutoff, and returns how many it emptied.
func ForgetAuditDetailsBefore(ctx context.Context, tx *Tx, cutoff string) (int64, error) {
	res, err := tx.exec(ctx, `UPDATE audit_log SET details = '{}' WHERE at < ? AND details <> '{}'`, cutoff)
	if err != nil {
		return 0, translate(err)
	}
	return res.RowsAffected()
}
