package web

import (
	"html/template"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// goalPage is one goal: where it stands and its progress over time
// against the target line.
type goalPage struct {
	Base
	Goal  goalRow
	Goals []goalRow // the goal alone, for the goal list partial
	Chart template.HTML
}

// handleGoalShow shows a goal's progress.
func handleGoalShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "goal.title")
		p, err := s.app.GoalDetail(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		team, err := s.recordTeam(r)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		zone := app.Location(b.User)
		scale := 1.0
		switch {
		case p.Goal.Metric == app.MetricRevenueWon:
			scale = pow10(app.CurrencyScale(p.Goal.Currency))
		case app.IsRateMetric(p.Goal.Metric):
			scale = 10
		}
		progress := chartSeries{Name: s.catalog.T(b.Lang, "goal.metric."+p.Goal.Metric)}
		var labels []string
		// A goal that runs into another year names its dates with the year,
		// or "Jan 1" would stand for several days.
		format := s.catalog.T(b.Lang, "report.format.week")
		if p.Goal.StartsAt.In(zone).Year() != p.Goal.Deadline.In(zone).Year() {
			format = s.catalog.T(b.Lang, "format.date")
		}
		// Points are labelled by day: two on the same day (a goal set
		// today, or measured just after a week began) keep the later value
		// under one label, so the axis never names a date twice.
		for _, pt := range p.Points {
			label := pt.At.In(zone).Format(format)
			if n := len(labels); n > 0 && labels[n-1] == label {
				labels, progress.Values, progress.Texts = labels[:n-1], progress.Values[:n-1], progress.Texts[:n-1]
			}
			labels = append(labels, label)
			progress.Values = append(progress.Values, float64(pt.Value)/scale)
			progress.Texts = append(progress.Texts, s.goalValue(b.Lang, p.Goal, pt.Value))
		}
		for _, at := range p.Ahead {
			if label := at.In(zone).Format(format); len(labels) == 0 || labels[len(labels)-1] != label {
				labels = append(labels, label)
			}
		}
		row := s.goalRow(b.Lang, b.User, team, p)
		page := goalPage{Base: b, Goal: row, Goals: []goalRow{row}}
		page.Chart = lineChart(chart{ID: "goal-progress", Title: s.catalog.T(b.Lang, "goal.chart", p.Goal.Name),
			Desc: s.catalog.T(b.Lang, "goal.chart_desc", row.Current, row.Target, row.Baseline), Axis: s.catalog.T(b.Lang, "report.col.date"),
			Labels: labels, Series: []chartSeries{progress}, HasTarget: true, Target: float64(p.Goal.Target) / scale,
			TargetName: s.catalog.T(b.Lang, "goal.target")}, s.catalog.T(b.Lang, "report.data"))
		s.views.render(w, r, http.StatusOK, "goal", b.Lang, page)
	})
}
