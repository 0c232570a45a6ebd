package store

import (
	"context"
	"strings"
	"time"
)

// BoardCardsSQL is the query of one board column: the first limit cards of
// a stage in card order, filtered like the board (q's pipeline, sort and
// cursor are ignored). It seeks on deals_column and reads no other card.
func BoardCardsSQL(stageID string, q DealQuery, limit int) (string, []any) {
	q.Pipeline, q.Stage = "", ""
	w := dealWhere(q)
	for i, c := range w.conds {
		if strings.HasPrefix(c, "d.close_key") {
			w.conds[i] = "+" + c // a close range's index would sort its matches; walk the column instead
		}
	}
	w.conds = append([]string{"d.stage_id = ?"}, w.conds...)
	w.args = append([]any{stageID}, w.args...)
	return `SELECT ` + dealRowColumns + dealRowJoins + w.sql() + ` ORDER BY d.position LIMIT ?`, append(w.args, limit)
}

// BoardCards returns the first limit cards of a stage's column.
func BoardCards(ctx context.Context, db Querier, stageID string, q DealQuery, limit int) ([]DealRow, error) {
	query, args := BoardCardsSQL(stageID, q, limit)
	return queryDealRows(ctx, db, query, args...)
}

// NarrowBoard tells whether q filters by more than status: then most cards
// of a column do not match, and walking each column in card order would
// read the whole pipeline once per column. BoardCardsMatchingSQL reads
// only the matches instead, through the filter's own index.
func NarrowBoard(q DealQuery) bool {
	return q.Owner != "" || q.Company != "" || q.TagID != "" || q.CloseFrom != "" || q.CloseTo != ""
}

// BoardCardsMatchingSQL is the query of every column of a pipeline at
// once under narrow filters: the matches are numbered per stage in card
// order, and only the first limit of each are read whole.
func BoardCardsMatchingSQL(pipelineID string, q DealQuery, limit int) (string, []any) {
	q.Pipeline, q.Stage = pipelineID, ""
	w := dealWhere(q)
	for i, c := range w.conds {
		w.conds[i] = strings.Replace(strings.TrimPrefix(c, "+"), tagExists, tagIn, 1)
	}
	return `SELECT ` + dealRowColumns + ` FROM (SELECT d.id AS match_id,
		row_number() OVER (PARTITION BY d.stage_id ORDER BY d.position) AS place FROM deals d` + w.sql() + `) m
		JOIN deals d ON d.id = m.match_id
		LEFT JOIN companies co ON co.id = d.company_id
		LEFT JOIN contacts c ON c.id = d.contact_id
		LEFT JOIN users u ON u.id = d.owner_id
		WHERE m.place <= ? ORDER BY d.stage_id, d.position`, append(w.args, limit)
}

// BoardCardsMatching returns the first limit cards of every column of a
// pipeline under narrow filters, by stage id.
func BoardCardsMatching(ctx context.Context, db Querier, pipelineID string, q DealQuery, limit int) (map[string][]DealRow, error) {
	query, args := BoardCardsMatchingSQL(pipelineID, q, limit)
	rows, err := queryDealRows(ctx, db, query, args...)
	out := map[string][]DealRow{}
	for _, r := range rows {
		out[r.StageID] = append(out[r.StageID], r)
	}
	return out, err
}

// ColumnTotal is how many deals of one currency a stage holds and their
// summed value, in minor units.
type ColumnTotal struct {
	StageID  string
	Currency string
	Count    int
	Value    int64
}

// BoardTotalsSQL sums a pipeline's deals per stage and currency under the
// board's filters. Filtered by status alone it reads deals_totals and no
// table row.
func BoardTotalsSQL(pipelineID string, q DealQuery) (string, []any) {
	q.Pipeline, q.Stage = pipelineID, ""
	w := dealWhere(q)
	for i, c := range w.conds {
		w.conds[i] = strings.TrimPrefix(c, "+")
	}
	return `SELECT d.stage_id, d.currency, count(*), coalesce(sum(d.value), 0) FROM deals d` + w.sql() +
		` GROUP BY d.stage_id, d.currency ORDER BY d.stage_id, d.currency`, w.args
}

// BoardTotals returns the per-stage, per-currency totals of a pipeline.
func BoardTotals(ctx context.Context, db Querier, pipelineID string, q DealQuery) ([]ColumnTotal, error) {
	query, args := BoardTotalsSQL(pipelineID, q)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ColumnTotal
	for rows.Next() {
		var t ColumnTotal
		if err := rows.Scan(&t.StageID, &t.Currency, &t.Count, &t.Value); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RottingSQL lists the open deals of one stage that entered it before
// cutoff, longest waiting first; ownerID "" means anyone's.
func RottingSQL(stageID, ownerID string, cutoff time.Time, limit int) (string, []any) {
	w := where{}
	w.add("d.stage_id = ?", stageID)
	w.add("d.deleted_at IS NULL")
	w.add("d.status = 'open'")
	w.add("d.stage_entered_at < ?", FormatTime(cutoff))
	if ownerID != "" {
		w.add("+d.owner_id = ?", ownerID)
	}
	return `SELECT ` + dealRowColumns + dealRowJoins + w.sql() + ` ORDER BY d.stage_entered_at LIMIT ?`, append(w.args, limit)
}

// RottingDeals is RottingSQL's rows.
func RottingDeals(ctx context.Context, db Querier, stageID, ownerID string, cutoff time.Time, limit int) ([]DealRow, error) {
	query, args := RottingSQL(stageID, ownerID, cutoff, limit)
	return queryDealRows(ctx, db, query, args...)
}

// DealsOfSQL lists the live deals of a company or a contact (primary or
// further), open ones first, then the most recently changed.
func DealsOfSQL(kind, id string, limit int) (string, []any) {
	cond := "d.company_key = ?"
	args := []any{id}
	if kind == "contact" {
		// Two index lookups joined, where an OR would read every deal.
		cond = `d.id IN (SELECT id FROM deals WHERE contact_key = ? AND deleted_at IS NULL
			UNION SELECT deal_id FROM deal_contacts WHERE contact_id = ?)`
		args = append(args, id)
	}
	return `SELECT ` + dealRowColumns + dealRowJoins + ` WHERE ` + cond + ` AND d.deleted_at IS NULL
		ORDER BY d.status <> 'open', d.updated_at DESC, d.id DESC LIMIT ?`, append(args, limit)
}

// DealsOf returns the deals of a company or contact for its page.
func DealsOf(ctx context.Context, db Querier, kind, id string, limit int) ([]DealRow, error) {
	query, args := DealsOfSQL(kind, id, limit)
	return queryDealRows(ctx, db, query, args...)
}
