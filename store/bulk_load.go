package store

import (
	"context"
	"fmt"
	"strings"
)

// bulkTables are the tables a bulk load may fill: people, companies,
// deals, activities and tasks, and what hangs off them row by row. Not the
// deal stage history: its trigger reads the deal's earlier stages through
// an index.
var bulkTables = []string{"companies", "contacts", "contact_emails", "contact_phones", "contact_tags", "company_tags",
	"custom_values", "deals", "deal_contacts", "activities", "activity_links", "tasks", "task_links"}

// BulkLoad runs load, which fills the empty bulkTables, with their
// secondary indexes and the insert triggers that keep counts (and the
// activities' copies of their links) dropped, then builds the indexes in
// one sort each, the counts in one GROUP BY each and the copies in one
// pass, which is several times faster than keeping them up row by row. It is
// for filling a new database (the demo): a crash in the middle leaves a
// file without those indexes, so the caller builds in a file it renames
// into place only when done.
func (db *DB) BulkLoad(ctx context.Context, load func() error) error {
	var recreate []string
	err := db.Write(ctx, func(tx *Tx) error {
		for _, t := range bulkTables {
			var held int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM "+t+" LIMIT 1)").Scan(&held); err != nil {
				return err
			}
			if held > 0 {
				return fmt.Errorf("bulk load: %s is not empty", t)
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
			WHERE sql IS NOT NULL AND tbl_name IN (`+placeholders(len(bulkTables))+`)
			AND (type = 'index' OR (type = 'trigger' AND (name LIKE '%\_count\_insert' ESCAPE '\'
				OR name IN ('activity_days_insert', 'activity_links_copy_insert'))))
			ORDER BY type, name`, anySlice(bulkTables)...)
		if err != nil {
			return err
		}
		var drops []string
		for rows.Next() {
			var kind, name, sql string
			if err := rows.Scan(&kind, &name, &sql); err != nil {
				rows.Close()
				return err
			}
			drops = append(drops, fmt.Sprintf("DROP %s %q", strings.ToUpper(kind), name))
			recreate = append(recreate, sql)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, d := range drops {
			if _, err := tx.ExecContext(ctx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	loadErr := load()
	// Put the schema back even after a failed load, so the file is never
	// left without its indexes while it stays open.
	err = db.Write(ctx, func(tx *Tx) error {
		for _, sql := range recreate {
			if _, err := tx.ExecContext(ctx, sql); err != nil {
				return err
			}
		}
		if err := recountLists(ctx, tx); err != nil {
			return err
		}
		return copyActivityLinks(ctx, tx) // what the dropped links trigger would have stored
	})
	if loadErr != nil {
		return loadErr
	}
	return err
}

// recountLists sets the kept counts of contacts, companies (see
// migration 0003) and activities (0005, 0009) from the tables, as the
// dropped insert triggers would have.
func recountLists(ctx context.Context, tx *Tx) error {
	for _, sql := range []string{
		`DELETE FROM list_counts WHERE kind LIKE 'contacts%' OR kind LIKE 'companies%'`,
		`INSERT INTO list_counts SELECT 'contacts', '', count(*) FROM contacts WHERE deleted_at IS NULL`,
		`INSERT INTO list_counts SELECT 'contacts.status', lifecycle_status, count(*) FROM contacts WHERE deleted_at IS NULL GROUP BY 2`,
		`INSERT INTO list_counts SELECT 'contacts.owner', owner_key, count(*) FROM contacts WHERE deleted_at IS NULL GROUP BY 2`,
		`INSERT INTO list_counts SELECT 'contacts.company', company_key, count(*) FROM contacts WHERE deleted_at IS NULL GROUP BY 2`,
		`INSERT INTO list_counts SELECT 'contacts.tag', t.tag_id, count(*) FROM contact_tags t JOIN contacts c ON c.id = t.contact_id
			WHERE c.deleted_at IS NULL GROUP BY 2`,
		`INSERT INTO list_counts SELECT 'companies', '', count(*) FROM companies WHERE deleted_at IS NULL`,
		`INSERT INTO list_counts SELECT 'companies.owner', owner_key, count(*) FROM companies WHERE deleted_at IS NULL GROUP BY 2`,
		`INSERT INTO list_counts SELECT 'companies.tag', t.tag_id, count(*) FROM company_tags t JOIN companies c ON c.id = t.company_id
			WHERE c.deleted_at IS NULL GROUP BY 2`,
		`DELETE FROM list_counts WHERE kind = 'activities'`,
		`INSERT INTO list_counts SELECT 'activities', '', count(*) FROM activities WHERE deleted_at IS NULL`,
		`DELETE FROM activity_days`,
		`INSERT INTO activity_days SELECT substr(occurred_at, 1, 10), coalesce(user_id, ''), type_id, count(*) FROM activities
			WHERE deleted_at IS NULL GROUP BY 1, 2, 3`,
	} {
		if _, err := tx.ExecContext(ctx, sql); err != nil {
			return fmt.Errorf("recount lists: %w", err)
		}
	}
	return nil
}
