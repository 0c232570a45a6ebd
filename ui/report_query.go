package ui

import (
	"net/http"
	"net/url"
	"time"

	"rolo/app"
)

// reportFilters is the period picker and the filters of a report or the
// dashboard: the values asked for, and the choices to offer. Every
// choice travels in the query string, so a report's URL is a bookmark
// that opens the same view.
type reportFilters struct {
	Period, From, To               string // the period key and a custom period's days
	Pipeline, Owner, Tag, Source   string
	Segment                        string
	By                             string // the win rate report's breakdown
	Periods                        []string
	Pipelines                      []option
	Owners                         []option // empty for those who see only their own
	Tags                           []option
	Sources                        []string
	Segments                       []option // contact and deal segments
	ShowPipeline, ShowTag, ShowSrc bool
	Query                          string // the filters as a query string, for links and the CSV
}

// option is one choice of a select.
type option struct {
	Value, Label string
}

// reportQuery reads the period and filters from the request; the period
// is resolved in the reader's zone at the app's clock.
func (s *site) reportQuery(r *http.Request, now time.Time) (app.ReportQuery, reportFilters, error) {
	v := r.URL.Query()
	f := reportFilters{Period: v.Get("period"), From: v.Get("from"), To: v.Get("to"), Pipeline: v.Get("pipeline"),
		Owner: v.Get("owner"), Tag: v.Get("tag"), Source: v.Get("source"), Segment: v.Get("segment"), By: v.Get("by"), Periods: app.Periods}
	user := currentUser(r)
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

// loadChoices fills the selects: pipelines, owners (for managers and
// admins), tags and sources.
func (s *site) loadChoices(r *http.Request, lang string, f *reportFilters) error {
	ctx, user := r.Context(), currentUser(r)
	pipelines, err := s.app.Pipelines(ctx, user)
	if err != nil {
		return err
	}
	for _, p := range pipelines {
		f.Pipelines = append(f.Pipelines, option{p.ID, s.pipelineName(lang, p)})
	}
	if app.CanSeeTeam(user) {
		team, err := s.app.Team(ctx, user)
		if err != nil {
			return err
		}
		f.Owners = []option{{"", s.catalog.T(lang, "report.owner.me")}, {"team", s.catalog.T(lang, "report.owner.team")}}
		for _, u := range team {
			if !u.Disabled && u.ID != user.ID {
				f.Owners = append(f.Owners, option{u.ID, u.Name})
			}
		}
	}
	tags, err := s.app.Tags(ctx, user)
	if err != nil {
		return err
	}
	for _, t := range tags {
		f.Tags = append(f.Tags, option{t.ID, t.Name})
	}
	if f.Sources, err = s.app.ReportSources(ctx, user); err != nil {
		return err
	}
	segments, err := s.app.Segments(ctx, user, "")
	if err != nil {
		return err
	}
	for _, seg := range segments {
		if seg.Entity == "contact" || seg.Entity == "deal" {
			f.Segments = append(f.Segments, option{seg.ID, s.catalog.T(lang, "report.segment."+seg.Entity, seg.Name)})
		}
	}
	return nil
}

// filterForm is what the reportFilters partial draws: the form's target,
// the values, and which filters the report understands.
type filterForm struct {
	Action       string
	F            reportFilters
	Errors       map[string]string
	ShowPipeline bool
	ShowTag      bool // tag and source: reports on deals and contacts
	ShowBy       bool
	ByOptions    []string
}

// formFor tells which filters a report takes.
func formFor(action, name string, f reportFilters, errs map[string]string) filterForm {
	form := filterForm{Action: action, F: f, Errors: errs}
	switch name {
	case "pipeline", "funnel", "time", "win_rate", "dashboard":
		form.ShowPipeline, form.ShowTag = true, true
	case "sources", "growth":
		form.ShowTag = true
	}
	if name == "win_rate" {
		form.ShowBy, form.ByOptions = true, app.WinRateGroupings
		if form.F.By == "" {
			form.F.By = "owner"
		}
	}
	return form
}
