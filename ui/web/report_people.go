package web

import (
	"rolo/app"
	"rolo/ui/request"
)

func (s *site) sourcesView(rc reportContext) (reportView, error) {
	rows, err := s.app.SourcesReport(rc.ctx(), request.CurrentUser(rc.r), rc.q)
	if err != nil {
		return reportView{}, err
	}
	contacts := chartSeries{Name: s.rt(rc, "report.col.new_contacts")}
	won := chartSeries{Name: s.rt(rc, "report.col.won")}
	var labels []string
	t := reportTable{Caption: s.rt(rc, "report.sources.table"), Head: []string{s.rt(rc, "report.col.source"), s.rt(rc, "report.col.new_contacts"),
		s.rt(rc, "report.col.won"), s.rt(rc, "report.col.won_value")}}
	var totalContacts, totalWon int
	for _, row := range rows {
		label := row.Source
		if label == "" {
			label = s.rt(rc, "report.no_source")
		}
		labels = append(labels, label)
		contacts.Values = append(contacts.Values, float64(row.Contacts))
		won.Values = append(won.Values, float64(row.Won))
		totalContacts += row.Contacts
		totalWon += row.Won
		t.Rows = append(t.Rows, []cell{textCell(label), intCell(row.Contacts), intCell(row.Won), homeCell(rc.lang, row.ValueHome)})
	}
	t.Foot = []cell{textCell(s.rt(rc, "report.total")), intCell(totalContacts), intCell(totalWon), textCell("")}
	v := reportView{Stats: []stat{
		{Label: s.rt(rc, "report.stat.new_contacts"), Value: groupDigits(itoa(totalContacts))},
		{Label: s.rt(rc, "report.stat.won"), Value: groupDigits(itoa(totalWon))},
	}}
	v.Charts = append(v.Charts, barChart(chart{ID: "sources", Title: s.rt(rc, "report.sources.chart"), Desc: s.rt(rc, "report.sources.chart_desc"),
		Axis: s.rt(rc, "report.col.source"), Labels: labels, Series: []chartSeries{contacts, won}}, s.rt(rc, "report.data"), false))
	v.Tables = append(v.Tables, t)
	v.Notes = []string{"report.note.sources"}
	return v, nil
}

func (s *site) growthView(rc reportContext) (reportView, error) {
	rows, err := s.app.GrowthReport(rc.ctx(), request.CurrentUser(rc.r), rc.q)
	if err != nil {
		return reportView{}, err
	}
	contacts := chartSeries{Name: s.rt(rc, "report.col.new_contacts")}
	customers := chartSeries{Name: s.rt(rc, "report.col.new_customers")}
	churned := chartSeries{Name: s.rt(rc, "report.col.churned")}
	var labels []string
	t := reportTable{Caption: s.rt(rc, "report.growth.table"), Head: []string{s.rt(rc, "report.col.period"), s.rt(rc, "report.col.new_contacts"),
		s.rt(rc, "report.col.new_customers"), s.rt(rc, "report.col.churned")}}
	var total app.GrowthRow
	for _, row := range rows {
		label := s.bucketLabel(rc.lang, row.Bucket, rc.q.Period.Weekly(), rc.q.Period.Zone)
		labels = append(labels, label)
		contacts.Values = append(contacts.Values, float64(row.NewContacts))
		customers.Values = append(customers.Values, float64(row.NewCustomers))
		churned.Values = append(churned.Values, float64(row.Churned))
		total.NewContacts += row.NewContacts
		total.NewCustomers += row.NewCustomers
		total.Churned += row.Churned
		t.Rows = append(t.Rows, []cell{textCell(label), intCell(row.NewContacts), intCell(row.NewCustomers), intCell(row.Churned)})
	}
	t.Foot = []cell{textCell(s.rt(rc, "report.total")), intCell(total.NewContacts), intCell(total.NewCustomers), intCell(total.Churned)}
	v := reportView{Stats: []stat{
		{Label: s.rt(rc, "report.stat.new_contacts"), Value: groupDigits(itoa(total.NewContacts))},
		{Label: s.rt(rc, "report.stat.new_customers"), Value: groupDigits(itoa(total.NewCustomers))},
		{Label: s.rt(rc, "report.stat.churned"), Value: groupDigits(itoa(total.Churned))},
	}}
	v.Charts = append(v.Charts, lineChart(chart{ID: "growth", Title: s.rt(rc, "report.growth.chart"), Desc: s.rt(rc, "report.growth.chart_desc"),
		Axis: s.rt(rc, "report.col.period"), Labels: labels, Series: []chartSeries{contacts, customers, churned}}, s.rt(rc, "report.data")))
	v.Tables = append(v.Tables, t)
	v.Notes = []string{"report.note.growth"}
	return v, nil
}

