package store

import (
	"context"
	"time"
)

// WebForm is a public lead-capture form.
type WebForm struct {
	ID          string
	Name        string
	Fields      string // JSON array
	ThankYou    string
	RedirectURL string
	StageID     string
	Tags        string
	LeadSource  string
	OwnerIDs    string // JSON array
	Origins     string
	Enabled     bool
	// FillEmpty lets a submission for a known contact fill the fields it
	// has left empty; otherwise it changes nothing on that contact.
	FillEmpty bool
	// ConsentText, when set, puts a consent box under the form with this
	// text; ConsentRequired refuses a submission without the box ticked.
	ConsentText     string
	ConsentRequired bool
	Version         int // bumped by each change (the API's optimistic check)
	CreatedAt       time.Time
	Submissions     int
}

const webFormColumns = `id, name, fields, thank_you, redirect_url, COALESCE(stage_id, ''), tags, lead_source, owner_ids, origins, enabled, fill_empty, consent_text, consent_required, created_at, version,
	(SELECT count(*) FROM form_submissions s WHERE s.form_id = web_forms.id)`

func scanWebForm(row rowScanner) (WebForm, error) {
	var f WebForm
	var created string
	if err := row.Scan(&f.ID, &f.Name, &f.Fields, &f.ThankYou, &f.RedirectURL, &f.StageID, &f.Tags, &f.LeadSource, &f.OwnerIDs, &f.Origins, &f.Enabled, &f.FillEmpty, &f.ConsentText, &f.ConsentRequired, &created, &f.Version, &f.Submissions); err != nil {
		return f, translate(err)
	}
	f.CreatedAt = ParseTime(created)
	return f, nil
}

// InsertWebForm stores a new form.
func InsertWebForm(ctx context.Context, tx *Tx, f WebForm, by string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO web_forms (id, name, fields, thank_you, redirect_url, stage_id, tags, lead_source, owner_ids, origins, enabled, fill_empty, consent_text, consent_required, created_at, updated_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`, f.ID, f.Name, f.Fields, f.ThankYou, f.RedirectURL, nullString(f.StageID), f.Tags, f.LeadSource, f.OwnerIDs, f.Origins,
		f.FillEmpty, f.ConsentText, f.ConsentRequired, FormatTime(tx.Now), FormatTime(tx.Now), nullString(by))
	return translate(err)
}

// DeleteWebForm removes a form with its submission log.
func DeleteWebForm(ctx context.Context, tx *Tx, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM web_forms WHERE id = ?`, id)
	return changedOne(res, err)
}

// WebFormByID loads one form.
func WebFormByID(ctx context.Context, q Querier, id string) (WebForm, error) {
	return scanWebForm(q.QueryRowContext(ctx, `SELECT `+webFormColumns+` FROM web_forms WHERE id = ?`, id))
}

// WebForms lists every form.
func WebForms(ctx context.Context, q Querier) ([]WebForm, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+webFormColumns+` FROM web_forms ORDER BY created_at, id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []WebForm
	for rows.Next() {
		f, err := scanWebForm(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, translate(rows.Err())
}

// NextFormOwner advances a form's round robin over n owners.
func NextFormOwner(ctx context.Context, tx *Tx, id string, n int) (int, error) {
	var pos int
	err := tx.QueryRowContext(ctx, `UPDATE web_forms SET rr_position = (rr_position + 1) % ? WHERE id = ? RETURNING rr_position`, n, id).Scan(&pos)
	return pos % n, translate(err)
}

// InsertSubmission logs an accepted submission.
func InsertSubmission(ctx context.Context, tx *Tx, id, formID, contactID string, created bool, client string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO form_submissions (id, form_id, contact_id, created, client, at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, formID, nullString(contactID), created, client, FormatTime(tx.Now))
	return translate(err)
}

// UpdateWebForm saves a form's settings; its submissions and round robin
// stay.
func UpdateWebForm(ctx context.Context, tx *Tx, f WebForm) error {
	res, err := tx.ExecContext(ctx, `UPDATE web_forms SET name = ?, fields = ?, thank_you = ?, redirect_url = ?, stage_id = ?, tags = ?, lead_source = ?,
		owner_ids = ?, origins = ?, fill_empty = ?, consent_text = ?, consent_required = ?, updated_at = ?, version = version + 1 WHERE id = ?`, f.Name, f.Fields, f.ThankYou,
		f.RedirectURL, nullString(f.StageID), f.Tags, f.LeadSource, f.OwnerIDs, f.Origins, f.FillEmpty, f.ConsentText, f.ConsentRequired, FormatTime(tx.Now), f.ID)
	return changedOne(res, err)
}
