package store

import (
	"context"
	"database/sql"
	"time"
)

// Deal is a sale in progress (or won, or lost) in one stage of a pipeline.
type Deal struct {
	ID                string
	Title             string
	SortTitle         string
	Value             int64 // minor units of Currency
	Currency          string
	PipelineID        string
	StageID           string
	Position          string // rank within the stage's column
	CompanyID         string
	ContactID         string   // the primary contact
	ContactIDs        []string // further contacts, in order
	OwnerID           string
	ExpectedCloseDate string // YYYY-MM-DD or ""
	Source            string
	Notes             string
	Status            string // open, won or lost
	LostReason        string
	ClosedAt          time.Time
	StageEnteredAt    time.Time
	Tags              []Tag
	// CustomFields holds custom values by field key; app fills it.
	CustomFields map[string]any
	Stamp
}

// Deal statuses.
const (
	DealOpen = "open"
	DealWon  = "won"
	DealLost = "lost"
)

const dealColumns = `id, title, sort_title, value, currency, pipeline_id, stage_id, position, company_id, contact_id,
	owner_id, expected_close_date, source, notes, status, lost_reason, closed_at, stage_entered_at,
	version, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by`

// InsertDeal adds d with its further contacts (tags are set apart). Its
// times are the transaction's unless d carries its own (demo data).
func InsertDeal(ctx context.Context, tx *Tx, d Deal) error {
	created, updated := orNow(d.CreatedAt, tx), orNow(d.UpdatedAt, tx)
	_, err := tx.exec(ctx, `INSERT INTO deals (`+dealColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, NULL)`,
		d.ID, d.Title, d.SortTitle, d.Value, d.Currency, d.PipelineID, d.StageID, d.Position,
		nullString(d.CompanyID), nullString(d.ContactID), nullString(d.OwnerID), d.ExpectedCloseDate, d.Source, d.Notes,
		d.Status, d.LostReason, nullTime(d.ClosedAt), orNow(d.StageEnteredAt, tx),
		created, nullString(d.CreatedBy), updated, nullString(d.CreatedBy))
	if err != nil {
		return translate(err)
	}
	return replaceDealContacts(ctx, tx, d)
}

// UpdateDeal saves every field of d, its place included, if its stored
// version is still d.Version; otherwise it returns ErrStale.
func UpdateDeal(ctx context.Context, tx *Tx, d Deal) error {
	res, err := tx.exec(ctx, `UPDATE deals SET title = ?, sort_title = ?, value = ?, currency = ?, pipeline_id = ?,
		stage_id = ?, position = ?, company_id = ?, contact_id = ?, owner_id = ?, expected_close_date = ?, source = ?,
		notes = ?, status = ?, lost_reason = ?, closed_at = ?, stage_entered_at = ?, version = version + 1,
		updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		d.Title, d.SortTitle, d.Value, d.Currency, d.PipelineID, d.StageID, d.Position,
		nullString(d.CompanyID), nullString(d.ContactID), nullString(d.OwnerID), d.ExpectedCloseDate, d.Source,
		d.Notes, d.Status, d.LostReason, nullTime(d.ClosedAt), FormatTime(d.StageEnteredAt),
		FormatTime(tx.Now), nullString(d.UpdatedBy), d.ID, d.Version)
	if err != nil {
		return translate(err)
	}
	if err := staleOrMissing(ctx, tx, res, "deals", d.ID); err != nil {
		return err
	}
	return replaceDealContacts(ctx, tx, d)
}

