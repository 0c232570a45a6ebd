package web

import (
	"net/http"
	"slices"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// reportPage is one report with its period picker and filters.
type reportPage struct {
	Base
	Name       string
	Names      []string
	Filters    request.ReportFilters
	View       reportView
	Errors     map[string]string
	CSVURL     string
	PeriodText string
	CanTeam    bool
	Form       filterForm
}

// buildReport runs the named report for the request's period and filters.
func (s *site) buildReport(r *http.Request, lang, name string) (reportView, request.ReportFilters, error) {
	q, f, err := request.ParseReportQuery(r, s.app.Now())
	if err != nil {
		return reportView{}, f, err
	}
	team, err := s.recordTeam(r)
	if err != nil {
		return reportView{}, f, err
	}
	rc := reportContext{r: r, lang: lang, q: q, f: f, team: team, currency: s.app.HomeCurrency(r.Context())}
	build := map[string]func(reportContext) (reportView, error){
		"pipeline": s.pipelineView, "funnel": s.funnelView, "win_rate": s.winRateView, "time": s.timeView,
		"sources": s.sourcesView, "growth": s.growthView, "activity": s.activityView, "adoption": s.adoptionView,
	}[name]
	v, err := build(rc)
	return v, f, err
}

// handleReport shows a report.
func handleReport(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := mux.Vars(r)["name"]
		if !slices.Contains(request.ReportNames, name) {
			writeNotFound(w, r, s)
			return
		}
		b := s.base(w, r, "report."+name+".title")
		page := reportPage{Base: b, Name: name, Names: request.ReportNames, CanTeam: app.CanSeeTeam(b.User)}
		view, filters, err := s.buildReport(r, b.Lang, name)
		page.Filters = filters
		status := http.StatusOK
		if err != nil {
			if app.ErrorCode(err) != app.EInvalid {
				s.views.renderError(w, r, b, err)
				return
			}
			page.Errors, status = fieldErrors(err), http.StatusUnprocessableEntity
		}
		page.View = view
		if err := s.loadChoices(r, b.Lang, &page.Filters); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.Form = formFor(s.recordPath("report", "name", name), name, page.Filters, page.Errors)
		page.CSVURL = s.recordPath("report.csv", "name", name) + "?" + page.Filters.Query
		page.PeriodText = s.periodText(b.Lang, r)
		s.views.render(w, r, status, "report", b.Lang, page)
	})
}

// periodText names the period of the request in words: "1 Nov 2026 – 30
// Nov 2026".
func (s *site) periodText(lang string, r *http.Request) string {
	q, _, err := request.ParseReportQuery(r, s.app.Now())
	if err != nil {
		return ""
	}
	format := s.catalog.T(lang, "format.date")
	return q.Period.From.In(q.Period.Zone).Format(format) + " – " + q.Period.To.In(q.Period.Zone).AddDate(0, 0, -1).Format(format)
}
