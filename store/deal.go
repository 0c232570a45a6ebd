package store

import (
	"context"
	"strconv"
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

// DealByID loads one deal, trashed or not, with its contacts and tags, in
// one statement.
func DealByID(ctx context.Context, q Querier, id string) (Deal, error) {
	return scanDeal(q.QueryRowContext(ctx, `SELECT `+dealRecord+` FROM deals d WHERE d.id = ?`, id))
}

// DealsByIDs loads whole deals in the order of ids; unknown ids are left
// out. It is one statement.
func DealsByIDs(ctx context.Context, q Querier, ids []string) ([]Deal, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+dealRecord+` FROM deals d WHERE d.id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Deal, len(ids))
	err = eachRow(rows, func() error {
		d, err := scanDeal(rows)
		byID[d.ID] = d
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]Deal, 0, len(byID))
	for _, id := range ids {
		if d, ok := byID[id]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// dealRecord is a whole deal of the row d in three columns: its own
// columns as one JSON array, its further contacts and its tags as JSON
// rows (see scanDeal).
var dealRecord = `json_array(` + qualify("d", dealColumns) + `),
	(SELECT json_group_array(json_array(position, contact_id)) FROM deal_contacts WHERE deal_id = d.id), ` + dealTags

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

// scanDeal scans one dealRecord, then more.
func scanDeal(row rowScanner, more ...any) (Deal, error) {
	var record, contacts, tags string
	if err := row.Scan(append([]any{&record, &contacts, &tags}, more...)...); err != nil {
		return Deal{}, translate(err)
	}
	var buf [25]string
	v, err := jsonValues(record, buf[:0])
	if err != nil || len(v) != len(buf) {
		return Deal{}, errJSONRows
	}
	d := Deal{ID: v[0], Title: v[1], SortTitle: v[2], Currency: v[4], PipelineID: v[5], StageID: v[6], Position: v[7],
		CompanyID: v[8], ContactID: v[9], OwnerID: v[10], ExpectedCloseDate: v[11], Source: v[12], Notes: v[13],
		Status: v[14], LostReason: v[15], ClosedAt: ParseTime(v[16]), StageEnteredAt: ParseTime(v[17])}
	if d.Value, err = strconv.ParseInt(v[3], 10, 64); err != nil {
		return Deal{}, err
	}
	if d.Version, err = strconv.Atoi(v[18]); err != nil {
		return Deal{}, err
	}
	d.Stamp = Stamp{Version: d.Version, CreatedAt: ParseTime(v[19]), CreatedBy: v[20], UpdatedAt: ParseTime(v[21]), UpdatedBy: v[22],
		DeletedAt: ParseTime(v[23]), DeletedBy: v[24]}
	var pos []string
	err = jsonRows(contacts, func(v []string) {
		if len(v) == 2 {
			pos = append(pos, v[0])
			d.ContactIDs = append(d.ContactIDs, v[1])
		}
	})
	inPositionOrder(pos, d.ContactIDs)
	if err == nil {
		d.Tags, err = decodeTags(tags)
	}
	return d, err
}
