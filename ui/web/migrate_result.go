package web

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"

	"github.com/gorilla/mux"

	"rolo/app"
)

// migrateResultPage is what a migration did: the counts by kind, the
// stages it created and the owners it set, and the Undo of its batch.
type migrateResultPage struct {
	Base
	Source   string
	FileName string
	Report   app.MigrationReport
	Counts   []migrationKindCount
	Created  []app.MigrationStage // the stages the migration created
	Problems []app.MigrationProblem
	Warnings []app.MigrationProblem
	Batch    app.ImportBatch
	CanUndo  bool
}

// handleMigrateResult shows the report kept by handleMigrateRun.
func handleMigrateResult(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "migrate_page.result_title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		token := mux.Vars(r)["token"]
		gone := &app.Error{Code: app.ENotFound, Message: "error.import_upload_gone"}
		var meta upload
		var rep app.MigrationReport
		if !tokenPattern.MatchString(token) {
			s.views.renderError(w, r, b, gone)
			return
		}
		data, err := os.ReadFile(filepath.Join(uploadDir(), token+".json"))
		if err == nil {
			err = json.Unmarshal(data, &meta)
		}
		if err == nil && meta.UserID == b.User.ID {
			data, err = os.ReadFile(resultPath(token))
			if err == nil {
				err = json.Unmarshal(data, &rep)
			}
		}
		if err != nil || meta.UserID != b.User.ID || rep.BatchID == "" {
			s.views.renderError(w, r, b, gone)
			return
		}
		batch, err := s.app.ImportBatch(r.Context(), b.User, rep.BatchID)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := migrateResultPage{Base: b, Source: meta.Source, FileName: meta.Name, Report: rep, Batch: batch,
			CanUndo: s.app.Can(b.User, app.AreaImports, app.LevelDelete)}
		page.Counts, page.Problems, page.Warnings = migrationCounts(rep), byFileName(rep.Problems), byFileName(rep.Warnings)
		for _, p := range rep.Pipelines {
			for _, st := range p.Stages {
				if st.Create {
					page.Created = append(page.Created, st)
				}
			}
		}
		s.views.render(w, r, http.StatusOK, "migrate_result", b.Lang, page)
	})
}
