package store

import (
	"context"
	"database/sql"
)

// UserPhoneRegion is the region a user's numbers typed without a country
// code are read in; "" follows the instance's setting.
func UserPhoneRegion(ctx context.Context, q Querier, userID string) (string, error) {
	var region string
	err := q.QueryRowContext(ctx, `SELECT phone_region FROM users WHERE id = ?`, userID).Scan(&region)
	if err == sql.ErrNoRows {
		return "", ErrNotFound
	}
	return region, translate(err)
}

// SetUserPhoneRegion stores a user's phone region ("" for the instance's).
func SetUserPhoneRegion(ctx context.Context, tx *Tx, userID, region string) error {
	res, err := tx.exec(ctx, `UPDATE users SET phone_region = ?, updated_at = ? WHERE id = ?`, region, FormatTime(tx.Now), userID)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// UnreadPhone is a stored number that could not be read as one (its
// E.164 form is empty): a contact's phone at Position, or a company's
// phone (Position -1).
type UnreadPhone struct {
	Entity   string // contact or company
	ID       string
	Name     string
	Position int
	Label    string
	Value    string
}

// UnreadPhones lists the numbers of live records whose E.164 form is
// empty, contacts first; ownerID, when not "", keeps only that user's
// records.
func UnreadPhones(ctx context.Context, q Querier, ownerID string) ([]UnreadPhone, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT 'contact', c.id, c.display_name, p.position, p.label, p.value
		FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
		WHERE p.e164 = '' AND c.deleted_at IS NULL AND (? = '' OR c.owner_id = ?)
		UNION ALL
		SELECT 'company', id, name, -1, '', phone FROM companies
		WHERE phone <> '' AND phone_e164 = '' AND deleted_at IS NULL AND (? = '' OR owner_id = ?)
		ORDER BY 1 DESC, 3, 2, 4`, ownerID, ownerID, ownerID, ownerID)
	if err != nil {
		return nil, err
	}
	var out []UnreadPhone
	err = eachRow(rows, func() error {
		var p UnreadPhone
		err := rows.Scan(&p.Entity, &p.ID, &p.Name, &p.Position, &p.Label, &p.Value)
		out = append(out, p)
		return err
	})
	return out, err
}

// SetPhoneE164 stores the E.164 form newly read for an unread number,
// only while it is still the same number and still unread, so a number
// edited meanwhile is left alone; it tells whether it wrote.
func SetPhoneE164(ctx context.Context, tx *Tx, p UnreadPhone, e164 string) (bool, error) {
	var res sql.Result
	var err error
	if p.Entity == "company" {
		res, err = tx.exec(ctx, `UPDATE companies SET phone_e164 = ?, updated_at = ? WHERE id = ? AND phone = ? AND phone_e164 = ''`,
			e164, FormatTime(tx.Now), p.ID, p.Value)
	} else {
		res, err = tx.exec(ctx, `UPDATE contact_phones SET e164 = ? WHERE contact_id = ? AND position = ? AND value = ? AND e164 = ''`,
			e164, p.ID, p.Position, p.Value)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 1 {
				_, err = tx.exec(ctx, `UPDATE contacts SET updated_at = ? WHERE id = ?`, FormatTime(tx.Now), p.ID)
			}
		}
	}
	if err != nil {
		return false, translate(err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
