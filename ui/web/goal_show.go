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
		for _, pt := range p.Points {
			labels = append(labels, pt.At.In(zone).Format(s.catalog.T(b.Lang, "report.format.week")))
			progress.Values = append(progress.Values, float64(pt.Value)/scale)
			progress.Texts = append(progress.Texts, s.goalValue(b.Lang, p.Goal, pt.Value))
		}
		for _, at := range p.Ahead {
			labels = append(labels, at.In(zone).Format(s.catalog.T(b.Lang, "report.format.week")))
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
