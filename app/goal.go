package app

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rolo/store"
)

// Goal metrics. Rates (win rate, first response) are kept in per mille,
// money in minor units of the goal's currency, the rest as counts.
const (
	MetricNewContacts   = "new_contacts"
	MetricDealsWon      = "deals_won"
	MetricRevenueWon    = "revenue_won"
	MetricWinRate       = "win_rate"
	MetricActivities    = "activities"
	MetricFirstResponse = "first_response" // share of new contacts with an activity within a day
)

// GoalMetrics lists the metrics a goal can track, in the form's order.
var GoalMetrics = []string{MetricNewContacts, MetricDealsWon, MetricRevenueWon, MetricWinRate, MetricActivities, MetricFirstResponse}

// firstResponseWithin is how soon a new contact must hear from the team
// to count as answered.
const firstResponseWithin = 24 * time.Hour

// IsRateMetric tells whether a metric is a share, kept in per mille.
func IsRateMetric(m string) bool { return m == MetricWinRate || m == MetricFirstResponse }

// Goal is a stored goal.
type Goal = store.Goal

// GoalInput is a goal as a form or the API gives it: target as typed
// ("25", "12,500.00", "30 %"), deadline as a day in the actor's zone.
type GoalInput struct {
	Name     string
	Metric   string
	UserID   string // "" for the team
	Currency string
	Target   string
	Deadline string
}

// metric measures m over f's period and filters: a count, minor units or
// per mille.
func (a *App) metric(ctx context.Context, m, currency string, f store.ReportFilter) (int64, error) {
	r := a.db.Reader()
	switch m {
	case MetricNewContacts:
		return store.CountNewContacts(ctx, r, f)
	case MetricActivities:
		return store.CountPeriodActivities(ctx, r, f)
	case MetricFirstResponse:
		total, reached, err := store.FirstResponses(ctx, r, f, firstResponseWithin)
		if total == 0 {
			return 0, err
		}
		return int64(reached) * 1000 / int64(total), err
	}
	closed, err := store.ClosedDeals(ctx, r, f)
	if err != nil {
		return 0, err
	}
	var book *RateBook
	if m == MetricRevenueWon {
		if book, err = a.RateBook(ctx); err != nil {
			return 0, err
		}
	}
	row := winRateRow("", closed, book)
	switch m {
	case MetricDealsWon:
		return int64(row.Won), nil
	case MetricWinRate:
		if row.Won+row.Lost == 0 {
			return 0, nil
		}
		return int64(row.Won) * 1000 / int64(row.Won+row.Lost), nil
	}
	if currency == book.Home {
		// A goal in the home currency counts every deal won, each at the
		// rate in force on its close day (a currency without a rate
		// cannot count).
		return row.ValueHome.Total.Value, nil
	}
	for _, v := range row.Value {
		if v.Currency == currency {
			return v.Value, nil
		}
	}
	return 0, nil
}

// parseTarget reads a target as typed for the metric.
func parseTarget(m, currency, s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	switch {
	case m == MetricRevenueWon:
		return ParseAmount(s, currency)
	case IsRateMetric(m):
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 || f > 100 {
			return 0, false
		}
		return int64(f*10 + 0.5), true
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	return n, err == nil && n >= 0 && n < 1e12
}

// CreateGoal sets a goal from now until the end of the deadline day and
// records its baseline: the metric over the equal span before now. Anyone
// who writes may set their own goals; team goals and other users' are
// for managers and admins.
func (a *App) CreateGoal(ctx context.Context, actor Actor, in GoalInput) (Goal, error) {
	if err := a.can(actor, AreaReports, LevelEdit); err != nil {
		return Goal{}, err
	}
	now, zone := a.now(), Location(actor)
	g := Goal{ID: a.cfg.NewID(), Name: strings.TrimSpace(in.Name), Metric: in.Metric, UserID: in.UserID, StartsAt: now, CreatedBy: actorID(actor), Version: 1}
	fields := map[string]string{}
	if g.Name == "" || utf8.RuneCountInString(g.Name) > 200 {
		fields["name"] = "goal.error.name"
	}
	known := false
	for _, m := range GoalMetrics {
		known = known || m == in.Metric
	}
	if !known {
		fields["metric"] = "goal.error.metric"
	}
	if in.Metric == MetricRevenueWon {
		code, ok := NormalizeCurrency(in.Currency)
		if !ok {
			code = a.DefaultCurrency(ctx)
		}
		g.Currency = code
	}
	target, ok := parseTarget(in.Metric, g.Currency, in.Target)
	if !ok && known {
		fields["target"] = "goal.error.target"
	}
	g.Target = target
	day, err := time.ParseInLocation(time.DateOnly, in.Deadline, zone)
	if err != nil {
		fields["deadline"] = "error.date_invalid"
	} else if g.Deadline = day.AddDate(0, 0, 1); !g.Deadline.After(now) {
		fields["deadline"] = "goal.error.deadline"
	}
	if in.UserID != "" {
		if _, err := store.UserByID(ctx, a.db.Reader(), in.UserID); err != nil {
			fields["user_id"] = "goal.error.user"
		}
	}
	if len(fields) > 0 {
		return Goal{}, Invalid(fields)
	}
	if in.UserID != actorID(actor) && !CanSeeTeam(actor) {
		return Goal{}, errorf(EForbidden, "error.forbidden")
	}
	span := g.Deadline.Sub(now)
	g.Baseline, err = a.metric(ctx, g.Metric, g.Currency, store.ReportFilter{From: now.Add(-span), To: now, OwnerID: g.UserID})
	if err != nil {
		return Goal{}, err
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.InsertGoal(ctx, tx, g); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionGoalCreated, Entity: "goal", ID: g.ID, Name: g.Name,
			Details: map[string]any{"metric": g.Metric, "target": g.Target, "baseline": g.Baseline, "deadline": store.FormatTime(g.Deadline)}})
	})
	return g, err
}

// DeleteGoal removes a goal: its owner, or a manager or admin.
func (a *App) DeleteGoal(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaReports, LevelDelete); err != nil {
		return err
	}
	g, err := store.GetGoal(ctx, a.db.Reader(), id)
	if err != nil {
		return err
	}
	if g.UserID != actorID(actor) && !CanSeeTeam(actor) {
		return errorf(EForbidden, "error.forbidden")
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.TrashGoal(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionGoalDeleted, Entity: "goal", ID: id, Name: g.Name})
	})
}
