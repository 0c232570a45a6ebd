package store

import (
	"context"
	"sort"
	"strings"
)

// StageTotal is how many open deals sit in a stage and their value in
// one currency.
type StageTotal struct {
	StageID  string
	Currency string
	Count    int
	Value    int64
}

// OpenDealsByStage totals the open deals per stage and currency; the
// period does not apply (the pipeline is what is open now).
func OpenDealsByStage(ctx context.Context, q Querier, f ReportFilter) ([]StageTotal, error) {
	query, args := openDealsByStageSQL(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StageTotal
	for rows.Next() {
		var t StageTotal
		if err := rows.Scan(&t.StageID, &t.Currency, &t.Count, &t.Value); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// MonthTotal is the open deals expected to close in a month ("YYYY-MM",
// or "" when undated) in one stage and currency, on one day (the
// expected close date, for its exchange rate).
type MonthTotal struct {
	Month string
	Day   string
	StageTotal
}

// OpenDealsByCloseMonth totals the open deals per expected close month,
// stage and currency, for the weighted forecast.
func OpenDealsByCloseMonth(ctx context.Context, q Querier, f ReportFilter) ([]MonthTotal, error) {
	query, args := openDealsByCloseMonthSQL(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MonthTotal
	for rows.Next() {
		var t MonthTotal
		if err := rows.Scan(&t.Month, &t.Day, &t.StageID, &t.Currency, &t.Count, &t.Value); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ClosedTotal is the deals closed in a period with one outcome, owner,
// source and currency on one UTC day (for its exchange rate): how many,
// their value, and the days from creation to close added up (for the
// average time to close).
type ClosedTotal struct {
	Day      string
	Status   string
	OwnerID  string
	Source   string
	Currency string
	Count    int
	Value    int64
	Days     float64
}

// ClosedDeals totals the deals closed in [f.From, f.To).
func ClosedDeals(ctx context.Context, q Querier, f ReportFilter) ([]ClosedTotal, error) {
	query, args := closedDealsSQL(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClosedTotal
	for rows.Next() {
		var t ClosedTotal
		if err := rows.Scan(&t.Status, &t.OwnerID, &t.Source, &t.Currency, &t.Day, &t.Count, &t.Value, &t.Days); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Reach counts the deals of a cohort by the furthest open stage they
// entered (its position, -1 when none) and their status now.
type Reach struct {
	Position int
	Status   string
	Count    int
}

// FunnelReach groups the deals created in [f.From, f.To) by how far they
// got: the highest position among the open stages they ever entered
// (open maps each open stage's id to its position).
func FunnelReach(ctx context.Context, q Querier, f ReportFilter, open map[string]int) ([]Reach, error) {
	query, args := funnelReachSQL(f, open)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reach
	for rows.Next() {
		var r Reach
		if err := rows.Scan(&r.Position, &r.Status, &r.Count); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// StageStay is how many times deals left a stage in a period and the days
// they had spent in it, added up.
type StageStay struct {
	StageID string
	Count   int
	Days    float64
}

// StageStays measures the stays in each stage that ended in [f.From,
// f.To): from entering the stage to entering the next (deal_stays, kept
// as deals move).
func StageStays(ctx context.Context, q Querier, f ReportFilter) ([]StageStay, error) {
	query, args := stageStaysSQL(f)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StageStay
	for rows.Next() {
		var s StageStay
		if err := rows.Scan(&s.StageID, &s.Count, &s.Days); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// The SQL of each deal report, apart so the query-plan test reads it.

func openDealsByStageSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("d.deleted_at IS NULL")
	w.add("d.status = 'open'")
	f.dealFilters(w)
	return `SELECT d.stage_id, d.currency, count(*), sum(d.value) FROM deals d` + w.sql() + ` GROUP BY d.stage_id, d.currency`, w.args
}

func openDealsByCloseMonthSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("d.deleted_at IS NULL")
	w.add("d.status = 'open'")
	f.dealFilters(w)
	return `SELECT substr(d.expected_close_date, 1, 7), ` + rateDay("d.expected_close_date") + `, d.stage_id, d.currency, count(*), sum(d.value)
		FROM deals d INDEXED BY deals_forecast` + w.sql() + ` GROUP BY 1, 2, 3, 4`, w.args
}

// rateDay is the UTC day of the deal's date column that its amount
// converts on, for a currency with exchange rates; empty for the others
// (the home currency, currencies without rates), whose amounts convert
// the same on every day. A year of deals then adds up in one group per
// currency instead of one per day: the win rate over a year took 2.8
// times as long when every deal was grouped by its day.
func rateDay(column string) string {
	return `CASE WHEN d.currency IN (SELECT currency FROM currency_rates) THEN coalesce(substr(` + column + `, 1, 10), '') ELSE '' END`
}

func closedDealsSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("d.deleted_at IS NULL")
	w.add("d.closed_at IS NOT NULL")
	w.add("d.closed_at >= ? AND d.closed_at < ?", FormatTime(f.From), FormatTime(f.To))
	f.dealFilters(w)
	return `SELECT d.status, coalesce(d.owner_id, ''), d.source, d.currency, ` + rateDay("d.closed_at") + `, count(*), sum(d.value),
		sum(julianday(d.closed_at) - julianday(d.created_at)) FROM deals d INDEXED BY deals_closed` + w.sql() + ` GROUP BY 1, 2, 3, 4, 5`, w.args
}

// funnelReachSQL maps stage ids to positions in the query itself, so each
// history row is read from the index alone, without a lookup of its stage.
func funnelReachSQL(f ReportFilter, open map[string]int) (string, []any) {
	w := &where{}
	w.add("d.deleted_at IS NULL")
	w.add("d.created_at >= ? AND d.created_at < ?", FormatTime(f.From), FormatTime(f.To))
	f.dealFilters(w)
	ids := make([]string, 0, len(open))
	for id := range open {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	position := "NULL"
	var args []any
	if len(ids) > 0 {
		var b strings.Builder
		b.WriteString("CASE h.to_stage_id")
		for _, id := range ids {
			b.WriteString(" WHEN ? THEN ?")
			args = append(args, id, open[id])
		}
		b.WriteString(" END")
		position = b.String()
	}
	return `SELECT reach, status, count(*) FROM (
		SELECT d.status, coalesce((SELECT max(` + position + `) FROM deal_stage_history h WHERE h.deal_id = d.id), -1) AS reach
		FROM deals d INDEXED BY deals_cohort` + w.sql() + `) GROUP BY 1, 2`, append(args, w.args...)
}

func stageStaysSQL(f ReportFilter) (string, []any) {
	w := &where{}
	w.add("s.left_at >= ? AND s.left_at < ?", FormatTime(f.From), FormatTime(f.To))
	w.add("s.live = 1")
	if f.OwnerID == "" && f.Source == "" && f.TagID == "" && f.SegmentEntity != "deal" {
		// Stages belong to one pipeline, so its filter needs no deal.
		if f.PipelineID != "" {
			w.add("s.stage_id IN (SELECT id FROM stages INDEXED BY stages_pipeline WHERE pipeline_id = ? AND deleted_at IS NULL)", f.PipelineID)
		}
		return `SELECT s.stage_id, count(*), sum(s.days) FROM deal_stays s INDEXED BY deal_stays_left` + w.sql() + ` GROUP BY 1`, w.args
	}
	lookup := " INDEXED BY deals_lookup" // the deal's filter columns without its row
	if f.TagID != "" || f.SegmentEntity == "deal" {
		lookup = "" // their subqueries test d.id, which SQLite will not pair with a forced index
	}
	w.add("d.deleted_at IS NULL")
	f.dealFilters(w)
	return `SELECT s.stage_id, count(*), sum(s.days) FROM deal_stays s CROSS JOIN deals d` + lookup + ` ON d.id = s.deal_id` + w.sql() + ` GROUP BY 1`, w.args
}
