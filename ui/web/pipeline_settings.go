package web

import (
	"net/http"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// requireManagerPage refuses pipeline settings to everyone but admins and
// managers. The app checks the role again on every action.
func requireManagerPage(s *site) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !app.CanManagePipelines(request.CurrentUser(r)) {
				s.views.renderError(w, r, s.base(w, r, "error.title"), &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// pipelinesPage lists the pipelines to rename, reorder, archive and delete,
// with the form for a new one and the deal settings.
type pipelinesPage struct {
	Base
	Pipelines []pipelineRow
	Trashed   []pipelineRow
	// Errors holds field problems by form: "new", "deals", or a pipeline id.
	Errors      map[string]map[string]string
	Open        string // the id of the pipeline whose delete form is open
	NewName     string
	NewStages   string // one stage name per line
	Currency    string
	LostReasons string // one per line
	Currencies  []string
}

// pipelineRow is one pipeline in the settings list.
type pipelineRow struct {
	ID       string
	Name     string
	Archived bool
	Stages   int
	Deals    int
	Moves    []kindTargets // where its deals go when it is deleted, per kind
	Deleted  string        // when trashed: who and when, shown as text
	First    bool
	Last     bool
}

// kindTargets are the stages deals of one kind may move to.
type kindTargets struct {
	Kind    string
	Deals   int
	Targets []stageChoice
}

// handlePipelineSettings shows the pipeline settings page.
func handlePipelineSettings(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderPipelines(w, r, http.StatusOK, pipelinesPage{Base: s.base(w, r, "pipelines.title")})
	})
}

func (s *site) renderPipelines(w http.ResponseWriter, r *http.Request, status int, page pipelinesPage) {
	ctx, user, lang := r.Context(), request.CurrentUser(r), page.Lang
	list, err := s.app.Pipelines(ctx, user)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	for i, p := range list {
		row := pipelineRow{ID: p.ID, Name: s.catalog.PipelineName(lang, p), Archived: p.Archived(), Stages: len(p.Stages), First: i == 0, Last: i == len(list)-1}
		counts, err := s.app.StageDealCounts(ctx, user, p.ID)
		if err != nil {
			s.views.renderError(w, r, page.Base, err)
			return
		}
		for _, kind := range app.StageKinds {
			kt := kindTargets{Kind: kind}
			for _, st := range p.Stages {
				if st.Kind == kind {
					kt.Deals += counts[st.ID]
				}
			}
			if kt.Deals == 0 {
				continue
			}
			row.Deals += kt.Deals
			for _, other := range list {
				if other.ID == p.ID || other.Archived() {
					continue
				}
				for _, st := range other.Stages {
					if st.Kind == kind && !st.Archived() {
						kt.Targets = append(kt.Targets, stageChoice{ID: st.ID, Name: s.catalog.PipelineName(lang, other) + " › " + s.catalog.StageName(lang, st), Kind: kind})
					}
				}
			}
			row.Moves = append(row.Moves, kt)
		}
		page.Pipelines = append(page.Pipelines, row)
	}
	trashed, err := s.app.TrashedPipelines(ctx, user)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	for _, p := range trashed {
		page.Trashed = append(page.Trashed, pipelineRow{ID: p.ID, Name: s.catalog.PipelineName(lang, p), Stages: len(p.Stages),
			Deleted: s.catalog.FormatTime(lang, p.DeletedAt)})
	}
	if page.Errors == nil {
		page.Errors = map[string]map[string]string{}
	}
	if page.Errors["new"] == nil {
		var names []string
		for _, key := range []string{"first_outreach", "qualifying_call", "demo", "proposal", "contract_review"} {
			names = append(names, s.catalog.T(lang, "pipeline.default."+key))
		}
		page.NewStages = strings.Join(names, "\n")
	}
	if page.Errors["deals"] == nil {
		page.Currency = s.app.DefaultCurrency(ctx)
		page.LostReasons = strings.Join(s.lostReasons(r, lang), "\n")
	}
	page.Currencies = currencyChoices
	s.views.render(w, r, status, "pipelines", lang, page)
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// pipelineFailed shows the settings page again with err's problems under
// form, or an error page when err is not about fields.
func (s *site) pipelineFailed(w http.ResponseWriter, r *http.Request, b Base, form string, err error, page pipelinesPage) {
	fields := fieldErrors(err)
	if fields == nil {
		if e := app.AsError(err); e.Code == app.EConflict {
			fields = map[string]string{"": e.Message} // a rule, not a field: shown at the form
		} else {
			s.views.renderError(w, r, b, err)
			return
		}
	}
	page.Base = b
	page.Errors = map[string]map[string]string{form: fields}
	s.renderPipelines(w, r, http.StatusUnprocessableEntity, page)
}
