package web

import (
	"html/template"
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// dashboardPage is the dashboard: key figures beside the previous
// period's, the forecast and the goals.
type dashboardPage struct {
	Base
	Filters    request.ReportFilters
	Errors     map[string]string
	PeriodText string
	Stats      []stat
	Forecast   template.HTML
	Home       string // the currency money is added up in
	Goals      []goalRow
	CanTeam    bool
	CanGoal    bool
	Form       filterForm
}

// goalRow is a goal as lists show it.
type goalRow struct {
	ID       string
	Name     string
	Metric   string // catalog key
	Who      string
	Current  string
	Target   string
	Baseline string
	Percent  float64
	Bar      int // Percent capped at 100, for the progress element
	Deadline string
	Reached  bool
	Ended    bool
	CanEdit  bool
}

// handleDashboard shows the reader's dashboard, or the team's (managers
// and admins, with owner=team).
func handleDashboard(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "dashboard.title")
		page := dashboardPage{Base: b, CanTeam: app.CanSeeTeam(b.User), CanGoal: app.CanWriteRecords(b.User)}
		q, f, err := request.ParseReportQuery(r, s.app.Now())
		page.Filters = f
		status := http.StatusOK
		if err == nil {
			err = s.fillDashboard(r, b.Lang, q, &page)
		}
		if err != nil {
			if app.ErrorCode(err) != app.EInvalid {
				s.views.renderError(w, r, b, err)
				return
			}
			page.Errors, status = fieldErrors(err), http.StatusUnprocessableEntity
		}
		if err := s.loadChoices(r, b.Lang, &page.Filters); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.Form = formFor(s.recordPath("dashboard"), "dashboard", page.Filters, page.Errors)
		page.PeriodText = s.periodText(b.Lang, r)
		s.views.render(w, r, status, "dashboard", b.Lang, page)
	})
}

func (s *site) fillDashboard(r *http.Request, lang string, q app.ReportQuery, page *dashboardPage) error {
	d, err := s.app.Dashboard(r.Context(), page.User, q)
	if err != nil {
		return err
	}
	t := func(key string, args ...any) string { return s.catalog.T(lang, key, args...) }
	num := func(n int64) string { return groupDigits(itoa(int(n))) }
	page.Stats = []stat{
		{Label: t("report.stat.open_value"), Money: newHomeView(lang, d.OpenHome), Before: t("dashboard.open_deals", groupDigits(itoa(d.OpenCount)))},
		{Label: t("report.stat.weighted"), Money: newHomeView(lang, d.WeightedHome)},
		{Label: t("report.stat.won"), Value: num(int64(d.Won.Won)),
			Before: t("dashboard.before", groupDigits(itoa(d.WonBefore.Won))), Trend: trend(float64(d.Won.Won), float64(d.WonBefore.Won))},
		{Label: t("report.stat.won_value"), Money: newHomeView(lang, d.Won.ValueHome),
			Before: t("dashboard.before", formatMoney(lang, d.WonBefore.ValueHome.Total))},
		{Label: t("report.stat.lost"), Value: num(int64(d.Won.Lost)), Before: t("dashboard.before", groupDigits(itoa(d.WonBefore.Lost)))},
		{Label: t("report.stat.win_rate"), Value: percentText(d.Won.Rate), Before: t("dashboard.before", percentText(d.WonBefore.Rate)),
			Trend: trend(d.Won.Rate, d.WonBefore.Rate)},
		{Label: t("report.stat.new_contacts"), Value: num(d.NewContacts), Before: t("dashboard.before", num(d.NewContactsPrior)),
			Trend: trend(float64(d.NewContacts), float64(d.NewContactsPrior))},
		{Label: t("report.stat.activities"), Value: num(d.Activities), Before: t("dashboard.before", num(d.ActivitiesPrior)),
			Trend: trend(float64(d.Activities), float64(d.ActivitiesPrior))},
		{Label: t("dashboard.tasks_overdue"), Value: groupDigits(itoa(d.TasksOverdue))},
	}
	currency := d.OpenHome.Total.Currency
	page.Home = currency
	value := chartSeries{Name: t("report.col.value")}
	weighted := chartSeries{Name: t("report.col.weighted")}
	var labels []string
	for _, m := range d.Forecast {
		labels = append(labels, s.monthLabel(lang, m.Month))
		value.Values = append(value.Values, homeAmount(m.ValueHome))
		value.Texts = append(value.Texts, formatMoney(lang, m.ValueHome.Total))
		weighted.Values = append(weighted.Values, homeAmount(m.WeightedHome))
		weighted.Texts = append(weighted.Texts, formatMoney(lang, m.WeightedHome.Total))
	}
	page.Forecast = barChart(chart{ID: "forecast", Title: t("dashboard.forecast", currency), Desc: t("dashboard.forecast_desc", currency),
		Axis: t("report.col.close_month"), Labels: labels, Series: []chartSeries{value, weighted}}, t("report.data"), false)
	team, err := s.recordTeam(r)
	if err != nil {
		return err
	}
	for _, g := range d.Goals {
		page.Goals = append(page.Goals, s.goalRow(lang, page.User, team, g))
	}
	return nil
}

// goalRow describes a goal's progress for lists.
func (s *site) goalRow(lang string, user *app.User, team recordTeam, p app.GoalProgress) goalRow {
	g := p.Goal
	who := s.catalog.T(lang, "goal.team")
	if g.UserID != "" {
		who = team.Name(g.UserID)
	}
	bar := int(p.Percent)
	bar = max(0, min(bar, 100))
	return goalRow{ID: g.ID, Name: g.Name, Metric: "goal.metric." + g.Metric, Who: who,
		Current: s.goalValue(lang, g, p.Current), Target: s.goalValue(lang, g, g.Target), Baseline: s.goalValue(lang, g, g.Baseline),
		Percent: p.Percent, Bar: bar, Deadline: s.dateText(lang, g.Deadline.Add(-1), app.Location(user), false),
		Reached: p.Reached, Ended: p.Ended, CanEdit: app.CanWriteRecords(user) && (g.UserID == user.ID || app.CanSeeTeam(user))}
}

// goalValue shows a metric's value: a count, money or a rate.
func (s *site) goalValue(lang string, g app.Goal, v int64) string {
	switch {
	case g.Metric == app.MetricRevenueWon:
		return formatMoney(lang, app.Money{Value: v, Currency: g.Currency})
	case app.IsRateMetric(g.Metric):
		return percentText(float64(v) / 10)
	}
	return groupDigits(itoa(int(v)))
}
