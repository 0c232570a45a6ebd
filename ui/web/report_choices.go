package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// loadChoices fills the selects: pipelines, owners (for managers and
// admins), tags and sources.
func (s *site) loadChoices(r *http.Request, lang string, f *request.ReportFilters) error {
	ctx, user := r.Context(), request.CurrentUser(r)
	pipelines, err := s.app.Pipelines(ctx, user)
	if err != nil {
		return err
	}
	for _, p := range pipelines {
		f.Pipelines = append(f.Pipelines, request.Option{Value: p.ID, Label: s.catalog.PipelineName(lang, p)})
	}
	if app.CanSeeTeam(user) {
		team, err := s.app.Team(ctx, user)
		if err != nil {
			return err
		}
		f.Owners = []request.Option{{Value: "", Label: s.catalog.T(lang, "report.owner.me")}, {Value: "team", Label: s.catalog.T(lang, "report.owner.team")}}
		for _, u := range team {
			if !u.Disabled && u.ID != user.ID {
				f.Owners = append(f.Owners, request.Option{Value: u.ID, Label: u.Name})
			}
		}
	}
	tags, err := s.app.Tags(ctx, user)
	if err != nil {
		return err
	}
	for _, t := range tags {
		f.Tags = append(f.Tags, request.Option{Value: t.ID, Label: t.Name})
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
			f.Segments = append(f.Segments, request.Option{Value: seg.ID, Label: s.catalog.T(lang, "report.segment."+seg.Entity, seg.Name)})
		}
	}
	return nil
}

// filterForm is what the reportFilters partial draws: the form's target,
// the values, and which filters the report understands.
type filterForm struct {
	Action       string
	F            request.ReportFilters
	Errors       map[string]string
	ShowPipeline bool
	ShowTag      bool // tag and source: reports on deals and contacts
	ShowBy       bool
	ByOptions    []string
}

// formFor tells which filters a report takes.
func formFor(action, name string, f request.ReportFilters, errs map[string]string) filterForm {
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
