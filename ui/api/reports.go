package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// The reports and the dashboard as JSON: the same app calls as the pages,
// with the same period and filters in the query string, answering the
// numbers their charts and tables draw. Money is in the currency's minor
// units, never added across currencies; rates are per cent.

type moneyJSON struct {
	Value    int64  `json:"value"`
	Currency string `json:"currency"`
}

func moneyList(list []app.Money) []moneyJSON {
	out := make([]moneyJSON, len(list))
	for i, m := range list {
		out[i] = moneyJSON{m.Value, m.Currency}
	}
	return out
}

type periodJSON struct {
	Key  string    `json:"key"`
	From time.Time `json:"from"`
	To   time.Time `json:"to"` // excluded
}

func periodOf(p app.Period) periodJSON { return periodJSON{Key: p.Key, From: p.From, To: p.To} }

// reportJSON is the envelope of every report.
type reportJSON struct {
	Report  string     `json:"report"`
	Period  periodJSON `json:"period"`
	Filters string     `json:"filters"` // the query string that reopens this view (HTML page, CSV)
	Data    any        `json:"data"`
}

type nameRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type bucketJSON struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

type winRateJSON struct {
	Key     string      `json:"key,omitempty"`
	Bucket  *bucketJSON `json:"bucket,omitempty"`
	Won     int         `json:"won"`
	Lost    int         `json:"lost"`
	Rate    float64     `json:"rate"`
	Value   []moneyJSON `json:"value"`
	Average []moneyJSON `json:"average"`
}

func winRateOf(row app.WinRateRow) winRateJSON {
	out := winRateJSON{Key: row.Key, Won: row.Won, Lost: row.Lost, Rate: row.Rate, Value: moneyList(row.Value), Average: moneyList(row.Average)}
	if !row.Bucket.From.IsZero() {
		out.Bucket = &bucketJSON{row.Bucket.From, row.Bucket.To}
	}
	return out
}

// reportData runs one report for the request and shapes its numbers.
func (s *apiSite) reportData(r *http.Request, name string, q app.ReportQuery, f request.ReportFilters) (any, error) {
	ctx, user := r.Context(), request.CurrentUser(r)
	lang := s.catalog.Language(r, user)
	stage := func(st app.Stage) nameRef { return nameRef{st.ID, s.catalog.StageName(lang, st)} }
	pipeline := func(p app.Pipeline) nameRef { return nameRef{p.ID, s.catalog.PipelineName(lang, p)} }
	switch name {
	case "pipeline":
		rep, err := s.app.PipelineReport(ctx, user, q)
		type row struct {
			Stage       nameRef     `json:"stage"`
			Probability int         `json:"probability"`
			Count       int         `json:"count"`
			Value       []moneyJSON `json:"value"`
			Weighted    []moneyJSON `json:"weighted"`
		}
		rows := []row{}
		for _, st := range rep.Stages {
			rows = append(rows, row{stage(st.Stage), st.Stage.Probability, st.Count, moneyList(st.Value), moneyList(st.Weighted)})
		}
		return map[string]any{"pipeline": pipeline(rep.Pipeline), "stages": rows,
			"count": rep.Count, "value": moneyList(rep.Value), "weighted": moneyList(rep.Weighted)}, err
	case "funnel":
		rep, err := s.app.FunnelReport(ctx, user, q)
		type step struct {
			Stage      nameRef `json:"stage"`
			Reached    int     `json:"reached"`
			Next       int     `json:"next"`
			Conversion float64 `json:"conversion"`
			DropOff    int     `json:"drop_off"`
		}
		steps := []step{}
		for _, st := range rep.Steps {
			steps = append(steps, step{stage(st.Stage), st.Reached, st.Next, st.Conversion, st.DropOff})
		}
		return map[string]any{"pipeline": pipeline(rep.Pipeline), "cohort": rep.Cohort,
			"steps": steps, "won": rep.Won, "lost": rep.Lost, "win_rate": rep.WinRate}, err
	case "win_rate":
		rep, err := s.app.WinRateReport(ctx, user, q, f.By)
		rows := []winRateJSON{}
		for _, row := range rep.Rows {
			rows = append(rows, winRateOf(row))
		}
		return map[string]any{"by": rep.By, "rows": rows, "total": winRateOf(rep.Total)}, err
	case "time":
		rep, err := s.app.TimeReport(ctx, user, q)
		type row struct {
			Stage   nameRef `json:"stage"`
			Count   int     `json:"count"`
			AvgDays float64 `json:"avg_days"`
		}
		rows := []row{}
		for _, st := range rep.Stages {
			rows = append(rows, row{stage(st.Stage), st.Count, st.AvgDays})
		}
		return map[string]any{"pipeline": pipeline(rep.Pipeline), "won": rep.Won,
			"won_avg_days": rep.WonAvgDays, "lost": rep.Lost, "lost_avg_days": rep.LostAvgDays, "stages": rows}, err
	case "sources":
		list, err := s.app.SourcesReport(ctx, user, q)
		type row struct {
			Source   string      `json:"source"`
			Contacts int         `json:"contacts"`
			Won      int         `json:"won"`
			Value    []moneyJSON `json:"value"`
		}
		rows := []row{}
		for _, x := range list {
			rows = append(rows, row{x.Source, x.Contacts, x.Won, moneyList(x.Value)})
		}
		return map[string]any{"rows": rows}, err
	case "growth":
		list, err := s.app.GrowthReport(ctx, user, q)
		type row struct {
			bucketJSON
			NewContacts  int `json:"new_contacts"`
			NewCustomers int `json:"new_customers"`
			Churned      int `json:"churned"`
		}
		rows := []row{}
		for _, x := range list {
			rows = append(rows, row{bucketJSON{x.Bucket.From, x.Bucket.To}, x.NewContacts, x.NewCustomers, x.Churned})
		}
		return map[string]any{"rows": rows}, err
	case "activity":
		rep, err := s.app.ActivityReport(ctx, user, q)
		type bucket struct {
			bucketJSON
			ByType map[string]int `json:"by_type"`
			Total  int            `json:"total"`
		}
		type person struct {
			UserID string         `json:"user_id"`
			ByType map[string]int `json:"by_type"`
			Total  int            `json:"total"`
		}
		buckets, people := []bucket{}, []person{}
		for _, b := range rep.Buckets {
			buckets = append(buckets, bucket{bucketJSON{b.Bucket.From, b.Bucket.To}, b.ByType, b.Total})
		}
		for _, u := range rep.Users {
			people = append(people, person{u.UserID, u.ByType, u.Total})
		}
		return map[string]any{"types": append([]string{}, rep.Types...), "buckets": buckets, "users": people, "total": rep.Total}, err
	case "adoption":
		list, err := s.app.AdoptionReport(ctx, user, q)
		type row struct {
			UserID      string  `json:"user_id"`
			Name        string  `json:"name"`
			Logins      int     `json:"logins"`
			Created     int     `json:"created"`
			Updated     int     `json:"updated"`
			TasksDone   int     `json:"tasks_done"`
			TasksOnTime int     `json:"tasks_on_time"`
			OnTimeRate  float64 `json:"on_time_rate"`
		}
		rows := []row{}
		for _, x := range list {
			out := row{Logins: x.Logins, Created: x.Created, Updated: x.Updated, TasksDone: x.TasksDone, TasksOnTime: x.TasksOnTime, OnTimeRate: x.OnTimeRate}
			if x.User != nil {
				out.UserID, out.Name = x.User.ID, x.User.Name
			}
			rows = append(rows, out)
		}
		return map[string]any{"rows": rows}, err
	}
	return nil, &app.Error{Code: app.ENotFound, Message: "error.not_found"}
}

