package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// pipelinePage is one pipeline's stages, to edit.
type pipelinePage struct {
	Base
	Pipeline pipelineTab
	Stages   []stageRow
	Trashed  []stageRow
	Kinds    []string
	// Errors holds field problems by form: "new" or a stage id; Entered
	// what was typed there, so a refused form keeps it.
	Errors  map[string]map[string]string
	Entered map[string]stageValues
	Open    string // the stage whose delete form is open
}

// stageRow is one stage in the editor.
type stageRow struct {
	ID      string
	Values  stageValues
	Builtin bool // named by the catalog, so shown in each reader's language
	Deals   int
	Targets []stageChoice
	First   bool
	Last    bool
	Deleted string
}

// stageValues are a stage form's fields as text.
type stageValues struct {
	Name        string
	Probability string
	RotDays     string
	Kind        string
	Archived    bool
}

func handlePipelineEdit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderPipeline(w, r, http.StatusOK, pipelinePage{Base: s.base(w, r, "pipelines.title")}, mux.Vars(r)["id"])
	})
}

func (s *site) renderPipeline(w http.ResponseWriter, r *http.Request, status int, page pipelinePage, id string) {
	ctx, user, lang := r.Context(), request.CurrentUser(r), page.Lang
	p, err := s.app.Pipeline(ctx, user, id)
	if err == nil && p.Trashed() {
		err = &app.Error{Code: app.ENotFound, Message: "error.pipeline_not_found"}
	}
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	counts, err := s.app.StageDealCounts(ctx, user, id)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Pipeline = pipelineTab{ID: p.ID, Name: s.catalog.PipelineName(lang, p), Archived: p.Archived()}
	page.Kinds = app.StageKinds
	for i, st := range p.Stages {
		row := stageRow{ID: st.ID, Builtin: st.Name == "" && st.NameKey != "", Deals: counts[st.ID], First: i == 0, Last: i == len(p.Stages)-1}
		row.Values = valuesOf(s.catalog.StageName(lang, st), st)
		if entered, ok := page.Entered[st.ID]; ok {
			row.Values = entered
		}
		for _, other := range p.Stages {
			if other.ID != st.ID && other.Kind == st.Kind && !other.Archived() {
				row.Targets = append(row.Targets, stageChoice{ID: other.ID, Name: s.catalog.StageName(lang, other), Kind: other.Kind})
			}
		}
		page.Stages = append(page.Stages, row)
	}
	trashed, err := s.app.TrashedStages(ctx, user, id)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	for _, st := range trashed {
		page.Trashed = append(page.Trashed, stageRow{ID: st.ID, Values: valuesOf(s.catalog.StageName(lang, st), st), Deleted: s.catalog.FormatTime(lang, st.DeletedAt)})
	}
	if page.Errors == nil {
		page.Errors = map[string]map[string]string{}
	}
	if _, ok := page.Entered["new"]; !ok {
		if page.Entered == nil {
			page.Entered = map[string]stageValues{}
		}
		page.Entered["new"] = stageValues{Probability: "50", Kind: "open"}
	}
	s.views.render(w, r, status, "pipeline", lang, page)
}

func valuesOf(name string, st app.Stage) stageValues {
	v := stageValues{Name: name, Probability: strconv.Itoa(st.Probability), Kind: st.Kind, Archived: st.Archived()}
	if st.RotDays > 0 {
		v.RotDays = strconv.Itoa(st.RotDays)
	}
	return v
}

// readStageValues reads a posted stage form; numbers that are not
// numbers become -1, which the app refuses with its own message.
func readStageValues(r *http.Request) (stageValues, app.StageInput) {
	v := stageValues{Name: r.PostForm.Get("name"), Probability: r.PostForm.Get("probability"), RotDays: r.PostForm.Get("rot_days"), Kind: r.PostForm.Get("kind")}
	in := app.StageInput{Name: v.Name, Kind: v.Kind}
	number := func(s string) int {
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return -1
		}
		return n
	}
	in.Probability, in.RotDays = number(v.Probability), number(v.RotDays)
	return v, in
}

// stageFailed shows the pipeline page again with err's problems at the
// form it came from, or an error page when err is not about fields.
func (s *site) stageFailed(w http.ResponseWriter, r *http.Request, b Base, pipelineID, form string, err error, page pipelinePage) {
	fields := fieldErrors(err)
	if fields == nil {
		if e := app.AsError(err); e.Code == app.EConflict {
			fields = map[string]string{"": e.Message}
		} else {
			s.views.renderError(w, r, b, err)
			return
		}
	}
	page.Base = b
	page.Errors = map[string]map[string]string{form: fields}
	s.renderPipeline(w, r, http.StatusUnprocessableEntity, page, pipelineID)
}
