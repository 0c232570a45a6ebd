package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// maxPhotoUpload bounds a photo upload's body: the app's 5 MB for the
// file, and room for the form around it.
const maxPhotoUpload = 6 << 20

// handleContactPhoto serves a contact's photo to whoever may read the
// contact: a JPEG the app re-encoded, never sniffed as anything else nor
// embedded by other origins. Pages link it with its version in the URL,
// so it may be kept a day; the ETag answers a revalidation.
func handleContactPhoto(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		data, version, err := s.app.ContactPhoto(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		h := w.Header()
		etag := strconv.Quote(version)
		h.Set("Content-Type", "image/jpeg")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "private, max-age=86400")
		h.Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Length", strconv.Itoa(len(data)))
		_, _ = w.Write(data)
	})
}

// photoURL is the address of a contact's photo at version, "" for none.
func (s *site) photoURL(id, version string) string {
	if version == "" {
		return ""
	}
	return s.recordPath("contact.photo", "id", id) + "?v=" + url.QueryEscape(version)
}

// handleContactPhotoUpload takes the multipart field "photo" as the
// contact's new photo.
func handleContactPhotoUpload(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		id := mux.Vars(r)["id"]
		r.Body = http.MaxBytesReader(w, r.Body, maxPhotoUpload)
		var raw []byte
		if file, _, err := r.FormFile("photo"); err == nil {
			raw, err = io.ReadAll(file)
			file.Close()
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				s.views.renderError(w, r, b, &app.Error{Code: app.EInvalid, Message: "error.photo_too_large"})
				return
			}
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
		} else if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EInvalid, Message: "error.photo_too_large"})
			return
		}
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		// No file is the app's to refuse, after it asked who may.
		if err := s.app.SetContactPhoto(r.Context(), b.User, id, raw); err != nil {
			if fields := fieldErrors(err); fields != nil {
				err = &app.Error{Code: app.EInvalid, Message: fields["photo"]}
			}
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "photo.saved")
		redirect(w, r, s.recordPath("contact.show", "id", id))
	})
}

// handleContactPhotoRemove removes a contact's photo.
func handleContactPhotoRemove(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		if err := s.app.RemoveContactPhoto(r.Context(), b.User, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "photo.removed")
		redirect(w, r, s.recordPath("contact.show", "id", id))
	})
}
