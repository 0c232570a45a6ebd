package web

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"

	"rolo/app"
)

// maxUpload bounds an uploaded import file; larger files go through
// `rolo import`, which streams from disk.
const maxUpload = 256 << 20

// upload is a file waiting between the upload and the import, kept in the
// temp dir under a random token and tied to the user who sent it.
type upload struct {
	UserID string `json:"user_id"`
	Name   string `json:"name"`
	Source string `json:"source,omitempty"` // a whole-CRM migration's ("pipedrive", "hubspot"); "" for one file
}

func uploadDir() string { return filepath.Join(os.TempDir(), "rolo-uploads") }

var tokenPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// openUpload opens the file of token if user sent it.
func openUpload(token string, user *app.User) (*os.File, upload, error) {
	var meta upload
	if !tokenPattern.MatchString(token) {
		return nil, meta, &app.Error{Code: app.ENotFound, Message: "error.import_upload_gone"}
	}
	data, err := os.ReadFile(filepath.Join(uploadDir(), token+".json"))
	if err == nil {
		err = json.Unmarshal(data, &meta)
	}
	if err != nil || user == nil || meta.UserID != user.ID {
		return nil, meta, &app.Error{Code: app.ENotFound, Message: "error.import_upload_gone"}
	}
	f, err := os.Open(filepath.Join(uploadDir(), token+".upload"))
	if err != nil {
		return nil, meta, &app.Error{Code: app.ENotFound, Message: "error.import_upload_gone"}
	}
	return f, meta, nil
}

// keepUpload stores src in the temp dir under a new random token with its
// metadata, for the preview and run that follow; on error nothing is kept.
func keepUpload(src io.Reader, meta upload) (string, error) {
	token := make([]byte, 16)
	_, _ = rand.Read(token)
	id := hex.EncodeToString(token)
	if err := os.MkdirAll(uploadDir(), 0o700); err != nil {
		return "", err
	}
	dst, err := os.OpenFile(filepath.Join(uploadDir(), id+".upload"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		var data []byte
		data, _ = json.Marshal(meta)
		err = os.WriteFile(filepath.Join(uploadDir(), id+".json"), data, 0o600)
	}
	if err != nil {
		removeUpload(id)
		return "", err
	}
	return id, nil
}

func removeUpload(token string) {
	_ = os.Remove(filepath.Join(uploadDir(), token+".upload"))
	_ = os.Remove(filepath.Join(uploadDir(), token+".json"))
}

// handleImportUpload keeps the uploaded file and opens its preview.
func handleImportUpload(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
		fail := func(key string) {
			s.renderImports(w, r, http.StatusUnprocessableEntity, importsPage{Base: b, Error: key})
		}
		file, header, err := r.FormFile("file")
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			fail("error.import_too_large")
			return
		case err != nil:
			fail("error.import_no_file")
			return
		}
		defer file.Close()
		id, err := keepUpload(file, upload{UserID: b.User.ID, Name: filepath.Base(header.Filename)})
		switch {
		case errors.As(err, &tooBig):
			fail("error.import_too_large")
			return
		case err != nil:
			s.views.renderError(w, r, b, err)
			return
		}
		q := url.Values{}
		json := false
		if kept, _, err := openUpload(id, b.User); err == nil {
			json = isJSONUpload(kept)
			kept.Close()
		}
		for _, k := range []string{"entity", "preset", "encoding", "tag", "owner_id", "status", "on_duplicate", "skip_invalid"} {
			if json && (k == "preset" || k == "encoding") {
				continue // Rolo's JSON export names its fields: no layout to choose
			}
			if v := r.PostFormValue(k); v != "" {
				q.Set(k, v)
			}
		}
		for _, m := range r.PostForm["match"] {
			q.Add("match", m)
		}
		redirect(w, r, s.recordPath("import.preview", "token", id)+"?"+q.Encode())
	})
}
