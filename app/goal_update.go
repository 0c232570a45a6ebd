package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"rolo/store"
)

// GoalChange changes a goal; nil members stay. The metric, the person
// and the currency are what the baseline measured, so they stay too: a
// different one is a new goal.
type GoalChange struct {
	Name     *string
	Target   *string // as typed, in the metric's unit (see GoalInput)
	Deadline *string // a day in the actor's zone
}

// UpdateGoal renames a goal, moves its target or its deadline, if it is
// still at version: its owner, or a manager or admin, as for deleting it.
// A new deadline measures the baseline again over the equal span before
// the goal was set.
func (a *App) UpdateGoal(ctx context.Context, actor Actor, id string, version int, ch GoalChange) (Goal, error) {
	if err := a.can(actor, AreaReports, LevelEdit); err != nil {
		return Goal{}, err
	}
	g, err := store.GetGoal(ctx, a.db.Reader(), id)
	if err != nil {
		return Goal{}, err
	}
	if (g.UserID != actorID(actor) && !CanSeeTeam(actor)) || teamHidden(actor, g) {
		return Goal{}, errorf(EForbidden, "error.forbidden")
	}
	if err := stale(g.Version, &version); err != nil {
		return Goal{}, err
	}
	fields := map[string]string{}
	if ch.Name != nil {
		g.Name = strings.TrimSpace(*ch.Name)
		if g.Name == "" || utf8.RuneCountInString(g.Name) > 200 {
			fields["name"] = "goal.error.name"
		}
	}
	if ch.Target != nil {
		target, ok := parseTarget(g.Metric, g.Currency, *ch.Target)
		if !ok {
			fields["target"] = "goal.error.target"
		}
		g.Target = target
	}
	moved := false
	if ch.Deadline != nil {
		day, err := time.ParseInLocation(time.DateOnly, *ch.Deadline, Location(actor))
		if err != nil {
			fields["deadline"] = "error.date_invalid"
		} else if deadline := day.AddDate(0, 0, 1); !deadline.After(a.now()) || !deadline.After(g.StartsAt) {
			fields["deadline"] = "goal.error.deadline"
		} else {
			moved, g.Deadline = !deadline.Equal(g.Deadline), deadline
		}
	}
	if len(fields) > 0 {
		return Goal{}, Invalid(fields)
	}
	if moved {
		span := g.Deadline.Sub(g.StartsAt)
		if g.Baseline, err = a.metric(ctx, g.Metric, g.Currency, store.ReportFilter{From: g.StartsAt.Add(-span), To: g.StartsAt, OwnerID: g.UserID}); err != nil {
			return Goal{}, err
		}
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		now, err := store.GetGoal(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := stale(now.Version, &version); err != nil {
			return err // changed since it was read above
		}
		if err := store.UpdateGoal(ctx, tx, g); err != nil {
			return err
		}
		g.Version++
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionGoalUpdated, Entity: "goal", ID: g.ID, Name: g.Name,
			Details: map[string]any{"target": g.Target, "baseline": g.Baseline, "deadline": store.FormatTime(g.Deadline)}})
	})
	return g, err
}
