package web

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
)

// handleImportRun imports the uploaded file with the options and mapping
// of the preview form. The import goes on if the browser leaves: its
// batch shows on the imports page as it progresses, and a re-run of the
// same file resumes after the chunks already stored.
func handleImportRun(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.preview_title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		token := mux.Vars(r)["token"]
		f, meta, err := openUpload(token, b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		defer f.Close()
		if err := r.ParseForm(); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		v := r.PostForm
		v.Set("name", meta.Name)
		opt := importOptionsFrom(v, meta.Name)
		ctx := context.WithoutCancel(r.Context())
		var rep app.ImportReport
		if opt.Entity == "vcard" {
			rep, err = s.app.ImportVCard(ctx, b.User, f, opt)
		} else {
			rep, err = s.app.ImportFile(ctx, b.User, f, opt)
		}
		switch {
		case err != nil:
			s.renderImportProblem(w, r, b, token, v, rep, err)
			return
		case !rep.Written:
			s.renderImportPreview(w, r, http.StatusUnprocessableEntity, b, token, v, rep, "imports.rows_refused")
			return
		}
		f.Close()
		removeUpload(token)
		setFlash(w, "imports.done")
		redirect(w, r, s.recordPath("imports")+"#batch-"+rep.BatchID)
	})
}

// handleImportUndo undoes one import.
func handleImportUndo(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.title")
		if _, err := s.app.UndoImport(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "imports.undone")
		redirect(w, r, s.recordPath("imports"))
	})
}
