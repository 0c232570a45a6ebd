package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Consent is one person's agreement to be contacted, and their
// preferences.
type Consent struct {
	ContactID      string
	Status         string // unknown, granted, withdrawn
	GivenAt        time.Time
	Source         string
	Wording        string
	FormID         string // the web form it was given through, if any
	DoNotContact   bool
	UnsubscribedAt time.Time
	UpdatedAt      time.Time
}

// ConsentOf reads a contact's consent; a contact without a row has the
// zero Consent with status "unknown".
func ConsentOf(ctx context.Context, q Querier, contactID string) (Consent, error) {
	c := Consent{ContactID: contactID, Status: "unknown"}
	var given, unsub, form sql.NullString
	var updated string
	var dnc int
	err := q.QueryRowContext(ctx, `SELECT status, given_at, source, wording, do_not_contact, unsubscribed_at, updated_at, form_id
		FROM contact_consent WHERE contact_id = ?`, contactID).Scan(&c.Status, &given, &c.Source, &c.Wording, &dnc, &unsub, &updated, &form)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	c.DoNotContact = dnc == 1
	c.GivenAt = parseNullTime(given)
	c.UnsubscribedAt = parseNullTime(unsub)
	c.UpdatedAt = ParseTime(updated)
	c.FormID = form.String
	return c, nil
}

// PutConsent stores a contact's consent.
func PutConsent(ctx context.Context, tx *Tx, c Consent) error {
	_, err := tx.exec(ctx, `INSERT INTO contact_consent (contact_id, status, given_at, source, wording, do_not_contact, unsubscribed_at, updated_at, form_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (contact_id) DO UPDATE SET status = excluded.status, given_at = excluded.given_at, source = excluded.source,
			wording = excluded.wording, do_not_contact = excluded.do_not_contact, unsubscribed_at = excluded.unsubscribed_at,
			updated_at = excluded.updated_at, form_id = excluded.form_id`,
		c.ContactID, c.Status, nullTime(c.GivenAt), c.Source, c.Wording, boolInt(c.DoNotContact), nullTime(c.UnsubscribedAt), FormatTime(tx.Now), nullString(c.FormID))
	return translate(err)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
