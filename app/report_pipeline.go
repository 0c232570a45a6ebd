package app

import (
	"context"
	"sort"

	"rolo/store"
)

// PipelineStageRow is one stage of the pipeline report: its open deals,
// their value and their value weighted by the stage's win probability,
// per currency.
type PipelineStageRow struct {
	Stage    Stage
	Count    int
	Value    []Money
	Weighted []Money
	// The same in the home currency at today's rates (what is open now).
	ValueHome, WeightedHome HomeMoney
}

// PipelineReport is what is open in a pipeline now.
type PipelineReport struct {
	Pipeline Pipeline
	Stages   []PipelineStageRow
	Count    int
	Value    []Money
	Weighted []Money
	// The same in the home currency at today's rates.
	ValueHome, WeightedHome HomeMoney
}

// weigh is value × probability %, rounded to the nearest minor unit.
func weigh(value int64, probability int) int64 { return (value*int64(probability) + 50) / 100 }

// PipelineReport totals the open deals of the query's pipeline by stage.
func (a *App) PipelineReport(ctx context.Context, actor Actor, q ReportQuery) (PipelineReport, error) {
	p, err := a.reportPipeline(ctx, actor, &q)
	if err != nil {
		return PipelineReport{}, err
	}
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return PipelineReport{}, err
	}
	totals, err := store.OpenDealsByStage(ctx, a.db.Reader(), f)
	if err != nil {
		return PipelineReport{}, err
	}
	book, err := a.RateBook(ctx)
	if err != nil {
		return PipelineReport{}, err
	}
	return pipelineReport(p, totals, book, Day(a.now())), nil
}

// pipelineReport totals what is open now, in the home currency at the
// rates in force today.
func pipelineReport(p Pipeline, totals []store.StageTotal, book *RateBook, today string) PipelineReport {
	r := PipelineReport{Pipeline: p}
	value, weighted := moneyTotals{}, moneyTotals{}
	valueHome, weightedHome := book.sum(), book.sum()
	for _, st := range p.Stages {
		if st.Kind != store.StageOpen {
			continue
		}
		row := PipelineStageRow{Stage: st}
		v, w := moneyTotals{}, moneyTotals{}
		vh, wh := book.sum(), book.sum()
		for _, t := range totals {
			if t.StageID != st.ID {
				continue
			}
			row.Count += t.Count
			v.add(t.Currency, t.Value)
			w.add(t.Currency, weigh(t.Value, st.Probability))
			value.add(t.Currency, t.Value)
			weighted.add(t.Currency, weigh(t.Value, st.Probability))
			for _, h := range []*homeSum{vh, valueHome} {
				h.add(t.Currency, t.Value, today)
			}
			for _, h := range []*homeSum{wh, weightedHome} {
				h.add(t.Currency, weigh(t.Value, st.Probability), today)
			}
		}
		row.Value, row.Weighted = v.list(), w.list()
		row.ValueHome, row.WeightedHome = vh.result(), wh.result()
		r.Count += row.Count
		r.Stages = append(r.Stages, row)
	}
	r.Value, r.Weighted = value.list(), weighted.list()
	r.ValueHome, r.WeightedHome = valueHome.result(), weightedHome.result()
	return r
}

// ForecastMonth is the open deals expected to close in one month
// ("YYYY-MM"; "" for deals without a date), in value and weighted.
type ForecastMonth struct {
	Month    string
	Count    int
	Value    []Money
	Weighted []Money
	// The same in the home currency, each deal at the rate in force on its
	// expected close date (today for deals without one).
	ValueHome, WeightedHome HomeMoney
}

// Forecast is the weighted forecast of the open deals by expected close
// month, over every pipeline the filters allow; overdue months (before
// the current one) are kept, as they still need closing.
func (a *App) Forecast(ctx context.Context, actor Actor, q ReportQuery) ([]ForecastMonth, error) {
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return nil, err
	}
	totals, err := store.OpenDealsByCloseMonth(ctx, a.db.Reader(), f)
	if err != nil {
		return nil, err
	}
	pipelines, err := a.Pipelines(ctx, actor)
	if err != nil {
		return nil, err
	}
	probability := map[string]int{}
	for _, p := range pipelines {
		for _, s := range p.Stages {
			probability[s.ID] = s.Probability
		}
	}
	book, err := a.RateBook(ctx)
	if err != nil {
		return nil, err
	}
	return forecast(totals, probability, book, Day(a.now())), nil
}

func forecast(totals []store.MonthTotal, probability map[string]int, book *RateBook, today string) []ForecastMonth {
	type sums struct {
		count                   int
		value, weighted         moneyTotals
		valueHome, weightedHome *homeSum
	}
	months := map[string]*sums{}
	for _, t := range totals {
		m := months[t.Month]
		if m == nil {
			m = &sums{value: moneyTotals{}, weighted: moneyTotals{}, valueHome: book.sum(), weightedHome: book.sum()}
			months[t.Month] = m
		}
		day := t.Day
		if day == "" {
			day = today
		}
		m.count += t.Count
		m.value.add(t.Currency, t.Value)
		m.weighted.add(t.Currency, weigh(t.Value, probability[t.StageID]))
		m.valueHome.add(t.Currency, t.Value, day)
		m.weightedHome.add(t.Currency, weigh(t.Value, probability[t.StageID]), day)
	}
	keys := make([]string, 0, len(months))
	for k := range months {
		keys = append(keys, k)
	}
	// Dated months in order, undated last.
	sort.Slice(keys, func(i, j int) bool {
		if (keys[i] == "") != (keys[j] == "") {
			return keys[j] == ""
		}
		return keys[i] < keys[j]
	})
	out := make([]ForecastMonth, len(keys))
	for i, k := range keys {
		m := months[k]
		out[i] = ForecastMonth{Month: k, Count: m.count, Value: m.value.list(), Weighted: m.weighted.list(),
			ValueHome: m.valueHome.result(), WeightedHome: m.weightedHome.result()}
	}
	return out
}
