package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"

	"rolo/app"
)

// zipMagic opens every zip file (a local file header).
var zipMagic = []byte("PK\x03\x04")

// handleMigrateUpload keeps another CRM's export — one zip, or the CSV
// files chosen together — under a token and opens the migration's plan.
// The export is read once here, so a zip that cannot be read is refused on
// the imports page, next to the form that sent it.
func handleMigrateUpload(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
		source, detail := "", ""
		fail := func(key string) {
			s.renderImports(w, r, http.StatusUnprocessableEntity, importsPage{Base: b, MigrateError: key, MigrateDetail: detail, MigrateSource: source})
		}
		var tooBig *http.MaxBytesError
		err := r.ParseMultipartForm(32 << 20)
		switch {
		case errors.As(err, &tooBig):
			fail("error.import_too_large")
			return
		case err != nil:
			fail("migrate_page.no_files")
			return
		}
		defer r.MultipartForm.RemoveAll()
		source = r.PostFormValue("source")
		headers := r.MultipartForm.File["files"]
		switch {
		case !validSource(source):
			source = ""
			fail("migrate_page.choose_source")
			return
		case len(headers) == 0:
			fail("migrate_page.no_files")
			return
		}
		token, err := keepExport(headers, upload{UserID: b.User.ID, Name: exportName(headers), Source: source})
		if err != nil {
			if e := app.AsError(err); e.Code == app.EInvalid {
				detail = e.Detail
				fail(e.Message)
				return
			}
			s.views.renderError(w, r, b, err)
			return
		}
		files, _, err := openMigration(token, b.User)
		if err == nil && len(files) == 0 {
			err = &app.Error{Code: app.EInvalid, Message: "migrate_page.no_csv"}
		}
		if err != nil {
			removeUpload(token)
			if e := app.AsError(err); e.Code == app.EInvalid {
				detail = e.Detail // the entry of the zip at fault
				fail(e.Message)
				return
			}
			s.views.renderError(w, r, b, err)
			return
		}
		redirect(w, r, s.recordPath("migrate.preview", "token", token))
	})
}

func validSource(source string) bool {
	for _, s := range app.MigrationSources {
		if s == source {
			return true
		}
	}
	return false
}

// exportName names the upload on its pages: the zip's name, or the files'.
func exportName(headers []*multipart.FileHeader) string {
	names := make([]string, len(headers))
	for i, h := range headers {
		names[i] = filepath.Base(h.Filename)
	}
	name := strings.Join(names, ", ")
	if len(name) > 200 {
		name = name[:strings.LastIndex(name[:200], ",")] + ", …"
	}
	return name
}

// keepExport keeps one zip as sent, and packs several files (or one CSV)
// into a zip of their own, so the plan and the run read every upload the
// same way. A zip among several files is refused: which one holds the export?
func keepExport(headers []*multipart.FileHeader, meta upload) (string, error) {
	if len(headers) == 1 {
		f, err := headers[0].Open()
		if err != nil {
			return "", err
		}
		defer f.Close()
		if isZip(f) {
			return keepUpload(f, meta)
		}
		// Named a zip but not one (cut short, or another file renamed):
		// packing it as a CSV would only show a plan of nothing.
		if strings.EqualFold(filepath.Ext(headers[0].Filename), ".zip") {
			return "", &app.Error{Code: app.EInvalid, Message: "error.migration_zip_unreadable", Detail: filepath.Base(headers[0].Filename)}
		}
	}
	for _, h := range headers {
		f, err := h.Open()
		if err != nil {
			return "", err
		}
		zipped := isZip(f)
		f.Close()
		if zipped {
			return "", &app.Error{Code: app.EInvalid, Message: "migrate_page.one_zip"}
		}
	}
	pr, pw := io.Pipe()
	defer pr.Close() // a failed write to disk ends the packing below
	go func() { pw.CloseWithError(packFiles(pw, headers)) }()
	return keepUpload(pr, meta)
}

// isZip tells whether f starts as a zip does, and rewinds it.
func isZip(f multipart.File) bool {
	head := make([]byte, len(zipMagic))
	n, _ := io.ReadFull(f, head)
	_, _ = f.Seek(0, io.SeekStart)
	return bytes.Equal(head[:n], zipMagic)
}

func packFiles(w io.Writer, headers []*multipart.FileHeader) error {
	zw := zip.NewWriter(w)
	for _, h := range headers {
		f, err := h.Open()
		if err != nil {
			return err
		}
		dst, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.Base(h.Filename), Method: zip.Deflate})
		if err == nil {
			_, err = io.Copy(dst, f)
		}
		f.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// openMigration reads the export kept under token, if user sent it.
func openMigration(token string, user *app.User) ([]app.MigrationFile, upload, error) {
	f, meta, err := openUpload(token, user)
	if err != nil {
		return nil, meta, err
	}
	defer f.Close()
	if meta.Source == "" { // a one-file import's upload
		return nil, meta, &app.Error{Code: app.ENotFound, Message: "error.import_upload_gone"}
	}
	info, err := f.Stat()
	if err != nil {
		return nil, meta, err
	}
	if info.Size() == 0 {
		return nil, meta, &app.Error{Code: app.EInvalid, Message: "migrate_page.no_csv"}
	}
	files, err := app.ReadMigrationZip(f, info.Size())
	return files, meta, err
}
