package web

import (
	"net/http"

	"rolo/app"
)

// maxFormBytes bounds every HTML form post; file uploads get their own limit.
const maxFormBytes = 64 << 10

// parseForm reads a posted form within maxFormBytes.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return &app.Error{Code: app.EInvalid, Message: "error.form_unreadable"}
	}
	return nil
}

// fieldErrors returns the field→catalog-key problems of err, or nil when
// err is not a validation error (the caller then shows an error page).
func fieldErrors(err error) map[string]string {
	if e := app.AsError(err); e.Code == app.EInvalid && len(e.Fields) > 0 {
		return e.Fields
	}
	return nil
}
