package request

import (
	"net/http"
	"net/url"
	"time"

	"rolo/app"
)

// ReportFilters is the period picker and the filters of a report or the
// dashboard: the values asked for, and the choices to offer. Every
// choice travels in the query string, so a report's URL is a bookmark
// that opens the same view.
type ReportFilters struct {
	Period, From, To               string // the period key and a custom period's days
	Pipeline, Owner, Tag, Source   string
	Segment                        string
	By                             string // the win rate report's breakdown
	Periods                        []string
	Pipelines                      []Option
	Owners                         []Option // empty for those who see only their own
	Tags                           []Option
	Sources                        []string
	Segments                       []Option // contact and deal segments
	ShowPipeline, ShowTag, ShowSrc bool
	Query                          string // the filters as a query string, for links and the CSV
}

// Option is one choice of a select.
type Option struct {
	Value, Label string
}

// reportQuery reads the period and filters from the request; the period
// is resolved in the reader's zone at the app's clock.
func ParseReportQuery(r *http.Request, now time.Time) (app.ReportQuery, ReportFilters, error) {
	v := r.URL.Query()
	f := ReportFilters{Period: v.Get("period"), From: v.Get("from"), To: v.Get("to"), Pipeline: v.Get("pipeline"),
		Owner: v.Get("owner"), Tag: v.Get("tag"), Source: v.Get("source"), Segment: v.Get("segment"), By: v.Get("by"), Periods: app.Periods}
	user := CurrentUser(r)
	period, err := app.NewPeriod(f.Period, f.From, f.To, now, app.Location(user))
	if err != nil {
		return app.ReportQuery{}, f, err
	}
	f.Period = period.Key
	if f.Period == "custom" {
		f.From, f.To = period.From.Format(time.DateOnly), period.To.AddDate(0, 0, -1).Format(time.DateOnly)
	} else {
		f.From, f.To = "", ""
	}
	if !app.CanSeeTeam(user) && f.Owner != "" && f.Owner != "me" && f.Owner != user.ID {
		return app.ReportQuery{}, f, &app.Error{Code: app.EForbidden, Message: "error.forbidden"}
	}
	q := app.ReportQuery{Period: period, PipelineID: f.Pipeline, Owner: f.Owner, TagID: f.Tag, Source: f.Source, SegmentID: f.Segment}
	keep := url.Values{}
	for k, val := range map[string]string{"period": f.Period, "from": f.From, "to": f.To, "pipeline": f.Pipeline,
		"owner": f.Owner, "tag": f.Tag, "source": f.Source, "segment": f.Segment, "by": f.By} {
		if val != "" {
			keep.Set(k, val)
		}
	}
	f.Query = keep.Encode()
	return q, f, nil
}

// Reports lists the report names in the order the reports menu shows.
var ReportNames = []string{"pipeline", "funnel", "win_rate", "time", "sources", "growth", "activity", "adoption"}
