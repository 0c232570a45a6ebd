package app

import (
	"context"
	"time"

	"rolo/store"
)

// GoalPoint is the metric from the goal's start until At.
type GoalPoint struct {
	At    time.Time
	Value int64
}

// GoalProgress is a goal with where it stands now.
type GoalProgress struct {
	Goal    Goal
	Current int64   // the metric since the goal started
	Percent float64 // Current / Target, in per cent (may pass 100)
	Reached bool
	Ended   bool        // the deadline has passed
	Points  []GoalPoint // filled by GoalDetail only
	Ahead   []time.Time // the weeks or months still to come, for the chart's axis (GoalDetail)
}

// GoalsInView lists the live goals a dashboard shows with their progress:
// the team's and ownerID's ("" for the team view: every goal).
func (a *App) GoalsInView(ctx context.Context, actor Actor, ownerID string) ([]GoalProgress, error) {
	if err := a.can(actor, AreaReports, LevelView); err != nil {
		return nil, err
	}
	now := a.now()
	goals, err := store.ListGoals(ctx, a.db.Reader(), now.AddDate(0, 0, -7), ownerID, ownerID == "")
	if err != nil {
		return nil, err
	}
	out := make([]GoalProgress, 0, len(goals))
	for _, g := range goals {
		if teamHidden(actor, g) {
			continue
		}
		p, err := a.goalProgress(ctx, g, false)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// GoalDetail is one goal with its progress over time, for its chart:
// one point per week (goals of up to a quarter) or month.
func (a *App) GoalDetail(ctx context.Context, actor Actor, id string) (GoalProgress, error) {
	if err := a.can(actor, AreaReports, LevelView); err != nil {
		return GoalProgress{}, err
	}
	g, err := store.GetGoal(ctx, a.db.Reader(), id)
	if err != nil {
		return GoalProgress{}, err
	}
	if (g.UserID != "" && g.UserID != actorID(actor) && !CanSeeTeam(actor)) || teamHidden(actor, g) {
		return GoalProgress{}, errorf(EForbidden, "error.forbidden")
	}
	return a.goalProgress(ctx, g, true)
}

// teamHidden tells whether a team goal's progress is kept from actor: it
// adds up everyone's records, which a user limited to their own records
// may not see (the whole team's numbers are otherwise a shared target).
func teamHidden(actor Actor, g Goal) bool {
	return g.UserID == "" && actor != nil && actor.OwnOnly
}

func (a *App) goalProgress(ctx context.Context, g Goal, points bool) (GoalProgress, error) {
	now := a.now()
	end := g.Deadline
	if now.Before(end) {
		end = now
	}
	p := GoalProgress{Goal: g, Ended: !now.Before(g.Deadline)}
	f := store.ReportFilter{From: g.StartsAt, To: end, OwnerID: g.UserID}
	var err error
	if p.Current, err = a.metric(ctx, g.Metric, g.Currency, f); err != nil {
		return p, err
	}
	if g.Target > 0 {
		p.Percent = float64(p.Current) * 100 / float64(g.Target)
	}
	p.Reached = p.Current >= g.Target
	if !points {
		return p, nil
	}
	if !IsRateMetric(g.Metric) {
		p.Points = append(p.Points, GoalPoint{At: g.StartsAt}) // counts and money start from nothing
	}
	period := Period{From: g.StartsAt, To: g.Deadline, Zone: time.UTC}
	for _, b := range period.Buckets() {
		if b.To.After(end) {
			break
		}
		f.To = b.To
		v, err := a.metric(ctx, g.Metric, g.Currency, f)
		if err != nil {
			return p, err
		}
		p.Points = append(p.Points, GoalPoint{At: b.To, Value: v})
	}
	p.Points = append(p.Points, GoalPoint{At: end, Value: p.Current})
	for _, b := range period.Buckets() {
		if b.To.After(end) {
			p.Ahead = append(p.Ahead, b.To)
		}
	}
	return p, nil
}
