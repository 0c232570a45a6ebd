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
}

// PipelineReport is what is open in a pipeline now.
type PipelineReport struct {
	Pipeline Pipeline
	Stages   []PipelineStageRow
	Count    int
	Value    []Money
	Weighted []Money
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
	return pipelineReport(p, totals), nil
}

func pipelineReport(p Pipeline, totals []store.StageTotal) PipelineReport {
	r := PipelineReport{Pipeline: p}
	value, weighted := moneyTotals{}, moneyTotals{}
	for _, st := range p.Stages {
		if st.Kind != store.StageOpen {
			continue
		}
		row := PipelineStageRow{Stage: st}
		v, w := moneyTotals{}, moneyTotals{}
		for _, t := range totals {
			if t.StageID != st.ID {
				continue
			}
			row.Count += t.Count
			v.add(t.Currency, t.Value)
			w.add(t.Currency, weigh(t.Value, st.Probability))
			value.add(t.Currency, t.Value)
			weighted.add(t.Currency, weigh(t.Value, st.Probability))
		}
		row.Value, row.Weighted = v.list(), w.list()
		r.Count += row.Count
		r.Stages = append(r.Stages, row)
	}
	r.Value, r.Weighted = value.list(), weighted.list()
	return r
}

// ForecastMonth is the open deals expected to close in one month
// ("YYYY-MM"; "" for deals without a date), in value and weighted.
type ForecastMonth struct {
	Month    string
	Count    int
	Value    []Money
	Weighted []Money
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
	return forecast(totals, probability), nil
}

func forecast(totals []store.MonthTotal, probability map[string]int) []ForecastMonth {
	type sums struct {
		count           int
		value, weighted moneyTotals
	}
	months := map[string]*sums{}
	for _, t := range totals {
		m := months[t.Month]
		if m == nil {
			m = &sums{value: moneyTotals{}, weighted: moneyTotals{}}
			months[t.Month] = m
		}
		m.count += t.Count
		m.value.add(t.Currency, t.Value)
		m.weighted.add(t.Currency, weigh(t.Value, probability[t.StageID]))
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
		out[i] = ForecastMonth{Month: k, Count: months[k].count, Value: months[k].value.list(), Weighted: months[k].weighted.list()}
	}
	return out
}
