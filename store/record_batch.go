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

func scanContact(sc rowScanner) (Contact, error) {
	var c Contact
	var s stampScan
	var social string
	var companyID sql.NullString
	err := sc.Scan(
		&c.ID, &c.FirstName, &c.LastName, &c.DisplayName, &c.SortName, &c.Title, &companyID,
		&c.Address.Street, &c.Address.City, &c.Address.Region, &c.Address.PostalCode, &c.Address.Country,
		&c.Birthday, &c.Website, &social, &c.LeadSource, &c.LifecycleStatus, &s.ownerID, &c.Notes,
		&c.Version, &s.created, &s.createdBy, &s.updated, &s.updatedBy, &s.deletedAt, &s.deletedBy)
	if err != nil {
		return Contact{}, translate(err)
	}
	c.Stamp = s.stamp(c.Version)
	c.CompanyID, c.OwnerID, c.Social = companyID.String, s.ownerID.String, decodeLabeled(social)
	return c, nil
}

func scanCompany(sc rowScanner) (Company, error) {
	var c Company
	var s stampScan
	err := sc.Scan(
		&c.ID, &c.Name, &c.SortName, &c.Domain, &c.Website, &c.Industry, &c.Size, &c.Phone.Value, &c.Phone.E164,
		&c.Address.Street, &c.Address.City, &c.Address.Region, &c.Address.PostalCode, &c.Address.Country,
		&s.ownerID, &c.Notes, &c.Version, &s.created, &s.createdBy, &s.updated, &s.updatedBy, &s.deletedAt, &s.deletedBy)
	if err != nil {
		return Company{}, translate(err)
	}
	c.Stamp = s.stamp(c.Version)
	c.OwnerID = s.ownerID.String
	return c, nil
}

// ContactsByIDs loads the contacts ids, with emails, phones and tags, in
// the order given; ids that do not exist are left out.
func ContactsByIDs(ctx context.Context, q Querier, ids []string) ([]Contact, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in := placeholders(len(ids))
	rows, err := q.QueryContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id IN (`+in+`)`, anySlice(ids)...)
	if err != nil {
		return nil, err
	}
	byID := map[string]*Contact{}
	err = eachRow(rows, func() error {
		c, err := scanContact(rows)
		byID[c.ID] = &c
		return err
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT contact_id, label, value FROM contact_emails
		WHERE contact_id IN (`+in+`) ORDER BY contact_id, position`, anySlice(ids)...)
	if err != nil {
		return nil, err
	}
	err = eachRow(rows, func() error {
		var id string
		var l Labeled
		err := rows.Scan(&id, &l.Label, &l.Value)
		if c := byID[id]; c != nil {
			c.Emails = append(c.Emails, l)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT contact_id, label, value, e164 FROM contact_phones
		WHERE contact_id IN (`+in+`) ORDER BY contact_id, position`, anySlice(ids)...)
	if err != nil {
		return nil, err
	}
	err = eachRow(rows, func() error {
		var id string
		var p Phone
		err := rows.Scan(&id, &p.Label, &p.Value, &p.E164)
		if c := byID[id]; c != nil {
			c.Phones = append(c.Phones, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	tags, err := TagsOf(ctx, q, "contact", ids)
	if err != nil {
		return nil, err
	}
	out := make([]Contact, 0, len(byID))
	for _, id := range ids {
		if c := byID[id]; c != nil {
			c.Tags = tags[id]
			out = append(out, *c)
		}
	}
	return out, nil
}

// CompaniesByIDs loads the companies ids, with tags, in the order given;
// ids that do not exist are left out.
func CompaniesByIDs(ctx context.Context, q Querier, ids []string) ([]Company, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+companyColumns+` FROM companies WHERE id IN (`+placeholders(len(ids))+`)`, anySlice(ids)...)
	if err != nil {
		return nil, err
	}
	byID := map[string]Company{}
	err = eachRow(rows, func() error {
		c, err := scanCompany(rows)
		byID[c.ID] = c
		return err
	})
	if err != nil {
		return nil, err
	}
	tags, err := TagsOf(ctx, q, "company", ids)
	if err != nil {
		return nil, err
	}
	out := make([]Company, 0, len(byID))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			c.Tags = tags[id]
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
