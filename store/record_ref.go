package store

import (
	"context"
	"strings"
)

// recordTables maps a linkable kind of record to its table and the
// column that names a record. Deals are linked once their table exists.
var recordTables = map[string][2]string{
	"contact": {"contacts", "display_name"},
	"company": {"companies", "name"},
	"deal":    {"deals", "title"},
}

// LiveRecord tells whether ref names a record that exists and is not in
// the trash. A kind whose table does not exist yet has no records.
func LiveRecord(ctx context.Context, q Querier, ref RecordRef) (bool, error) {
	t, ok := recordTables[ref.Entity]
	if !ok {
		return false, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+t[0]+` WHERE id = ? AND deleted_at IS NULL`, ref.ID).Scan(&n)
	if err != nil && strings.Contains(err.Error(), "no such") {
		return false, nil
	}
	return n > 0, err
}

// RecordNames names the records refs (trashed ones too), for showing
// links; unknown ones are left out.
func RecordNames(ctx context.Context, q Querier, refs []RecordRef) (map[RecordRef]string, error) {
	byKind := map[string][]string{}
	for _, r := range refs {
		byKind[r.Entity] = append(byKind[r.Entity], r.ID)
	}
	out := map[RecordRef]string{}
	for kind, ids := range byKind {
		t, ok := recordTables[kind]
		if !ok {
			continue
		}
		rows, err := q.QueryContext(ctx, `SELECT id, `+t[1]+` FROM `+t[0]+` WHERE id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
		if err != nil {
			if strings.Contains(err.Error(), "no such") {
				continue
			}
			return nil, err
		}
		err = eachRow(rows, func() error {
			var id, name string
			err := rows.Scan(&id, &name)
			out[RecordRef{Entity: kind, ID: id}] = name
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
