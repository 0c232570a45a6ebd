package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Contact is a person the business works with.
type Contact struct {
	ID              string
	FirstName       string
	LastName        string
	DisplayName     string
	SortName        string
	Title           string
	CompanyID       string
	Address         Address
	Birthday        string // YYYY-MM-DD or --MM-DD
	Website         string
	Social          []Labeled
	LeadSource      string
	LifecycleStatus string
	OwnerID         string
	Notes           string
	Emails          []Labeled
	Phones          []Phone
	Tags            []Tag
	// CustomFields holds custom values by field key; app fills it.
	CustomFields map[string]any
	// StoredCustom are the contact's stored custom values when the read
	// brought them with it (CustomRead, from its card), so that app
	// need not read them again.
	StoredCustom []CustomValue `json:"-"`
	CustomRead   bool          `json:"-"`
	Stamp
}

// ErrStale means the record changed since the caller read it.
var ErrStale = errors.New("the record was changed by someone else")

const contactColumns = `id, first_name, last_name, display_name, sort_name, title, company_id,
	address_street, address_city, address_region, address_postal_code, address_country,
	birthday, website, social, lead_source, lifecycle_status, owner_id, notes,
	version, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by`

// InsertContact adds c with its emails and phones (tags are set apart).
// Its times are the transaction's unless c carries its own (demo data,
// imports that keep the original dates).
func InsertContact(ctx context.Context, tx *Tx, c Contact) error {
	created, updated := orNow(c.CreatedAt, tx), orNow(c.UpdatedAt, tx)
	_, err := tx.exec(ctx, `INSERT INTO contacts (`+contactColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, NULL)`,
		c.ID, c.FirstName, c.LastName, c.DisplayName, c.SortName, c.Title, nullString(c.CompanyID),
		c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
		c.Birthday, c.Website, encodeLabeled(c.Social), c.LeadSource, c.LifecycleStatus, nullString(c.OwnerID), c.Notes,
		created, nullString(c.CreatedBy), updated, nullString(c.CreatedBy))
	if err != nil {
		return translate(err)
	}
	return insertContactChannels(ctx, tx, c) // a new contact has none to replace
}

// UpdateContact saves c if its stored version is still c.Version, and
// bumps the version; otherwise it returns ErrStale.
func UpdateContact(ctx context.Context, tx *Tx, c Contact) error {
	res, err := tx.exec(ctx, `UPDATE contacts SET first_name = ?, last_name = ?, display_name = ?, sort_name = ?,
		title = ?, company_id = ?, address_street = ?, address_city = ?, address_region = ?, address_postal_code = ?,
		address_country = ?, birthday = ?, website = ?, social = ?, lead_source = ?, lifecycle_status = ?, owner_id = ?,
		notes = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE id = ? AND version = ?`,
		c.FirstName, c.LastName, c.DisplayName, c.SortName, c.Title, nullString(c.CompanyID),
		c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
		c.Birthday, c.Website, encodeLabeled(c.Social), c.LeadSource, c.LifecycleStatus, nullString(c.OwnerID),
		c.Notes, FormatTime(tx.Now), nullString(c.UpdatedBy), c.ID, c.Version)
	if err != nil {
		return translate(err)
	}
	if err := staleOrMissing(ctx, tx, res, "contacts", c.ID); err != nil {
		return err
	}
	return replaceContactChannels(ctx, tx, c)
}

// staleOrMissing tells an update that touched no row apart: the record is
// gone (ErrNotFound) or has a newer version (ErrStale).
func staleOrMissing(ctx context.Context, tx *Tx, res sql.Result, table, id string) error {
	n, err := res.RowsAffected()
	if err != nil || n > 0 {
		return err
	}
	var exists int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&exists); err != nil {
		return err
	}
	if exists == 0 {
		return ErrNotFound
	}
	return ErrStale
}

func replaceContactChannels(ctx context.Context, tx *Tx, c Contact) error {
	if _, err := tx.exec(ctx, `DELETE FROM contact_emails WHERE contact_id = ?`, c.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM contact_phones WHERE contact_id = ?`, c.ID); err != nil {
		return err
	}
	return insertContactChannels(ctx, tx, c)
}

// insertContactChannels stores c's emails and phones in their order.
func insertContactChannels(ctx context.Context, tx *Tx, c Contact) error {
	for i, e := range c.Emails {
		if _, err := tx.exec(ctx, `INSERT INTO contact_emails (contact_id, position, label, value) VALUES (?, ?, ?, ?)`,
			c.ID, i, e.Label, e.Value); err != nil {
			return translate(err)
		}
	}
	for i, p := range c.Phones {
		if _, err := tx.exec(ctx, `INSERT INTO contact_phones (contact_id, position, label, value, e164) VALUES (?, ?, ?, ?, ?)`,
			c.ID, i, p.Label, p.Value, p.E164); err != nil {
			return translate(err)
		}
	}
	return nil
}

// ContactByID loads one contact, trashed or not, with emails, phones and
// tags, in one statement.
func ContactByID(ctx context.Context, q Querier, id string) (Contact, error) {
	return scanContactRecord(q.QueryRowContext(ctx, `SELECT `+contactRecord+` FROM contacts c WHERE c.id = ?`, id))
}

// TrashContact moves a contact to the trash, or back out when at is zero.
func TrashContact(ctx context.Context, tx *Tx, id, by string, trash bool) error {
	return setTrashed(ctx, tx, "contacts", id, by, trash)
}

func setTrashed(ctx context.Context, tx *Tx, table, id, by string, trash bool) error {
	var res sql.Result
	var err error
	if trash {
		res, err = tx.exec(ctx, `UPDATE `+table+` SET deleted_at = ?, deleted_by = ?, version = version + 1
			WHERE id = ? AND deleted_at IS NULL`, FormatTime(tx.Now), nullString(by), id)
	} else {
		res, err = tx.exec(ctx, `UPDATE `+table+` SET deleted_at = NULL, deleted_by = NULL, version = version + 1,
			updated_at = ?, updated_by = ? WHERE id = ? AND deleted_at IS NOT NULL`, FormatTime(tx.Now), nullString(by), id)
	}
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// PurgeTrashedContacts deletes every trashed contact for good and returns
// their ids; emails, phones and tag links go with them.
func PurgeTrashedContacts(ctx context.Context, tx *Tx) ([]string, error) {
	return purgeTrashed(ctx, tx, "contacts")
}

func purgeTrashed(ctx context.Context, tx *Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `DELETE FROM `+table+` WHERE deleted_at IS NOT NULL RETURNING id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ContactIDsByEmail finds live contacts with one of these addresses, for
// duplicate warnings and import matching.
func ContactIDsByEmail(ctx context.Context, q Querier, emails []string) ([]string, error) {
	if len(emails) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT e.contact_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
		WHERE c.deleted_at IS NULL AND e.value IN (`+placeholders(len(emails))+`)`, anySlice(emails)...)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func scanIDs(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
