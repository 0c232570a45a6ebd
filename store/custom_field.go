package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"time"
)

// CustomField is the definition of one field an admin added to contacts,
// companies or deals.
type CustomField struct {
	ID        string
	Entity    string // contact, company, deal
	Key       string // stable slug, unique per entity
	Label     string
	Type      string
	Help      string
	Required  bool
	Group     string
	Position  int
	Currency  string // money fields
	Options   []FieldOption
	Version   int // bumped by each change (the API's optimistic check)
	CreatedAt time.Time
	UpdatedAt time.Time
}

// FieldOption is one choice of a select field; values keep its id.
type FieldOption struct {
	ID       string
	Label    string
	Position int
}

// CustomValue is one stored value (a multi select has one per option).
type CustomValue struct {
	FieldID  string
	RecordID string
	Value    any // float64, int64, or string, per the field's type
	Currency string
}

const customFieldColumns = `id, entity, key, label, type, help, required, group_name, position, currency, created_at, updated_at`

// CustomFields lists an entity's fields in form order, with their
// options, in one statement: every record page and list reads them.
func CustomFields(ctx context.Context, q Querier, entity string) ([]CustomField, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+customFieldColumns+`, version, `+fieldOptionsJSON+` FROM custom_fields f
		WHERE entity = ? ORDER BY group_name, position, label`, entity)
	if err != nil {
		return nil, err
	}
	var fields []CustomField
	err = eachRow(rows, func() error {
		f, err := scanCustomField(rows)
		fields = append(fields, f)
		return err
	})
	return fields, err
}

// CustomFieldByID loads one field with its options.
func CustomFieldByID(ctx context.Context, q Querier, id string) (CustomField, error) {
	return scanCustomField(q.QueryRowContext(ctx, `SELECT `+customFieldColumns+`, version, `+fieldOptionsJSON+` FROM custom_fields f WHERE id = ?`, id))
}

// fieldOptionsJSON are the options of the field f as JSON rows.
const fieldOptionsJSON = `(SELECT json_group_array(json_array(o.id, o.label, o.position)) FROM custom_field_options o WHERE o.field_id = f.id)`

// scanCustomField scans customFieldColumns, the version and fieldOptionsJSON.
func scanCustomField(row rowScanner) (CustomField, error) {
	var f CustomField
	var created, updated, options string
	err := row.Scan(&f.ID, &f.Entity, &f.Key, &f.Label, &f.Type, &f.Help, &f.Required, &f.Group, &f.Position,
		&f.Currency, &created, &updated, &f.Version, &options)
	if err != nil {
		return f, translate(err)
	}
	f.CreatedAt, f.UpdatedAt = ParseTime(created), ParseTime(updated)
	err = jsonRows(options, func(v []string) {
		if len(v) == 3 {
			n, _ := strconv.Atoi(v[2])
			f.Options = append(f.Options, FieldOption{ID: v[0], Label: v[1], Position: n})
		}
	})
	slices.SortStableFunc(f.Options, func(a, b FieldOption) int { return a.Position - b.Position })
	return f, err
}

