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

// homeMoneyJSON is a total in the home currency: total, the amounts it
// was added from per currency (converted), and the amounts in currencies
// without a rate, which are not in total (no_rate).
type homeMoneyJSON struct {
	Total     moneyJSON   `json:"total"`
	Converted []moneyJSON `json:"converted"`
	NoRate    []moneyJSON `json:"no_rate"`
}

func homeMoneyOf(h app.HomeMoney) homeMoneyJSON {
	return homeMoneyJSON{Total: moneyJSON{h.Total.Value, h.Total.Currency}, Converted: moneyList(h.Converted), NoRate: moneyList(h.NoRate)}
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
	// In the home currency, each deal at the rate of its close date.
	ValueHome   homeMoneyJSON `json:"value_home"`
	AverageHome homeMoneyJSON `json:"average_home"`
}

func winRateOf(row app.WinRateRow) winRateJSON {
	out := winRateJSON{Key: row.Key, Won: row.Won, Lost: row.Lost, Rate: row.Rate, Value: moneyList(row.Value), Average: moneyList(row.Average),
		ValueHome: homeMoneyOf(row.ValueHome), AverageHome: homeMoneyOf(row.AverageHome)}
	if !row.Bucket.From.IsZero() {
		out.Bucket = &bucketJSON{row.Bucket.From, row.Bucket.To}
	}
	return out
}

// reportData runs one report for the request and shapes its numbers
// (report_json.go has the shapes).
func (s *apiSite) reportData(r *http.Request, name string, q app.ReportQuery, f request.ReportFilters) (any, error) {
	ctx, user := r.Context(), request.CurrentUser(r)
	lang := s.catalog.Language(r, user)
	stage := func(st app.Stage) nameRef { return nameRef{st.ID, s.catalog.StageName(lang, st)} }
	pipeline := func(p app.Pipeline) nameRef { return nameRef{p.ID, s.catalog.PipelineName(lang, p)} }
	switch name {
	case "pipeline":
		rep, err := s.app.PipelineReport(ctx, user, q)
		out := pipelineReportJSON{Pipeline: pipeline(rep.Pipeline), Stages: []pipelineStageJSON{}, Count: rep.Count, Value: moneyList(rep.Value), Weighted: moneyList(rep.Weighted),
			ValueHome: homeMoneyOf(rep.ValueHome), WeightedHome: homeMoneyOf(rep.WeightedHome)}
		for _, st := range rep.Stages {
			out.Stages = append(out.Stages, pipelineStageJSON{stage(st.Stage), st.Stage.Probability, st.Count, moneyList(st.Value), moneyList(st.Weighted),
				homeMoneyOf(st.ValueHome), homeMoneyOf(st.WeightedHome)})
		}
		return out, err
	case "funnel":
		rep, err := s.app.FunnelReport(ctx, user, q)
		out := funnelReportJSON{Pipeline: pipeline(rep.Pipeline), Cohort: rep.Cohort, Steps: []funnelStepJSON{}, Won: rep.Won, Lost: rep.Lost, WinRate: rep.WinRate}
		for _, st := range rep.Steps {
			out.Steps = append(out.Steps, funnelStepJSON{stage(st.Stage), st.Reached, st.Next, st.Conversion, st.DropOff})
		}
		return out, err
	case "win_rate":
		rep, err := s.app.WinRateReport(ctx, user, q, f.By)
		out := winRateReportJSON{By: rep.By, Rows: []winRateJSON{}, Total: winRateOf(rep.Total)}
		for _, row := range rep.Rows {
			out.Rows = append(out.Rows, winRateOf(row))
		}
		return out, err
	case "time":
		rep, err := s.app.TimeReport(ctx, user, q)
		out := timeReportJSON{Pipeline: pipeline(rep.Pipeline), Won: rep.Won, WonAvgDays: rep.WonAvgDays, Lost: rep.Lost, LostAvgDays: rep.LostAvgDays, Stages: []timeStageJSON{}}
		for _, st := range rep.Stages {
			out.Stages = append(out.Stages, timeStageJSON{stage(st.Stage), st.Count, st.AvgDays})
		}
		return out, err
	case "sources":
		list, err := s.app.SourcesReport(ctx, user, q)
		out := sourcesReportJSON{Rows: []sourceRowJSON{}}
		for _, x := range list {
			out.Rows = append(out.Rows, sourceRowJSON{x.Source, x.Contacts, x.Won, moneyList(x.Value), homeMoneyOf(x.ValueHome)})
		}
		return out, err
	case "growth":
		list, err := s.app.GrowthReport(ctx, user, q)
		out := growthReportJSON{Rows: []growthRowJSON{}}
		for _, x := range list {
			out.Rows = append(out.Rows, growthRowJSON{bucketJSON{x.Bucket.From, x.Bucket.To}, x.NewContacts, x.NewCustomers, x.Churned})
		}
		return out, err
	case "activity":
		rep, err := s.app.ActivityReport(ctx, user, q)
		out := activityReportJSON{Types: append([]string{}, rep.Types...), Buckets: []activityBucketJSON{}, Users: []activityUserJSON{}, Total: rep.Total}
		for _, b := range rep.Buckets {
			out.Buckets = append(out.Buckets, activityBucketJSON{bucketJSON{b.Bucket.From, b.Bucket.To}, countsOf(b.ByType), b.Total})
		}
		for _, u := range rep.Users {
			out.Users = append(out.Users, activityUserJSON{u.UserID, countsOf(u.ByType), u.Total})
		}
		return out, err
	case "adoption":
		list, err := s.app.AdoptionReport(ctx, user, q)
		out := adoptionReportJSON{Rows: []adoptionRowJSON{}}
		for _, x := range list {
			row := adoptionRowJSON{Logins: x.Logins, Created: x.Created, Updated: x.Updated, TasksDone: x.TasksDone, TasksOnTime: x.TasksOnTime, OnTimeRate: x.OnTimeRate}
			if x.User != nil {
				row.UserID, row.Name = x.User.ID, x.User.Name
			}
			out.Rows = append(out.Rows, row)
		}
		return out, err
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
		out := dashboardJSON{Period: periodOf(d.Period), Previous: periodOf(d.Previous), Filters: f.Query,
			OpenCount: d.OpenCount, Open: moneyList(d.Open), Weighted: moneyList(d.Weighted), Forecast: []forecastMonthJSON{},
			OpenHome: homeMoneyOf(d.OpenHome), WeightedHome: homeMoneyOf(d.WeightedHome),
			Won: winRateOf(d.Won), WonBefore: winRateOf(d.WonBefore), TasksOverdue: d.TasksOverdue,
			NewContacts: d.NewContacts, NewContactsBefore: d.NewContactsPrior,
			Activities: d.Activities, ActivitiesBefore: d.ActivitiesPrior, Goals: []goalJSON{}}
		for _, m := range d.Forecast {
			out.Forecast = append(out.Forecast, forecastMonthJSON{m.Month, m.Count, moneyList(m.Value), moneyList(m.Weighted), homeMoneyOf(m.ValueHome), homeMoneyOf(m.WeightedHome)})
		}
		for _, g := range d.Goals {
			out.Goals = append(out.Goals, s.goalOf(r, g))
		}
		request.Encode(w, http.StatusOK, out)
	})
}
