package store

import (
	"context"
	"errors"
	"time"
)

// contactWidth is the number of contactColumns.
const contactWidth = 26

// InsertContacts adds new contacts with their emails and phones, as
// InsertContact does one at a time, in multi-row statements: an import
// stores a chunk of thousands this way. When the database refuses one,
// the error is a *RefusedRow with that contact's index in cs (others may
// be stored; the caller gives up the transaction).
func InsertContacts(ctx context.Context, tx *Tx, cs []*Contact) error {
	now := FormatTime(tx.Now)
	at := func(t time.Time) string {
		if t.IsZero() {
			return now
		}
		return FormatTime(t)
	}
	err := insertEach(ctx, tx, `INSERT INTO contacts (`+contactColumns+`)`, contactWidth, len(cs), func(i int, args []any) []any {
		c := cs[i]
		return append(args, c.ID, c.FirstName, c.LastName, c.DisplayName, c.SortName, c.Title, nullString(c.CompanyID),
			c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
			c.Birthday, c.Website, encodeLabeled(c.Social), c.LeadSource, c.LifecycleStatus, nullString(c.OwnerID), c.Notes,
			1, at(c.CreatedAt), nullString(c.CreatedBy), at(c.UpdatedAt), nullString(c.CreatedBy), nil, nil)
	})
	if err != nil {
		return err
	}
	var emails, phones []childRow // each email and phone row: its contact and position
	for i, c := range cs {
		for k := range c.Emails {
			emails = append(emails, childRow{i, k})
		}
		for k := range c.Phones {
			phones = append(phones, childRow{i, k})
		}
	}
	err = insertEach(ctx, tx, `INSERT INTO contact_emails (contact_id, position, label, value)`, 4, len(emails), func(i int, args []any) []any {
		c, k := cs[emails[i].contact], emails[i].position
		return append(args, c.ID, k, c.Emails[k].Label, c.Emails[k].Value)
	})
	if err != nil {
		return refusedOf(err, emails)
	}
	err = insertEach(ctx, tx, `INSERT INTO contact_phones (contact_id, position, label, value, e164)`, 5, len(phones), func(i int, args []any) []any {
		c, k := cs[phones[i].contact], phones[i].position
		return append(args, c.ID, k, c.Phones[k].Label, c.Phones[k].Value, c.Phones[k].E164)
	})
	return refusedOf(err, phones)
}

// childRow is an email or phone row of a contact InsertContacts stores.
type childRow struct{ contact, position int }

// refusedOf turns a refused child row into its contact.
func refusedOf(err error, rows []childRow) error {
	var r *RefusedRow
	if errors.As(err, &r) && r.Row < len(rows) {
		return &RefusedRow{Row: rows[r.Row].contact, Err: r.Err}
	}
	return err
}

// TagLink is one tag on one record.
// SortName is the contact's, for a contact's link: given, it spares the
// trigger of migration 0028 rewriting the link it has just written.
type TagLink struct{ RecordID, TagID, SortName string }

// AddTags is AddTag for many records of one kind, in multi-row statements.
func AddTags(ctx context.Context, tx *Tx, kind string, links []TagLink) error {
	table, column, _ := tagLink(kind)
	if kind == "contact" {
		return insertEach(ctx, tx, `INSERT OR IGNORE INTO contact_tags (tag_id, contact_id, sort_name)`, 3, len(links), func(i int, args []any) []any {
			return append(args, links[i].TagID, links[i].RecordID, links[i].SortName)
		})
	}
	return insertEach(ctx, tx, `INSERT OR IGNORE INTO `+table+` (tag_id, `+column+`)`, 2, len(links), func(i int, args []any) []any {
		return append(args, links[i].TagID, links[i].RecordID)
	})
}

// InsertImportRecords is InsertImportRecord for many records of a batch.
func InsertImportRecords(ctx context.Context, tx *Tx, batchID string, rs []ImportRecord) error {
	return insertEach(ctx, tx, `INSERT OR IGNORE INTO import_records (batch_id, entity, record_id, action, before)`, 5, len(rs),
		func(i int, args []any) []any {
			return append(args, batchID, rs[i].Entity, rs[i].RecordID, rs[i].Action, rs[i].Before)
		})
}