func fieldOptions(ctx context.Context, q Querier, fieldID string) ([]FieldOption, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, label, position FROM custom_field_options WHERE field_id = ? ORDER BY position`, fieldID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FieldOption
	for rows.Next() {
		var o FieldOption
		if err := rows.Scan(&o.ID, &o.Label, &o.Position); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// PutCustomField inserts or updates a field definition and replaces its
// option list (options keep their ids, so values survive a rename).
func PutCustomField(ctx context.Context, tx *Tx, f CustomField) error {
	now := FormatTime(tx.Now)
	created := now
	if !f.CreatedAt.IsZero() {
		created = FormatTime(f.CreatedAt)
	}
	_, err := tx.exec(ctx, `INSERT INTO custom_fields (`+customFieldColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET label = excluded.label, type = excluded.type, help = excluded.help,
		required = excluded.required, group_name = excluded.group_name, position = excluded.position,
		currency = excluded.currency, updated_at = excluded.updated_at, version = version + 1`,
		f.ID, f.Entity, f.Key, f.Label, f.Type, f.Help, f.Required, f.Group, f.Position, f.Currency, created, now)
	if err != nil {
		return translate(err)
	}
	keep := map[string]bool{}
	for i, o := range f.Options {
		keep[o.ID] = true
		if _, err := tx.exec(ctx, `INSERT INTO custom_field_options (id, field_id, label, position) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET label = excluded.label, position = excluded.position`, o.ID, f.ID, o.Label, i); err != nil {
			return translate(err)
		}
	}
	old, err := fieldOptions(ctx, tx, f.ID)
	if err != nil {
		return err
	}
	for _, o := range old {
		if keep[o.ID] {
			continue
		}
		// A removed option takes its values with it; the app refuses the
		// removal while records still use it.
		if _, err := tx.exec(ctx, `DELETE FROM custom_field_options WHERE id = ?`, o.ID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteCustomField removes a field; its values and options go with it.
func DeleteCustomField(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM custom_fields WHERE id = ?`, id)
	return translate(err)
}

// CustomValuesOf loads the values of the records ids, by record. Only the
// values of the fields currencyFields (money fields) carry their currency:
// the others are read from the record index alone, without a lookup in
// the table per value (which took half the time of a page's values).
func CustomValuesOf(ctx context.Context, q Querier, ids, currencyFields []string) (map[string][]CustomValue, error) {
	out := map[string][]CustomValue{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT field_id, record_id, value FROM custom_values
		WHERE record_id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	if err := scanCustomValues(rows, out, false); err != nil || len(currencyFields) == 0 {
		return out, err
	}
	rows, err = q.QueryContext(ctx, `SELECT field_id, record_id, value, currency FROM custom_values
		WHERE field_id IN (SELECT value FROM json_each(?1)) AND record_id IN (SELECT value FROM json_each(?2))`,
		jsonIDs(currencyFields), jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	return out, scanCustomValues(rows, out, true)
}

// scanCustomValues adds rows of values to out, by record; with currency
// (a fourth column), a value read again replaces the one read without it.
func scanCustomValues(rows *sql.Rows, out map[string][]CustomValue, currency bool) error {
	return eachRow(rows, func() error {
		var v CustomValue
		dest := []any{&v.FieldID, &v.RecordID, &v.Value, &v.Currency}
		if !currency {
			dest = dest[:3]
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if b, ok := v.Value.([]byte); ok {
			v.Value = string(b)
		}
		if currency {
			for i, old := range out[v.RecordID] {
				if old.FieldID == v.FieldID && old.Value == v.Value {
					out[v.RecordID][i] = v
					return nil
				}
			}
		}
		out[v.RecordID] = append(out[v.RecordID], v)
		return nil
	})
}

// FieldValues loads every value of one field (type changes, deletes).
func FieldValues(ctx context.Context, q Querier, fieldID string) ([]CustomValue, error) {
	rows, err := q.QueryContext(ctx, `SELECT field_id, record_id, value, currency FROM custom_values WHERE field_id = ?`, fieldID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CustomValue
	for rows.Next() {
		var v CustomValue
		if err := rows.Scan(&v.FieldID, &v.RecordID, &v.Value, &v.Currency); err != nil {
			return nil, err
		}
		if b, ok := v.Value.([]byte); ok {
			v.Value = string(b)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SetFieldValues replaces a record's values of one field (none clears it).
func SetFieldValues(ctx context.Context, tx *Tx, fieldID, recordID string, values []CustomValue) error {
	if _, err := tx.exec(ctx, `DELETE FROM custom_values WHERE field_id = ? AND record_id = ?`, fieldID, recordID); err != nil {
		return err
	}
	for _, v := range values {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO custom_values (field_id, record_id, value, currency) VALUES (?, ?, ?, ?)`,
			fieldID, recordID, v.Value, v.Currency); err != nil {
			return translate(err)
		}
	}
	return nil
}

// CountOptionUse counts the records that chose an option.
func CountOptionUse(ctx context.Context, q Querier, fieldID, optionID string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM custom_values WHERE field_id = ? AND value = ?`, fieldID, optionID).Scan(&n)
	return n, err
}

// AuditByID loads one audit entry (restoring a deleted field reads it).
func AuditByID(ctx context.Context, q Querier, id string) (AuditEntry, error) {
	var e AuditEntry
	var at string
	var actor *string
	err := q.QueryRowContext(ctx, `SELECT id, at, actor_id, action, entity, entity_id, details FROM audit_log WHERE id = ?`, id).
		Scan(&e.ID, &at, &actor, &e.Action, &e.Entity, &e.EntityID, &e.Details)
	if actor != nil {
		e.ActorID = *actor
	}
	e.At = ParseTime(at)
	return e, translate(err)
}

// InsertFieldValues stores values of records that have none yet (a bulk
// load); each value names its field and record.
func InsertFieldValues(ctx context.Context, tx *Tx, values []CustomValue) error {
	for _, v := range values {
		if _, err := tx.exec(ctx, `INSERT INTO custom_values (field_id, record_id, value, currency) VALUES (?, ?, ?, ?)`,
			v.FieldID, v.RecordID, v.Value, v.Currency); err != nil {
			return translate(err)
		}
	}
	return nil
}
