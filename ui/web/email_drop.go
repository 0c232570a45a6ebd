package web

import (
	"mime/multipart"
	"net/http"

	"rolo/app"
)

// maxEmailUpload bounds one drop or mailbox upload; larger mailboxes go
// through `rolo import email`, which reads from disk.
const maxEmailUpload = 256 << 20

// readEmailUpload refuses a user who may not post here (allowed false),
// else reads the multipart post of files; past the first 32 MB the files
// wait in temporary files, which the caller removes. False means it
// answered the request itself.
func (s *site) readEmailUpload(w http.ResponseWriter, r *http.Request, b Base, allowed bool) bool {
	if !allowed {
		s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxEmailUpload)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		s.views.renderError(w, r, b, &app.Error{Code: app.EInvalid, Message: "error.form_unreadable"})
		return false
	}
	return true
}

// uploadedEmails yields the messages of the files posted as field: .eml
// files, or mboxes. Of a folder (several files), only the mail files count.
func uploadedEmails(r *http.Request, field string) app.EmailSource {
	files := r.MultipartForm.File[field]
	return func(yield func(app.EmailFile) bool) {
		for _, fh := range files {
			if len(files) > 1 && !app.IsMailFileName(fh.Filename) {
				continue
			}
			stop := false
			func(fh *multipart.FileHeader) {
				f, err := fh.Open()
				if err != nil {
					stop = !yield(app.EmailFile{Name: fh.Filename, Err: err})
					return
				}
				defer f.Close()
				app.EmailReaderSource(fh.Filename, f)(func(m app.EmailFile) bool {
					if !yield(m) {
						stop = true
					}
					return !stop
				})
			}(fh)
			if stop {
				return
			}
		}
	}
}

// handleEmailDrop logs the .eml files dropped or chosen on a record page
// (on that record and the contacts in them) or on the Log email page (on
// the contacts in them), and goes back with what happened.
func handleEmailDrop(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "email.title")
		if !s.readEmailUpload(w, r, b, s.app.Can(b.User, app.AreaActivities, app.LevelCreate)) {
			return
		}
		defer r.MultipartForm.RemoveAll()
		var ref *app.RecordRef
		if refs := parseRefs(r.PostForm["record"]); len(refs) == 1 {
			ref = &refs[0]
		}
		back := returnPath(r.PostFormValue("return"), s.recordPath("email.new"))
		rep, err := s.app.LogEmailFiles(r.Context(), b.User, uploadedEmails(r, "eml"), ref)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, emailFlash(rep))
		redirect(w, r, back)
	})
}

// emailFlash says what a drop did, in one of a few fixed messages (a
// flash carries a catalog key only).
func emailFlash(rep app.EmailReport) string {
	switch {
	case rep.Messages == 0:
		return "email.flash_none"
	case rep.Failed > 0:
		return "email.flash_some_unreadable"
	case rep.Logged > 0:
		return "email.flash_logged"
	case rep.Duplicates > 0:
		return "email.flash_already"
	}
	return "email.flash_skipped"
}
