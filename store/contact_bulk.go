package store

import (
	"context"
	"encoding/json"
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
func InsertContacts(ctx context.Context, tx *Tx, cs []Contact) error {
	if len(cs) == 0 {
		return nil
	}
	now := FormatTime(tx.Now)
	at := func(t time.Time) string {
		if t.IsZero() {
			return now
		}
		return FormatTime(t)
	}
	args := make([]any, 0, len(cs)*contactWidth)
	var emailOf, phoneOf []int // the contact of each email and phone row
	for i, c := range cs {
		args = append(args, c.ID, c.FirstName, c.LastName, c.DisplayName, c.SortName, c.Title, nullString(c.CompanyID),
			c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
			c.Birthday, c.Website, encodeLabeled(c.Social), c.LeadSource, c.LifecycleStatus, nullString(c.OwnerID), c.Notes,
			1, at(c.CreatedAt), nullString(c.CreatedBy), at(c.UpdatedAt), nullString(c.CreatedBy), nil, nil)
		for range c.Emails {
			emailOf = append(emailOf, i)
		}
		for range c.Phones {
			phoneOf = append(phoneOf, i)
		}
	}
	if err := insertFlat(ctx, tx, `INSERT INTO contacts (`+contactColumns+`)`, contactWidth, args); err != nil {
		return err
	}
	args = make([]any, 0, max(len(emailOf)*4, len(phoneOf)*5))
	for _, c := range cs {
		for i, e := range c.Emails {
			args = append(args, c.ID, i, e.Label, e.Value)
		}
	}
	err := insertFlat(ctx, tx, `INSERT INTO contact_emails (contact_id, position, label, value)`, 4, args)
	if err != nil {
		return refusedOf(err, emailOf)
	}
	args = args[:0]
	for _, c := range cs {
		for i, p := range c.Phones {
			args = append(args, c.ID, i, p.Label, p.Value, p.E164)
		}
	}
	return refusedOf(insertFlat(ctx, tx, `INSERT INTO contact_phones (contact_id, position, label, value, e164)`, 5, args), phoneOf)
}

// refusedOf turns a refused child row into its contact.
func refusedOf(err error, owner []int) error {
	var r *RefusedRow
	if errors.As(err, &r) && r.Row < len(owner) {
		return &RefusedRow{Row: owner[r.Row], Err: r.Err}
	}
	return err
}

// TagLink is one tag on one record.
type TagLink struct{ RecordID, TagID string }

// AddTags is AddTag for many records of one kind, in multi-row statements.
func AddTags(ctx context.Context, tx *Tx, kind string, links []TagLink) error {
	table, column, _ := tagLink(kind)
	args := make([]any, 0, len(links)*2)
	for _, l := range links {
		args = append(args, l.TagID, l.RecordID)
	}
	return insertFlat(ctx, tx, `INSERT OR IGNORE INTO `+table+` (tag_id, `+column+`)`, 2, args)
}

// InsertImportRecords is InsertImportRecord for many records of a batch.
func InsertImportRecords(ctx context.Context, tx *Tx, batchID string, rs []ImportRecord) error {
	args := make([]any, 0, len(rs)*5)
	for _, r := range rs {
		args = append(args, batchID, r.Entity, r.RecordID, r.Action, r.Before)
	}
	return insertFlat(ctx, tx, `INSERT OR IGNORE INTO import_records (batch_id, entity, record_id, action, before)`, 5, args)
}

// insertSearchTerms adds FTS rows in one statement, however many: FTS5
// writes its pending terms to disk at the start of every statement that
// touches it, so a hundred rows per statement left a segment per hundred
// rows for its merges to work through. The rows travel as one JSON
// parameter, so the statement's text never varies.
func insertSearchTerms(ctx context.Context, tx *Tx, terms []searchTerms) error {
	if len(terms) == 0 {
		return nil
	}
	body, err := json.Marshal(terms)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO search_index (rowid, name, words, cjk1, cjk2, digits)
		SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?)`, string(body))
	return translate(err)
}

// searchTerms is one FTS row as a JSON array.
type searchTerms struct {
	rowid                           int64
	name, words, cjk1, cjk2, digits string
}

func (t searchTerms) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{t.rowid, t.name, t.words, t.cjk1, t.cjk2, t.digits})
}
