package app

import (
	"context"
	"slices"

	"rolo/store"
)

// ReportQuery is what a reader asks a report for: a period and filters.
// Owner is "" or "me" for the reader's own numbers, "team" for everyone's
// (managers and admins), or a user's id (managers and admins, or oneself).
type ReportQuery struct {
	Period     Period
	PipelineID string
	Owner      string
	TagID      string
	Source     string
	SegmentID  string // a saved segment of contacts or deals
}

// CanSeeTeam tells whether a user may see the whole team's numbers and
// other users' (reports: manage, and not limited to their own records);
// everyone sees their own.
func CanSeeTeam(a Actor) bool { return a == nil || (CanDo(a, AreaReports, LevelManage) && !a.OwnOnly) }

// reportFilter turns a query into the store's filter for the period p,
// refusing another user's or the team's numbers to those who may not
// see them, and compiling the segment's query.
func (a *App) reportFilter(ctx context.Context, actor Actor, q ReportQuery, p Period) (store.ReportFilter, error) {
	f := store.ReportFilter{From: p.From.UTC(), To: p.To.UTC(), PipelineID: q.PipelineID, TagID: q.TagID, Source: q.Source}
	if err := a.can(actor, AreaReports, LevelView); err != nil {
		return f, err // every report and the dashboard pass here
	}
	switch q.Owner {
	case "", "me":
		f.OwnerID = actorID(actor)
	case "team":
		if !CanSeeTeam(actor) {
			return f, errorf(EForbidden, "error.forbidden")
		}
	default:
		if q.Owner != actorID(actor) && !CanSeeTeam(actor) {
			return f, errorf(EForbidden, "error.forbidden")
		}
		f.OwnerID = q.Owner
	}
	if q.SegmentID != "" {
		entity, query, err := a.SegmentQuery(ctx, actor, q.SegmentID)
		if err != nil {
			return f, err
		}
		if f.SegmentConditions, err = a.compileQuery(ctx, a.db.Reader(), actor, entity, query); err != nil {
			return f, err
		}
		f.SegmentEntity = entity
	}
	return f, nil
}

// moneyTotals adds amounts per currency, never across currencies, and
// lists them by currency code.
type moneyTotals map[string]int64

func (m moneyTotals) add(currency string, v int64) { m[currency] += v }

func (m moneyTotals) list() []Money {
	out := make([]Money, 0, len(m))
	for c, v := range m {
		out = append(out, Money{Value: v, Currency: c})
	}
	slices.SortFunc(out, func(a, b Money) int {
		if a.Currency < b.Currency {
			return -1
		}
		if a.Currency > b.Currency {
			return 1
		}
		return 0
	})
	return out
}

// percent is part of whole in per cent, 0 when whole is 0.
func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}

// reportStages lists the stages of the query's pipeline, or of the
// default pipeline when none is chosen, in board order.
func (a *App) reportPipeline(ctx context.Context, actor Actor, q *ReportQuery) (Pipeline, error) {
	if q.PipelineID != "" {
		return a.Pipeline(ctx, actor, q.PipelineID)
	}
	p, err := a.DefaultPipeline(ctx, actor)
	if err != nil {
		return p, err
	}
	q.PipelineID = p.ID
	return p, nil
}

// ReportSources lists the lead sources in use on contacts and deals, for
// the source filter.
func (a *App) ReportSources(ctx context.Context, actor Actor) ([]string, error) {
	return store.ReportSources(ctx, a.db.Reader())
}