// handleAPIReport answers GET /api/v1/reports/{name}.
func handleAPIReport(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaReports, app.LevelView) {
			return
		}
		name := mux.Vars(r)["name"]
		if !slices.Contains(request.ReportNames, name) {
			writeAPIError(w, r, s, errAPINotFound)
			return
		}
		q, f, err := request.ParseReportQuery(r, s.app.Now())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		data, err := s.reportData(r, name, q, f)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, reportJSON{Report: name, Period: periodOf(q.Period), Filters: f.Query, Data: data})
	})
}

// handleAPIDashboard answers GET /api/v1/dashboard: the reader's numbers,
// or the team's with owner=team (managers and admins).
func handleAPIDashboard(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaReports, app.LevelView) {
			return
		}
		q, f, err := request.ParseReportQuery(r, s.app.Now())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		d, err := s.app.Dashboard(r.Context(), request.CurrentUser(r), q)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		type month struct {
			Month    string      `json:"month"` // YYYY-MM of the expected close, "" for none
			Count    int         `json:"count"`
			Value    []moneyJSON `json:"value"`
			Weighted []moneyJSON `json:"weighted"`
		}
		forecast := []month{}
		for _, m := range d.Forecast {
			forecast = append(forecast, month{m.Month, m.Count, moneyList(m.Value), moneyList(m.Weighted)})
		}
		goals := []goalJSON{}
		for _, g := range d.Goals {
			goals = append(goals, s.goalOf(r, g))
		}
		request.Encode(w, http.StatusOK, map[string]any{"period": periodOf(d.Period), "previous": periodOf(d.Previous), "filters": f.Query,
			"open_count": d.OpenCount, "open": moneyList(d.Open), "weighted": moneyList(d.Weighted), "forecast": forecast,
			"won": winRateOf(d.Won), "won_before": winRateOf(d.WonBefore), "tasks_overdue": d.TasksOverdue,
			"new_contacts": d.NewContacts, "new_contacts_before": d.NewContactsPrior,
			"activities": d.Activities, "activities_before": d.ActivitiesPrior, "goals": goals})
	})
}
