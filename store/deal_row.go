package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"
)

// DealRow is a deal as the board, lists and record pages show it.
type DealRow struct {
	ID                string
	Title             string
	Value             int64
	Currency          string
	PipelineID        string
	StageID           string
	Position          string
	CompanyID         string
	CompanyName       string
	ContactID         string
	ContactName       string
	OwnerID           string
	OwnerName         string
	ExpectedCloseDate string
	Status            string
	LostReason        string
	StageEnteredAt    time.Time
	ClosedAt          time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
	DeletedAt         time.Time
	DeletedByName     string
	Tags              []Tag
	sortTitle         string // the title's sort key, for cursors
	sortValue         any    // the custom sort field's value, for cursors
}

// DealPage is one page of a deal list.
type DealPage struct {
	Rows       []DealRow
	NextCursor string
}

// dealRowColumns is a deal as a row shows it, as one JSON array (see
// scanDealRow; one column costs the driver less than twenty-three).
const dealRowColumns = `json_array(d.id, d.title, d.value, d.currency, d.pipeline_id, d.stage_id, d.position,
	d.company_key, co.name, d.contact_key, c.display_name, d.owner_key, u.name,
	d.expected_close_date, d.status, d.lost_reason, d.stage_entered_at, d.closed_at, d.created_at, d.updated_at, d.deleted_at,
	(SELECT name FROM users WHERE id = d.deleted_by), d.sort_title)`

// dealTags are the tags of the row d as JSON rows (see decodeTags).
const dealTags = `(SELECT json_group_array(json_array(t.id, t.name, t.name_key, t.color)) FROM deal_tags l
	JOIN tags t ON t.id = l.tag_id WHERE l.deal_id = d.id)`

const dealRowJoins = ` FROM deals d
	LEFT JOIN companies co ON co.id = d.company_id
	LEFT JOIN contacts c ON c.id = d.contact_id
	LEFT JOIN users u ON u.id = d.owner_id`

// scanDealRow reads dealRowColumns and then the columns of extra.
func scanDealRow(rows *sql.Rows, extra ...any) (DealRow, error) {
	var row string
	if err := rows.Scan(append([]any{&row}, extra...)...); err != nil {
		return DealRow{}, err
	}
	var buf [23]string
	v, err := jsonValues(row, buf[:0])
	if err != nil || len(v) != len(buf) {
		return DealRow{}, errJSONRows
	}
	r := DealRow{ID: v[0], Title: v[1], Currency: v[3], PipelineID: v[4], StageID: v[5], Position: v[6],
		CompanyID: v[7], CompanyName: v[8], ContactID: v[9], ContactName: v[10], OwnerID: v[11], OwnerName: v[12],
		ExpectedCloseDate: v[13], Status: v[14], LostReason: v[15], StageEnteredAt: ParseTime(v[16]), ClosedAt: ParseTime(v[17]),
		CreatedAt: ParseTime(v[18]), UpdatedAt: ParseTime(v[19]), DeletedAt: ParseTime(v[20]), DeletedByName: v[21], sortTitle: v[22]}
	r.Value, err = strconv.ParseInt(v[2], 10, 64)
	return r, err
}

func queryDealRows(ctx context.Context, q Querier, query string, args ...any) ([]DealRow, error) {
	return queryDealRowsSorted(ctx, q, false, false, query, args...)
}

// queryDealRowsSorted reads deal rows; withTags says each row then has
// its tags, withValue that it ends with the custom sort value.
func queryDealRowsSorted(ctx context.Context, q Querier, withTags, withValue bool, query string, args ...any) ([]DealRow, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DealRow
	for rows.Next() {
		var tags string
		var value any
		var extra []any
		if withTags {
			extra = append(extra, &tags)
		}
		if withValue {
			extra = append(extra, &value)
		}
		r, err := scanDealRow(rows, extra...)
		if err != nil {
			return nil, err
		}
		if withTags {
			if r.Tags, err = decodeTags(tags); err != nil {
				return nil, err
			}
		}
		r.sortValue = value
		out = append(out, r)
	}
	return out, rows.Err()
}