// SetDealPosition moves a deal within its column without counting as an
// edit: the order of cards is the board's, not the deal's.
func SetDealPosition(ctx context.Context, tx *Tx, id, position string) error {
	res, err := tx.exec(ctx, `UPDATE deals SET position = ? WHERE id = ?`, position, id)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

func replaceDealContacts(ctx context.Context, tx *Tx, d Deal) error {
	if _, err := tx.exec(ctx, `DELETE FROM deal_contacts WHERE deal_id = ?`, d.ID); err != nil {
		return translate(err)
	}
	for i, id := range d.ContactIDs {
		if _, err := tx.exec(ctx, `INSERT INTO deal_contacts (deal_id, contact_id, position) VALUES (?, ?, ?)`, d.ID, id, i); err != nil {
			return translate(err)
		}
	}
	return nil
}

// DealByID loads one deal, trashed or not, with its contacts and tags.
func DealByID(ctx context.Context, q Querier, id string) (Deal, error) {
	d, err := scanDeal(q.QueryRowContext(ctx, `SELECT `+dealColumns+` FROM deals WHERE id = ?`, id))
	if err != nil {
		return Deal{}, err
	}
	deals := []Deal{d}
	if err := fillDeals(ctx, q, deals); err != nil {
		return Deal{}, err
	}
	return deals[0], nil
}

// DealsByIDs loads whole deals in the order of ids; unknown ids are left out.
func DealsByIDs(ctx context.Context, q Querier, ids []string) ([]Deal, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+dealColumns+` FROM deals WHERE id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	byID := map[string]Deal{}
	for rows.Next() {
		d, err := scanDeal(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		byID[d.ID] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Deal, 0, len(byID))
	for _, id := range ids {
		if d, ok := byID[id]; ok {
			out = append(out, d)
		}
	}
	return out, fillDeals(ctx, q, out)
}

// fillDeals adds the further contacts and the tags of deals.
func fillDeals(ctx context.Context, q Querier, deals []Deal) error {
	if len(deals) == 0 {
		return nil
	}
	ids := make([]string, len(deals))
	for i, d := range deals {
		ids[i] = d.ID
	}
	rows, err := q.QueryContext(ctx, `SELECT deal_id, contact_id FROM deal_contacts WHERE deal_id IN (SELECT value FROM json_each(?))
		ORDER BY deal_id, position`, jsonIDs(ids))
	if err != nil {
		return err
	}
	contacts := map[string][]string{}
	for rows.Next() {
		var deal, contact string
		if err := rows.Scan(&deal, &contact); err != nil {
			rows.Close()
			return err
		}
		contacts[deal] = append(contacts[deal], contact)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tags, err := TagsOf(ctx, q, "deal", ids)
	for i := range deals {
		deals[i].ContactIDs, deals[i].Tags = contacts[deals[i].ID], tags[deals[i].ID]
	}
	return err
}

// TrashDeal moves a deal to the trash, or back out.
func TrashDeal(ctx context.Context, tx *Tx, id, by string, trash bool) error {
	return setTrashed(ctx, tx, "deals", id, by, trash)
}

// PurgeTrashedDeals deletes every trashed deal for good, with its
// contacts, tags and stage history, and returns their ids.
func PurgeTrashedDeals(ctx context.Context, tx *Tx) ([]string, error) {
	return purgeTrashed(ctx, tx, "deals")
}

// DealIDsInStage lists every deal in a stage, live or trashed, for moving
// them all when the stage is deleted.
func DealIDsInStage(ctx context.Context, q Querier, stageID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM deals WHERE stage_id = ? ORDER BY deleted_at IS NOT NULL, position`, stageID)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

func scanDeal(row rowScanner) (Deal, error) {
	var d Deal
	var s stampScan
	var company, contact sql.NullString
	var closed sql.NullString
	var entered string
	err := row.Scan(&d.ID, &d.Title, &d.SortTitle, &d.Value, &d.Currency, &d.PipelineID, &d.StageID, &d.Position,
		&company, &contact, &s.ownerID, &d.ExpectedCloseDate, &d.Source, &d.Notes, &d.Status, &d.LostReason, &closed, &entered,
		&d.Version, &s.created, &s.createdBy, &s.updated, &s.updatedBy, &s.deletedAt, &s.deletedBy)
	if err != nil {
		return Deal{}, translate(err)
	}
	d.Stamp = s.stamp(d.Version)
	d.CompanyID, d.ContactID, d.OwnerID = company.String, contact.String, s.ownerID.String
	d.ClosedAt, d.StageEnteredAt = parseNullTime(closed), ParseTime(entered)
	return d, nil
}
