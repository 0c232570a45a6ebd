package web

import (
	"context"
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// reportContext is what every report builder needs.
type reportContext struct {
	r        *http.Request
	lang     string
	q        app.ReportQuery
	f        request.ReportFilters
	team     recordTeam
	currency string // the home currency, which totals and charts are in
}

func (rc reportContext) ctx() context.Context { return rc.r.Context() }

// rt translates key in the report reader's language.
func (s *site) rt(rc reportContext, key string, args ...any) string {
	return s.catalog.T(rc.lang, key, args...)
}

func (s *site) pipelineView(rc reportContext) (reportView, error) {
	rep, err := s.app.PipelineReport(rc.ctx(), request.CurrentUser(rc.r), rc.q)
	if err != nil {
		return reportView{}, err
	}
	v := reportView{Stats: []stat{
		{Label: s.rt(rc, "report.stat.open_deals"), Value: groupDigits(itoa(rep.Count))},
		{Label: s.rt(rc, "report.stat.open_value"), Money: newHomeView(rc.lang, rep.ValueHome)},
		{Label: s.rt(rc, "report.stat.weighted"), Money: newHomeView(rc.lang, rep.WeightedHome)},
	}}
	counts := chartSeries{Name: s.rt(rc, "report.col.deals")}
	value := chartSeries{Name: s.rt(rc, "report.col.value")}
	weighted := chartSeries{Name: s.rt(rc, "report.col.weighted")}
	var labels []string
	t := reportTable{Caption: s.rt(rc, "report.pipeline.table"), Head: []string{s.rt(rc, "report.col.stage"), s.rt(rc, "report.col.probability"),
		s.rt(rc, "report.col.deals"), s.rt(rc, "report.col.value"), s.rt(rc, "report.col.weighted")}}
	for _, row := range rep.Stages {
		name := s.catalog.StageName(rc.lang, row.Stage)
		labels = append(labels, name)
		counts.Values = append(counts.Values, float64(row.Count))
		value.Values = append(value.Values, homeAmount(row.ValueHome))
		value.Texts = append(value.Texts, formatMoney(rc.lang, row.ValueHome.Total))
		weighted.Values = append(weighted.Values, homeAmount(row.WeightedHome))
		weighted.Texts = append(weighted.Texts, formatMoney(rc.lang, row.WeightedHome.Total))
		t.Rows = append(t.Rows, []cell{textCell(name), percentCell(float64(row.Stage.Probability)), intCell(row.Count),
			homeCell(rc.lang, row.ValueHome), homeCell(rc.lang, row.WeightedHome)})
	}
	t.Foot = []cell{textCell(s.rt(rc, "report.total")), textCell(""), intCell(rep.Count), homeCell(rc.lang, rep.ValueHome), homeCell(rc.lang, rep.WeightedHome)}
	v.Charts = append(v.Charts,
		barChart(chart{ID: "pipeline-count", Title: s.rt(rc, "report.pipeline.chart_count"), Desc: s.rt(rc, "report.pipeline.chart_count_desc"),
			Axis: s.rt(rc, "report.col.stage"), Labels: labels, Series: []chartSeries{counts}}, s.rt(rc, "report.data"), true),
		barChart(chart{ID: "pipeline-value", Title: s.rt(rc, "report.pipeline.chart_value", rc.currency), Desc: s.rt(rc, "report.pipeline.chart_value_desc", rc.currency),
			Axis: s.rt(rc, "report.col.stage"), Labels: labels, Series: []chartSeries{value, weighted}}, s.rt(rc, "report.data"), false))
	v.Tables = append(v.Tables, t)
	v.Notes = []string{"report.note.weighted", "report.note.home_today"}
	return v, nil
}

func (s *site) funnelView(rc reportContext) (reportView, error) {
	rep, err := s.app.FunnelReport(rc.ctx(), request.CurrentUser(rc.r), rc.q)
	if err != nil {
		return reportView{}, err
	}
	v := reportView{Stats: []stat{
		{Label: s.rt(rc, "report.stat.cohort"), Value: groupDigits(itoa(rep.Cohort))},
		{Label: s.rt(rc, "report.stat.won"), Value: groupDigits(itoa(rep.Won))},
		{Label: s.rt(rc, "report.stat.cohort_win_rate"), Value: percentText(rep.WinRate)},
	}}
	var steps []funnelStep
	t := reportTable{Caption: s.rt(rc, "report.funnel.table"), Head: []string{s.rt(rc, "report.col.stage"), s.rt(rc, "report.col.reached"),
		s.rt(rc, "report.col.next"), s.rt(rc, "report.col.conversion"), s.rt(rc, "report.col.drop_off")}}
	for _, st := range rep.Steps {
		name := s.catalog.StageName(rc.lang, st.Stage)
		steps = append(steps, funnelStep{Label: name, Value: float64(st.Reached), Text: groupDigits(itoa(st.Reached)), Note: "↓ " + percentText(st.Conversion)})
		t.Rows = append(t.Rows, []cell{textCell(name), intCell(st.Reached), intCell(st.Next), percentCell(st.Conversion), intCell(st.DropOff)})
	}
	steps = append(steps, funnelStep{Label: s.rt(rc, "report.funnel.won"), Value: float64(rep.Won), Text: groupDigits(itoa(rep.Won))})
	t.Foot = []cell{textCell(s.rt(rc, "report.funnel.won")), intCell(rep.Won), textCell(""), percentCell(rep.WinRate), textCell("")}
	v.Charts = append(v.Charts, funnelChart(chart{ID: "funnel", Title: s.rt(rc, "report.funnel.chart", s.catalog.PipelineName(rc.lang, rep.Pipeline)),
		Desc: s.rt(rc, "report.funnel.chart_desc"), Axis: s.rt(rc, "report.col.reached")}, steps, s.rt(rc, "report.data")))
	v.Tables = append(v.Tables, t)
	v.Notes = []string{"report.note.funnel", "report.note.skipped"}
	return v, nil
}

func (s *site) winRateView(rc reportContext) (reportView, error) {
	rep, err := s.app.WinRateReport(rc.ctx(), request.CurrentUser(rc.r), rc.q, rc.f.By)
	if err != nil {
		return reportView{}, err
	}
	v := reportView{Stats: []stat{
		{Label: s.rt(rc, "report.stat.won"), Value: groupDigits(itoa(rep.Total.Won))},
		{Label: s.rt(rc, "report.stat.lost"), Value: groupDigits(itoa(rep.Total.Lost))},
		{Label: s.rt(rc, "report.stat.win_rate"), Value: percentText(rep.Total.Rate)},
		{Label: s.rt(rc, "report.stat.average"), Money: newHomeView(rc.lang, rep.Total.AverageHome)},
	}}
	head := map[string]string{"owner": "report.col.owner", "source": "report.col.source", "period": "report.col.period"}[rep.By]
	t := reportTable{Caption: s.rt(rc, "report.win_rate.table"), Head: []string{s.rt(rc, head), s.rt(rc, "report.col.won"), s.rt(rc, "report.col.lost"),
		s.rt(rc, "report.col.win_rate"), s.rt(rc, "report.col.won_value"), s.rt(rc, "report.col.average")}}
	rate := chartSeries{Name: s.rt(rc, "report.col.win_rate")}
	won := chartSeries{Name: s.rt(rc, "report.col.won")}
	lost := chartSeries{Name: s.rt(rc, "report.col.lost")}
	var labels []string
	for _, row := range rep.Rows {
		label := row.Key
		switch rep.By {
		case "owner":
			if label = rc.team.Name(row.Key); label == "" {
				label = s.rt(rc, "report.nobody")
			}
		case "source":
			if label == "" {
				label = s.rt(rc, "report.no_source")
			}
		case "period":
			label = s.bucketLabel(rc.lang, row.Bucket, rc.q.Period.Weekly(), rc.q.Period.Zone)
		}
		labels = append(labels, label)
		rate.Values, rate.Texts = append(rate.Values, row.Rate), append(rate.Texts, percentText(row.Rate))
		won.Values, lost.Values = append(won.Values, float64(row.Won)), append(lost.Values, float64(row.Lost))
		t.Rows = append(t.Rows, []cell{textCell(label), intCell(row.Won), intCell(row.Lost), percentCell(row.Rate),
			homeCell(rc.lang, row.ValueHome), homeCell(rc.lang, row.AverageHome)})
	}
	t.Foot = []cell{textCell(s.rt(rc, "report.total")), intCell(rep.Total.Won), intCell(rep.Total.Lost), percentCell(rep.Total.Rate),
		homeCell(rc.lang, rep.Total.ValueHome), homeCell(rc.lang, rep.Total.AverageHome)}
	c := chart{ID: "win-rate", Title: s.rt(rc, "report.win_rate.chart"), Desc: s.rt(rc, "report.win_rate.chart_desc"), Axis: s.rt(rc, head), Labels: labels}
	if rep.By == "period" {
		c.Series = []chartSeries{won, lost}
		v.Charts = append(v.Charts, columnChart(c, s.rt(rc, "report.data")))
	} else {
		c.Series = []chartSeries{won, lost}
		v.Charts = append(v.Charts, barChart(c, s.rt(rc, "report.data"), true))
	}
	v.Tables = append(v.Tables, t)
	v.Notes = []string{"report.note.win_rate", "report.note.home_closed"}
	return v, nil
}

func (s *site) timeView(rc reportContext) (reportView, error) {
	rep, err := s.app.TimeReport(rc.ctx(), request.CurrentUser(rc.r), rc.q)
	if err != nil {
		return reportView{}, err
	}
	v := reportView{Stats: []stat{
		{Label: s.rt(rc, "report.stat.time_to_win"), Value: daysCell(rc.lang, s.catalog, rep.WonAvgDays).Text},
		{Label: s.rt(rc, "report.stat.time_to_lose"), Value: daysCell(rc.lang, s.catalog, rep.LostAvgDays).Text},
		{Label: s.rt(rc, "report.stat.won"), Value: groupDigits(itoa(rep.Won))},
	}}
	days := chartSeries{Name: s.rt(rc, "report.col.avg_days")}
	var labels []string
	t := reportTable{Caption: s.rt(rc, "report.time.table"), Head: []string{s.rt(rc, "report.col.stage"), s.rt(rc, "report.col.stays"), s.rt(rc, "report.col.avg_days")}}
	for _, st := range rep.Stages {
		name := s.catalog.StageName(rc.lang, st.Stage)
		labels = append(labels, name)
		days.Values, days.Texts = append(days.Values, st.AvgDays), append(days.Texts, daysCell(rc.lang, s.catalog, st.AvgDays).Text)
		t.Rows = append(t.Rows, []cell{textCell(name), intCell(st.Count), daysCell(rc.lang, s.catalog, st.AvgDays)})
	}
	v.Charts = append(v.Charts, barChart(chart{ID: "time-in-stage", Title: s.rt(rc, "report.time.chart"), Desc: s.rt(rc, "report.time.chart_desc"),
		Axis: s.rt(rc, "report.col.stage"), Labels: labels, Series: []chartSeries{days}}, s.rt(rc, "report.data"), true))
	v.Tables = append(v.Tables, t)
	v.Notes = []string{"report.note.time"}
	return v, nil
}
