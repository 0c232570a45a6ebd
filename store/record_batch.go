package store

import (
	"context"
	"database/sql"
)

// A list page shows whole records (the API's list answers, exports), so
// these load many at once: a fixed handful of queries per page instead of
// several per record.

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

// ContactsByIDs loads the contacts ids, with emails, phones and tags, in
// the order given; ids that do not exist are left out. It is one
// statement whatever the number of ids.
func ContactsByIDs(ctx context.Context, q Querier, ids []string) ([]Contact, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+contactRecord+` FROM contacts c
		WHERE c.id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*Contact, len(ids))
	err = eachRow(rows, func() error {
		c, err := scanContactRecord(rows)
		byID[c.ID] = &c
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]Contact, 0, len(byID))
	for _, id := range ids {
		if c := byID[id]; c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}

// CompaniesByIDs loads the companies ids, with tags, in the order given;
// ids that do not exist are left out. It is one statement.
func CompaniesByIDs(ctx context.Context, q Querier, ids []string) ([]Company, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+companyRecord+` FROM companies co
		WHERE co.id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Company, len(ids))
	err = eachRow(rows, func() error {
		c, err := scanCompanyRecord(rows, nil)
		byID[c.ID] = c
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]Company, 0, len(byID))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// eachRow calls scan for every row and closes rows.
func eachRow(rows *sql.Rows, scan func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(); err != nil {
			return err
		}
	}
	return rows.Err()
}