func (s *site) activityView(rc reportContext) (reportView, error) {
	rep, err := s.app.ActivityReport(rc.ctx(), request.CurrentUser(rc.r), rc.q)
	if err != nil {
		return reportView{}, err
	}
	types, err := s.app.ActivityTypes(rc.ctx(), request.CurrentUser(rc.r))
	if err != nil {
		return reportView{}, err
	}
	typeName := map[string]string{}
	for _, t := range types {
		typeName[t.ID] = t.Name
		if t.Name == "" {
			typeName[t.ID] = s.rt(rc, "activity.type."+t.ID)
		}
	}
	name := func(id string) string {
		if n := typeName[id]; n != "" {
			return n
		}
		return id
	}
	var labels []string
	series := make([]chartSeries, len(rep.Types))
	for i, id := range rep.Types {
		series[i].Name = name(id)
	}
	weeks := reportTable{Caption: s.rt(rc, "report.activity.table_period"), Head: []string{s.rt(rc, "report.col.period")}}
	people := reportTable{Caption: s.rt(rc, "report.activity.table_user"), Head: []string{s.rt(rc, "report.col.user")}}
	for _, id := range rep.Types {
		weeks.Head = append(weeks.Head, name(id))
		people.Head = append(people.Head, name(id))
	}
	weeks.Head = append(weeks.Head, s.rt(rc, "report.total"))
	people.Head = append(people.Head, s.rt(rc, "report.total"))
	for _, b := range rep.Buckets {
		label := s.bucketLabel(rc.lang, b.Bucket, rc.q.Period.Weekly(), rc.q.Period.Zone)
		labels = append(labels, label)
		row := []cell{textCell(label)}
		for i, id := range rep.Types {
			series[i].Values = append(series[i].Values, float64(b.ByType[id]))
			row = append(row, intCell(b.ByType[id]))
		}
		weeks.Rows = append(weeks.Rows, append(row, intCell(b.Total)))
	}
	var userLabels []string
	userSeries := make([]chartSeries, len(rep.Types))
	for i := range rep.Types {
		userSeries[i].Name = series[i].Name
	}
	for _, u := range rep.Users {
		label := rc.team.Name(u.UserID)
		if label == "" {
			label = s.rt(rc, "report.nobody")
		}
		userLabels = append(userLabels, label)
		row := []cell{textCell(label)}
		for i, id := range rep.Types {
			userSeries[i].Values = append(userSeries[i].Values, float64(u.ByType[id]))
			row = append(row, intCell(u.ByType[id]))
		}
		people.Rows = append(people.Rows, append(row, intCell(u.Total)))
	}
	v := reportView{Stats: []stat{{Label: s.rt(rc, "report.stat.activities"), Value: groupDigits(itoa(rep.Total))}}}
	v.Charts = append(v.Charts,
		columnChart(chart{ID: "activity-period", Title: s.rt(rc, "report.activity.chart_period"), Desc: s.rt(rc, "report.activity.chart_period_desc"),
			Axis: s.rt(rc, "report.col.period"), Labels: labels, Series: series}, s.rt(rc, "report.data")),
		barChart(chart{ID: "activity-user", Title: s.rt(rc, "report.activity.chart_user"), Desc: s.rt(rc, "report.activity.chart_user_desc"),
			Axis: s.rt(rc, "report.col.user"), Labels: userLabels, Series: userSeries}, s.rt(rc, "report.data"), true))
	v.Tables = append(v.Tables, weeks, people)
	return v, nil
}

func (s *site) adoptionView(rc reportContext) (reportView, error) {
	rows, err := s.app.AdoptionReport(rc.ctx(), request.CurrentUser(rc.r), rc.q)
	if err != nil {
		return reportView{}, err
	}
	logins := chartSeries{Name: s.rt(rc, "report.col.logins")}
	created := chartSeries{Name: s.rt(rc, "report.col.created")}
	updated := chartSeries{Name: s.rt(rc, "report.col.updated")}
	var labels []string
	t := reportTable{Caption: s.rt(rc, "report.adoption.table"), Head: []string{s.rt(rc, "report.col.user"), s.rt(rc, "report.col.logins"),
		s.rt(rc, "report.col.created"), s.rt(rc, "report.col.updated"), s.rt(rc, "report.col.tasks_done"), s.rt(rc, "report.col.on_time")}}
	var total app.AdoptionRow
	for _, row := range rows {
		labels = append(labels, row.User.Name)
		logins.Values = append(logins.Values, float64(row.Logins))
		created.Values = append(created.Values, float64(row.Created))
		updated.Values = append(updated.Values, float64(row.Updated))
		total.Logins += row.Logins
		total.Created += row.Created
		total.Updated += row.Updated
		total.TasksDone += row.TasksDone
		total.TasksOnTime += row.TasksOnTime
		t.Rows = append(t.Rows, []cell{textCell(row.User.Name), intCell(row.Logins), intCell(row.Created), intCell(row.Updated),
			intCell(row.TasksDone), percentCell(row.OnTimeRate)})
	}
	onTime := 0.0
	if total.TasksDone > 0 {
		onTime = float64(total.TasksOnTime) * 100 / float64(total.TasksDone)
	}
	t.Foot = []cell{textCell(s.rt(rc, "report.total")), intCell(total.Logins), intCell(total.Created), intCell(total.Updated),
		intCell(total.TasksDone), percentCell(onTime)}
	v := reportView{Stats: []stat{
		{Label: s.rt(rc, "report.stat.logins"), Value: groupDigits(itoa(total.Logins))},
		{Label: s.rt(rc, "report.stat.records"), Value: groupDigits(itoa(total.Created + total.Updated))},
		{Label: s.rt(rc, "report.stat.on_time"), Value: percentText(onTime)},
	}}
	v.Charts = append(v.Charts, barChart(chart{ID: "adoption", Title: s.rt(rc, "report.adoption.chart"), Desc: s.rt(rc, "report.adoption.chart_desc"),
		Axis: s.rt(rc, "report.col.user"), Labels: labels, Series: []chartSeries{logins, created, updated}}, s.rt(rc, "report.data"), false))
	v.Tables = append(v.Tables, t)
	v.Notes = []string{"report.note.adoption"}
	return v, nil
}
