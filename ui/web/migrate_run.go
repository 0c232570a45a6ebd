package web

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleMigrateRun runs the migration with the preview form's mappings,
// as one import batch. Like a file's import it goes on if the browser
// leaves. The report is kept beside the upload's metadata for the result
// page, which a reload can show again without running anything twice.
func handleMigrateRun(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "migrate_page.preview_title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		token := mux.Vars(r)["token"]
		files, meta, err := openMigration(token, b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if err := parseMappingForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		stages, owners, autoStages, autoOwners := migrationMappings(r.PostForm)
		opt := app.MigrateOptions{Source: meta.Source, Name: meta.Name, Files: files, Stages: stages, Owners: owners}
		rep, err := s.app.Migrate(context.WithoutCancel(r.Context()), b.User, opt)
		errKey, errFields := "", []fieldProblem(nil)
		switch {
		case err != nil && app.AsError(err).Code != app.EInvalid:
			s.views.renderError(w, r, b, err)
			return
		case err != nil:
			errKey, errFields = app.AsError(err).Message, refusedMappings(app.AsError(err))
		case !rep.Written:
			errKey = "migrate_page.nothing_written"
		}
		if errKey != "" {
			page := migratePreviewPage{Base: b, Token: token, Source: meta.Source, FileName: meta.Name, Report: rep, Error: errKey, ErrorFields: errFields}
			s.renderMigratePreview(w, r, http.StatusUnprocessableEntity, page, autoStages, autoOwners)
			return
		}
		data, _ := json.Marshal(rep)
		if err := os.WriteFile(resultPath(token), data, 0o600); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		// The export itself is no longer needed; the metadata stays to tie
		// the result to its user.
		_ = os.Remove(filepath.Join(uploadDir(), token+".upload"))
		setFlash(w, "migrate_page.done")
		redirect(w, r, s.recordPath("migrate.result", "token", token))
	})
}

func resultPath(token string) string { return filepath.Join(uploadDir(), token+".result.json") }
