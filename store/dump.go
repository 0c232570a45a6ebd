package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A whole-database dump (rolo export all / import all) reads and writes
// rows by table, as plain values: app shapes them into the typed
// document. Each read is in key order, so two dumps of the same database
// are the same bytes.

// DumpRow is one row: string, int64, float64, []byte or nil by column.
// The rows of one read share their column index, so a large table costs
// its values and little more.
type DumpRow struct {
	cols map[string]int
	vals []any
}

// Value is the row's value of col (nil when NULL or not read).
func (r DumpRow) Value(col string) any {
	if i, ok := r.cols[col]; ok {
		return r.vals[i]
	}
	return nil
}

const (
	dumpContacts  = `SELECT id FROM contacts WHERE deleted_at IS NULL`
	dumpCompanies = `SELECT id FROM companies WHERE deleted_at IS NULL`
	dumpPipelines = `SELECT id FROM pipelines WHERE deleted_at IS NULL`
	dumpStages    = `SELECT id FROM stages WHERE deleted_at IS NULL AND pipeline_id IN (` + dumpPipelines + `)`
	dumpDeals     = `SELECT id FROM deals WHERE deleted_at IS NULL AND stage_id IN (` + dumpStages + `)`
)

// dumpQueries are what a dump reads: the live records (and, for users,
// every account, without any secret).
var dumpQueries = map[string]string{
	"users": `SELECT id, email, name, role, language, time_zone, phone_region, remind_minutes, disabled_at, last_login_at, created_at, updated_at
		FROM users ORDER BY id`,
	"tags":                 `SELECT id, name, color, created_at, updated_at FROM tags ORDER BY id`,
	"custom_fields":        `SELECT id, entity, key, label, type, help, required, group_name, position, currency, created_at, updated_at FROM custom_fields ORDER BY id`,
	"custom_field_options": `SELECT id, field_id, label, position FROM custom_field_options ORDER BY field_id, position, id`,
	"activity_types":       `SELECT id, name, icon, color, has_duration, builtin, position, archived_at, created_at, updated_at FROM activity_types ORDER BY id`,
	"pipelines":            `SELECT id, name, name_key, position, archived_at, created_at, updated_at FROM pipelines WHERE deleted_at IS NULL ORDER BY id`,
	"stages": `SELECT id, pipeline_id, name, name_key, position, probability, rot_days, kind, archived_at, created_at, updated_at
		FROM stages WHERE id IN (` + dumpStages + `) ORDER BY pipeline_id, position, id`,
	"companies": `SELECT id, name, domain, website, industry, size, phone, address_street, address_city, address_region, address_postal_code,
		address_country, owner_id, notes, created_at, updated_at FROM companies WHERE deleted_at IS NULL ORDER BY id`,
	"company_tags": `SELECT ct.company_id AS record_id, t.name FROM company_tags ct JOIN tags t ON t.id = ct.tag_id
		WHERE ct.company_id IN (` + dumpCompanies + `) ORDER BY ct.company_id, t.name_key`,
	"contacts": `SELECT id, first_name, last_name, display_name, title, company_id, address_street, address_city, address_region,
		address_postal_code, address_country, birthday, website, social, lead_source, lifecycle_status, owner_id, notes, created_at, updated_at
		FROM contacts WHERE deleted_at IS NULL ORDER BY id`,
	"contact_emails": `SELECT contact_id, label, value FROM contact_emails WHERE contact_id IN (` + dumpContacts + `) ORDER BY contact_id, position`,
	"contact_phones": `SELECT contact_id, label, value FROM contact_phones WHERE contact_id IN (` + dumpContacts + `) ORDER BY contact_id, position`,
	"contact_tags": `SELECT ct.contact_id AS record_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
		WHERE ct.contact_id IN (` + dumpContacts + `) ORDER BY ct.contact_id, t.name_key`,
	"contact_photos": `SELECT contact_id, data, updated_at FROM contact_photos WHERE contact_id IN (` + dumpContacts + `) ORDER BY contact_id`,
	"contact_consent": `SELECT contact_id, status, given_at, source, wording, do_not_contact, unsubscribed_at, updated_at
		FROM contact_consent WHERE contact_id IN (` + dumpContacts + `) ORDER BY contact_id`,
	"keep_in_touch": `SELECT contact_id, every_days, user_id, last_touch_at, due_at, updated_at FROM keep_in_touch
		WHERE contact_id IN (` + dumpContacts + `) ORDER BY contact_id`,
	"deals": `SELECT id, title, value, currency, pipeline_id, stage_id, position, company_id, contact_id, owner_id, expected_close_date,
		source, notes, status, lost_reason, closed_at, stage_entered_at, created_at, updated_at FROM deals WHERE id IN (` + dumpDeals + `) ORDER BY id`,
	"deal_contacts": `SELECT deal_id, contact_id FROM deal_contacts WHERE deal_id IN (` + dumpDeals + `)
		AND contact_id IN (` + dumpContacts + `) ORDER BY deal_id, position`,
	"deal_tags": `SELECT dt.deal_id AS record_id, t.name FROM deal_tags dt JOIN tags t ON t.id = dt.tag_id
		WHERE dt.deal_id IN (` + dumpDeals + `) ORDER BY dt.deal_id, t.name_key`,
	"deal_stage_history": `SELECT id, deal_id, from_stage_id, to_stage_id, at, moved_by FROM deal_stage_history
		WHERE deal_id IN (` + dumpDeals + `) ORDER BY deal_id, id`,
	"custom_values": `SELECT field_id, record_id, value, currency FROM custom_values ORDER BY record_id, field_id, value`,
	"activities": `SELECT id, type_id, occurred_at, duration_minutes, outcome, body, user_id, created_at, updated_at
		FROM activities WHERE deleted_at IS NULL ORDER BY id`,
	"activity_links": `SELECT activity_id, entity, entity_id FROM activity_links
		WHERE activity_id IN (SELECT id FROM activities WHERE deleted_at IS NULL) ORDER BY activity_id, entity, entity_id`,
	"tasks": `SELECT id, title, notes, due_at, due_date, time_zone, assignee_id, priority, done_at, done_by, recurrence, series_id,
		series_start, occurrence, snoozed_until, remind_minutes, created_at, updated_at FROM tasks WHERE deleted_at IS NULL ORDER BY id`,
	"task_links": `SELECT task_id, entity, entity_id FROM task_links
		WHERE task_id IN (SELECT id FROM tasks WHERE deleted_at IS NULL) ORDER BY task_id, entity, entity_id`,
	"segments": `SELECT id, entity, name, query, shared, owner_id, created_at, updated_at FROM segments ORDER BY id`,
}

