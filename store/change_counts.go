package store

import "context"

// ChangeCounts are how many changes were ever made to what a server keeps
// in memory (migrations 0029 and 0030), counted by triggers whoever
// writes: equal counts mean the kept copy is still true.
type ChangeCounts struct {
	CustomFields  int64 // fields and their options
	Sessions      int64 // sessions deleted or re-pointed
	APIKeys       int64 // keys deleted, revoked or re-pointed
	Users         int64
	Tags          int64
	ActivityTypes int64
}

// ReadChangeCounts reads every count in one statement.
func ReadChangeCounts(ctx context.Context, q Querier) (ChangeCounts, error) {
	var c ChangeCounts
	into := map[string]*int64{"custom_fields": &c.CustomFields, "sessions": &c.Sessions, "api_keys": &c.APIKeys,
		"users": &c.Users, "tags": &c.Tags, "activity_types": &c.ActivityTypes}
	rows, err := q.QueryContext(ctx, `SELECT name, n FROM change_counts`)
	if err != nil {
		return c, err
	}
	err = eachRow(rows, func() error {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return err
		}
		if p := into[name]; p != nil {
			*p = n
		}
		return nil
	})
	return c, err
}

// Writes is how many write transactions this DB has committed (or tried
// to): a reader that kept change counts from before a write of its own
// reads them again.
func (db *DB) Writes() uint64 { return db.writes.Load() }
