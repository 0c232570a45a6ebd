package app

import (
	"context"
	"sort"

	"rolo/store"
)

// Ways to break the win rate report down.
var WinRateGroupings = []string{"owner", "source", "period"}

// WinRateRow is the deals closed in a period for one owner, source or
// time bucket: won and lost, the win rate, the value won and the average
// won deal, per currency.
type WinRateRow struct {
	Key     string // owner id, source, or the bucket's start (YYYY-MM-DD)
	Bucket  Bucket // set when grouped by period
	Won     int
	Lost    int
	Rate    float64 // won / (won + lost), in per cent
	Value   []Money
	Average []Money // value won / deals won, per currency
	// Value won in the home currency, each deal at the rate in force on
	// its close day, and the average over the deals that converted.
	ValueHome, AverageHome HomeMoney
}

// WinRateReport is the win rate and average deal size, broken down.
type WinRateReport struct {
	By    string
	Rows  []WinRateRow
	Total WinRateRow
}

// WinRateReport breaks the deals closed in the period down by owner,
// source or period.
func (a *App) WinRateReport(ctx context.Context, actor Actor, q ReportQuery, by string) (WinRateReport, error) {
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return WinRateReport{}, err
	}
	book, err := a.RateBook(ctx)
	if err != nil {
		return WinRateReport{}, err
	}
	r := WinRateReport{By: by}
	if by != "owner" && by != "source" && by != "period" {
		r.By = "owner"
	}
	var all []store.ClosedTotal
	if r.By == "period" {
		for _, b := range q.Period.Buckets() {
			bf := f
			bf.From, bf.To = b.From.UTC(), b.To.UTC()
			totals, err := store.ClosedDeals(ctx, a.db.Reader(), bf)
			if err != nil {
				return r, err
			}
			row := winRateRow(b.From.In(q.Period.Zone).Format("2006-01-02"), totals, book)
			row.Bucket = b
			r.Rows = append(r.Rows, row)
			all = append(all, totals...)
		}
	} else {
		if all, err = store.ClosedDeals(ctx, a.db.Reader(), f); err != nil {
			return r, err
		}
		groups := map[string][]store.ClosedTotal{}
		for _, t := range all {
			key := t.OwnerID
			if r.By == "source" {
				key = t.Source
			}
			groups[key] = append(groups[key], t)
		}
		for key, totals := range groups {
			r.Rows = append(r.Rows, winRateRow(key, totals, book))
		}
		// Most won first, then by key, so the order is stable.
		sort.Slice(r.Rows, func(i, j int) bool {
			if r.Rows[i].Won != r.Rows[j].Won {
				return r.Rows[i].Won > r.Rows[j].Won
			}
			return r.Rows[i].Key < r.Rows[j].Key
		})
	}
	r.Total = winRateRow("", all, book)
	return r, nil
}

// winRateRow adds up closed deals; book may be nil (no home totals).
func winRateRow(key string, totals []store.ClosedTotal, book *RateBook) WinRateRow {
	row := WinRateRow{Key: key}
	value, count := moneyTotals{}, map[string]int64{}
	var home *homeSum
	var homeCount int64
	if book != nil {
		home = book.sum()
	}
	for _, t := range totals {
		switch t.Status {
		case store.DealWon:
			row.Won += t.Count
			value.add(t.Currency, t.Value)
			count[t.Currency] += int64(t.Count)
			home.add(t.Currency, t.Value, t.Day)
			if book != nil && book.has(t.Currency) {
				homeCount += int64(t.Count)
			}
		case store.DealLost:
			row.Lost += t.Count
		}
	}
	row.Rate = percent(row.Won, row.Won+row.Lost)
	row.Value = value.list()
	for _, m := range row.Value {
		row.Average = append(row.Average, Money{Value: (m.Value + count[m.Currency]/2) / count[m.Currency], Currency: m.Currency})
	}
	if book != nil {
		row.ValueHome = home.result()
		row.AverageHome = HomeMoney{Total: Money{Currency: book.Home}, NoRate: row.ValueHome.NoRate}
		if homeCount > 0 {
			row.AverageHome.Total.Value = (row.ValueHome.Total.Value + homeCount/2) / homeCount
		}
	}
	return row
}

// StageTime is the average time deals spent in a stage before leaving it.
type StageTime struct {
	Stage   Stage
	Count   int     // stays that ended in the period
	AvgDays float64 // 0 when Count is 0
}

// TimeReport is the average time to close and time in each stage.
type TimeReport struct {
	Pipeline    Pipeline
	Won         int
	WonAvgDays  float64 // creation to won, deals won in the period
	Lost        int
	LostAvgDays float64
	Stages      []StageTime
}

// TimeReport measures, for the deals closed in the period, how long they
// took from creation, and for every stay in a stage that ended in the
// period (by a move, a win or a loss), how long it lasted.
func (a *App) TimeReport(ctx context.Context, actor Actor, q ReportQuery) (TimeReport, error) {
	p, err := a.reportPipeline(ctx, actor, &q)
	if err != nil {
		return TimeReport{}, err
	}
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return TimeReport{}, err
	}
	closed, err := store.ClosedDeals(ctx, a.db.Reader(), f)
	if err != nil {
		return TimeReport{}, err
	}
	stays, err := store.StageStays(ctx, a.db.Reader(), f)
	if err != nil {
		return TimeReport{}, err
	}
	return timeReport(p, closed, stays), nil
}

func timeReport(p Pipeline, closed []store.ClosedTotal, stays []store.StageStay) TimeReport {
	r := TimeReport{Pipeline: p}
	var wonDays, lostDays float64
	for _, t := range closed {
		switch t.Status {
		case store.DealWon:
			r.Won += t.Count
			wonDays += t.Days
		case store.DealLost:
			r.Lost += t.Count
			lostDays += t.Days
		}
	}
	if r.Won > 0 {
		r.WonAvgDays = wonDays / float64(r.Won)
	}
	if r.Lost > 0 {
		r.LostAvgDays = lostDays / float64(r.Lost)
	}
	for _, s := range p.Stages {
		if s.Kind != store.StageOpen {
			continue
		}
		st := StageTime{Stage: s}
		for _, stay := range stays {
			if stay.StageID == s.ID && stay.Count > 0 {
				st.Count, st.AvgDays = stay.Count, stay.Days/float64(stay.Count)
			}
		}
		r.Stages = append(r.Stages, st)
	}
	return r
}