// DumpTable reads one of the dump's tables (see dumpQueries), in order.
func DumpTable(ctx context.Context, q Querier, table string) ([]DumpRow, error) {
	query, ok := dumpQueries[table]
	if !ok {
		return nil, fmt.Errorf("dump: no table %q", table)
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(cols))
	for i, c := range cols {
		index[c] = i
	}
	var out []DumpRow
	ptrs := make([]any, len(cols))
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, DumpRow{cols: index, vals: vals})
	}
	return out, rows.Err()
}

// ReadSnapshot runs fn in one read transaction, so every table it reads
// comes from the same moment even while others write.
func (db *DB) ReadSnapshot(ctx context.Context, fn func(q Querier) error) error {
	tx, err := db.read.DB.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // read only: nothing to keep
	return fn(tx)
}

// InsertDumpRow writes one row of a restored dump; cols and table come
// from app's code, never from the document.
func InsertDumpRow(ctx context.Context, tx *Tx, table string, cols []string, vals ...any) error {
	query := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
	_, err := tx.exec(ctx, query, vals...)
	return err
}

// dumpOccupied names the kinds of record whose presence makes a database
// not empty for a restore: anything a person made. A new database's own
// rows (the default pipeline, the built-in activity types, the birthday
// reminder) do not count.
var dumpOccupied = []struct{ kind, query string }{
	{"users", `SELECT count(*) FROM users`},
	{"contacts", `SELECT count(*) FROM contacts`},
	{"companies", `SELECT count(*) FROM companies`},
	{"deals", `SELECT count(*) FROM deals`},
	{"activities", `SELECT count(*) FROM activities`},
	{"tasks", `SELECT count(*) FROM tasks`},
	{"tags", `SELECT count(*) FROM tags`},
	{"custom fields", `SELECT count(*) FROM custom_fields`},
	{"segments", `SELECT count(*) FROM segments`},
	{"pipelines", `SELECT count(*) FROM pipelines WHERE id <> '00000000-0000-7000-8000-000000000001'`},
	{"activity types", `SELECT count(*) FROM activity_types WHERE builtin = 0`},
}

// DumpOccupied returns what the database already holds, as "3 contacts",
// or nothing when it is empty enough to restore a dump into.
func DumpOccupied(ctx context.Context, q Querier) ([]string, error) {
	var held []string
	for _, o := range dumpOccupied {
		var n int
		if err := q.QueryRowContext(ctx, o.query).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%d %s", n, o.kind))
		}
	}
	return held, nil
}

// ClearDumpSeeds removes a new database's default pipeline and built-in
// activity types, which a restore brings back as the dump holds them.
func ClearDumpSeeds(ctx context.Context, tx *Tx) error {
	for _, q := range []string{`DELETE FROM deal_stage_history`, `DELETE FROM stages`, `DELETE FROM pipelines`, `DELETE FROM activity_types`} {
		if _, err := tx.exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// RestoreDealTimes gives a deal an import created the moments its
// document says it entered its stage and closed (closed is nil when open).
// Its card takes the document's place in its column unless a live deal
// of that stage holds it already.
func RestoreDealTimes(ctx context.Context, tx *Tx, id, entered string, closed any, position string) error {
	_, err := tx.exec(ctx, `UPDATE deals SET stage_entered_at = ?, closed_at = ?,
		position = CASE WHEN EXISTS (SELECT 1 FROM deals o WHERE o.stage_id = deals.stage_id AND o.position = ? AND o.deleted_at IS NULL)
			THEN position ELSE ? END
		WHERE id = ?`, entered, closed, position, position, id)
	return err
}

// ClearDealHistory removes the stage history an import wrote for a new
// deal, for the document's own to take its place.
func ClearDealHistory(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM deal_stage_history WHERE deal_id = ?`, id)
	return err
}

// RestoreText sets columns of one record to a restored document's text;
// table and columns come from app's code, never from the document.
func RestoreText(ctx context.Context, tx *Tx, table, id string, cols []string, vals []any) error {
	query := "UPDATE " + table + " SET " + strings.Join(cols, " = ?, ") + " = ? WHERE id = ?"
	_, err := tx.exec(ctx, query, append(vals, id)...)
	return err
}

// RestoreCustomText sets a record's text value of one custom field.
func RestoreCustomText(ctx context.Context, tx *Tx, fieldID, recordID, value string) error {
	_, err := tx.exec(ctx, `UPDATE custom_values SET value = ? WHERE field_id = ? AND record_id = ?`, value, fieldID, recordID)
	return err
}
