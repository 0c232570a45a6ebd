package web

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"sort"

	"github.com/gorilla/mux"

	"rolo/app"
)

// migratePreviewPage is the plan of a whole-CRM migration, before
// anything is written: the files read, what each kind will bring, the
// pipelines and stages to create (each may be mapped onto an existing
// stage instead), the export's owners and the users they go to, and
// every problem by file and line.
type migratePreviewPage struct {
	Base
	Token     string
	Source    string
	FileName  string
	Report    app.MigrationReport
	Read      []app.MigrationFileReport // the files recognised
	Ignored   []app.MigrationFileReport // the files left aside
	Counts    []migrationKindCount
	Pipelines []migrationPipelineRow
	Owners    []migrationOwnerRow
	Existing  []pipelineChoice // the stages a stage of the export may go to
	Team      []*app.User
	ToCreate  int                    // stages the migration would create
	Problems  []app.MigrationProblem // the report's, each naming its file without the zip's folders
	Warnings  []app.MigrationProblem
	Error     string
	// ErrorFields are the mappings the engine refused, each a field
	// ("owners.Sam Rivera") and a catalog key.
	ErrorFields []fieldProblem
}

type fieldProblem struct{ Field, Message string }

// maxMappingForm bounds the preview form: three fields per stage and
// owner of the export, more than parseForm's bound for one record.
const maxMappingForm = 1 << 20

// parseMappingForm reads the preview form's stages and owners.
func parseMappingForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxMappingForm)
	if err := r.ParseForm(); err != nil {
		return &app.Error{Code: app.EInvalid, Message: "error.form_unreadable"}
	}
	return nil
}

// refusedMappings lists the fields of an invalid error, in order.
func refusedMappings(e *app.Error) []fieldProblem {
	var out []fieldProblem
	for field, key := range e.Fields {
		out = append(out, fieldProblem{Field: field, Message: key})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// migrationKinds orders the report's counts as the migration brings them.
var migrationKinds = []string{"companies", "contacts", "deals", "activities", "notes"}

type migrationKindCount struct {
	Kind string
	app.MigrationCount
}

// migrationCounts lists the report's counts in the order of migrationKinds.
func migrationCounts(rep app.MigrationReport) []migrationKindCount {
	var out []migrationKindCount
	for _, kind := range migrationKinds {
		if c, ok := rep.Counts[kind]; ok {
			out = append(out, migrationKindCount{Kind: kind, MigrationCount: c})
		}
	}
	return out
}

type migrationPipelineRow struct {
	app.MigrationPipeline
	Stages []migrationStageRow
}

// migrationStageRow is one stage of the export with its select: Index
// names its form fields, Auto is the engine's own choice (what "no
// mapping" gives), so only a choice that differs from it is sent as a
// mapping and the page keeps telling which were matched by name.
type migrationStageRow struct {
	app.MigrationStage
	Index int
	Auto  string
}

type migrationOwnerRow struct {
	app.MigrationOwner
	Index int
	Auto  string
}

// migrationMappings reads the preview form: stage.N / stage.N.key /
// stage.N.auto and owner.N / owner.N.key / owner.N.auto. It returns the
// mappings to send (choices that differ from the engine's own) and the
// engine's own choices by key, which the page keeps across re-plans.
func migrationMappings(v url.Values) (stages, owners, autoStages, autoOwners map[string]string) {
	read := func(prefix string) (chosen, auto map[string]string) {
		chosen, auto = map[string]string{}, map[string]string{}
		for i := 0; ; i++ {
			name := fmt.Sprintf("%s.%d", prefix, i)
			key, ok := v[name+".key"]
			if !ok {
				break
			}
			auto[key[0]] = v.Get(name + ".auto")
			if to := v.Get(name); to != auto[key[0]] {
				chosen[key[0]] = to
			}
		}
		return chosen, auto
	}
	stages, autoStages = read("stage")
	owners, autoOwners = read("owner")
	return stages, owners, autoStages, autoOwners
}

// planMigration runs the migration's dry run with the mappings of form
// (nil on the first view) and renders its plan.
func (s *site) planMigration(w http.ResponseWriter, r *http.Request, b Base, token string, form url.Values) {
	files, meta, err := openMigration(token, b.User)
	if err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	stages, owners, autoStages, autoOwners := migrationMappings(form)
	rep, err := s.app.Migrate(r.Context(), b.User, app.MigrateOptions{Source: meta.Source, Name: meta.Name, Files: files, Stages: stages, Owners: owners, DryRun: true})
	status, errKey, errFields := http.StatusOK, "", []fieldProblem(nil)
	if err != nil {
		e := app.AsError(err)
		if e.Code != app.EInvalid {
			s.views.renderError(w, r, b, err)
			return
		}
		status, errKey, errFields = http.StatusUnprocessableEntity, e.Message, refusedMappings(e)
	}
	s.renderMigratePreview(w, r, status, migratePreviewPage{Base: b, Token: token, Source: meta.Source, FileName: meta.Name,
		Report: rep, Error: errKey, ErrorFields: errFields}, autoStages, autoOwners)
}

// renderMigratePreview fills the page's rows from its report; the auto
// maps hold the engine's own choices as the form last carried them.
func (s *site) renderMigratePreview(w http.ResponseWriter, r *http.Request, status int, page migratePreviewPage, autoStages, autoOwners map[string]string) {
	ctx := r.Context()
	team, err := s.app.Team(ctx, page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	pipelines, err := s.app.Pipelines(ctx, page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Team, page.Existing = team, s.pipelineChoices(page.Lang, pipelines, "")
	rep := page.Report
	for _, f := range rep.Files {
		if f.Kind == "ignored" {
			page.Ignored = append(page.Ignored, f)
		} else {
			page.Read = append(page.Read, f)
		}
	}
	page.Counts = migrationCounts(rep)
	i := 0
	for _, p := range rep.Pipelines {
		row := migrationPipelineRow{MigrationPipeline: p}
		for _, st := range p.Stages {
			auto, ok := autoStages[st.Key]
			if !ok {
				auto = st.ExistingID
			}
			row.Stages = append(row.Stages, migrationStageRow{MigrationStage: st, Index: i, Auto: auto})
			if st.ExistingID == "" {
				page.ToCreate++
			}
			i++
		}
		page.Pipelines = append(page.Pipelines, row)
	}
	for i, o := range rep.Owners {
		auto, ok := autoOwners[o.Key]
		if !ok {
			auto = o.UserID
		}
		page.Owners = append(page.Owners, migrationOwnerRow{MigrationOwner: o, Index: i, Auto: auto})
	}
	page.Problems, page.Warnings = byFileName(rep.Problems), byFileName(rep.Warnings)
	s.views.render(w, r, status, "migrate_preview", page.Lang, page)
}

// handleMigratePreview shows the plan of an uploaded export: on GET as
// the engine matches it, on POST with the stages and owners mapped in the
// form (a plain form post, so it works without JavaScript).
func handleMigratePreview(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "migrate_page.preview_title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		var form url.Values
		if r.Method == http.MethodPost {
			if err := parseMappingForm(w, r); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			form = r.PostForm
		}
		s.planMigration(w, r, b, mux.Vars(r)["token"], form)
	})
}

// byFileName names each problem's file by its own name: the folders of
// a zip ("pipedrive-export/") say nothing a person needs beside a line.
func byFileName(problems []app.MigrationProblem) []app.MigrationProblem {
	out := make([]app.MigrationProblem, len(problems))
	for i, p := range problems {
		if p.File != "" {
			p.File = path.Base(p.File)
		}
		out[i] = p
	}
	return out
}
