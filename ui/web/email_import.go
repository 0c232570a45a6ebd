package web

import (
	"net/http"
	"path"

	"rolo/app"
)

// handleEmailImport imports an uploaded mailbox (an mbox, or the .eml
// files of a folder) as one import batch, and shows what it did (or, a
// dry run, would do) on the Log email page.
func handleEmailImport(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "email.title")
		allowed := s.app.Can(b.User, app.AreaImports, app.LevelCreate) && s.app.Can(b.User, app.AreaActivities, app.LevelCreate)
		if !s.readEmailUpload(w, r, b, allowed) {
			return
		}
		defer r.MultipartForm.RemoveAll()
		name := "email"
		if files := r.MultipartForm.File["mailbox"]; len(files) == 1 {
			name = path.Base(files[0].Filename)
		} else if len(files) > 1 {
			name = path.Dir(files[0].Filename) // a folder's files name their folder
			if name == "." {
				name = "email"
			}
		}
		opt := app.EmailImportOptions{FileName: name, CreateContacts: r.PostFormValue("create_contacts") == "1",
			DryRun: r.PostFormValue("dry_run") == "1"}
		rep, err := s.app.ImportEmail(r.Context(), b.User, uploadedEmails(r, "mailbox"), opt)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.renderEmailPage(w, r, http.StatusOK, emailPage{Base: b, Report: &rep, DryRun: opt.DryRun})
	})
}
