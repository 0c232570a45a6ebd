package app

import (
	"context"

	"rolo/store"
)

// FunnelStep is one open stage of the funnel: how many deals of the
// cohort got at least this far, and how many of those went on to the next
// step (the next stage, or Won after the last).
type FunnelStep struct {
	Stage      Stage
	Reached    int
	Next       int
	Conversion float64 // Next / Reached, in per cent
	DropOff    int     // Reached − Next
}

// FunnelReport is the stage-to-stage conversion of the deals created in
// a period in one pipeline.
type FunnelReport struct {
	Pipeline Pipeline
	Cohort   int // deals created in the period
	Steps    []FunnelStep
	Won      int
	Lost     int
	WinRate  float64 // Won / Cohort, in per cent
}

// FunnelReport counts how far the deals created in the period got. A deal
// that skipped a stage (moved from Qualifying straight to Proposal)
// counts as having passed the stages before the furthest it entered, and
// a won deal as having passed every open stage: the funnel measures how
// far deals got, not the exact path.
func (a *App) FunnelReport(ctx context.Context, actor Actor, q ReportQuery) (FunnelReport, error) {
	p, err := a.reportPipeline(ctx, actor, &q)
	if err != nil {
		return FunnelReport{}, err
	}
	f, err := a.reportFilter(ctx, actor, q, q.Period)
	if err != nil {
		return FunnelReport{}, err
	}
	open := map[string]int{}
	for _, s := range p.Stages {
		if s.Kind == store.StageOpen {
			open[s.ID] = s.Position
		}
	}
	reach, err := store.FunnelReach(ctx, a.db.Reader(), f, open)
	if err != nil {
		return FunnelReport{}, err
	}
	return funnel(p, reach), nil
}

func funnel(p Pipeline, reach []store.Reach) FunnelReport {
	r := FunnelReport{Pipeline: p}
	var open []Stage
	for _, s := range p.Stages {
		if s.Kind == store.StageOpen {
			open = append(open, s)
		}
	}
	r.Steps = make([]FunnelStep, len(open))
	for i, s := range open {
		r.Steps[i].Stage = s
	}
	for _, g := range reach {
		r.Cohort += g.Count
		switch g.Status {
		case store.DealWon:
			r.Won += g.Count
		case store.DealLost:
			r.Lost += g.Count
		}
		for i, s := range open {
			if g.Status == store.DealWon || s.Position <= g.Position {
				r.Steps[i].Reached += g.Count
			}
		}
	}
	for i := range r.Steps {
		next := r.Won
		if i+1 < len(r.Steps) {
			next = r.Steps[i+1].Reached
		}
		st := &r.Steps[i]
		st.Next, st.DropOff, st.Conversion = next, st.Reached-next, percent(next, st.Reached)
	}
	r.WinRate = percent(r.Won, r.Cohort)
	return r
}
