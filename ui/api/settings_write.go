package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// The settings endpoints (pipelines, stages, custom fields, tags, activity
// types, users, web forms) share these steps: refuse a role before reading
// the body, read the body strictly, and for a patch insist on the version
// the client last read, as the record endpoints do.

// readSettingsBody checks the caller may do level in area, then decodes
// the body into v; false means the answer is written.
func readSettingsBody(w http.ResponseWriter, r *http.Request, s *apiSite, area app.Area, level app.Level, v any) (members, bool) {
	if !apiAllowed(w, r, s, area, level) {
		return nil, false
	}
	m, err := decodeBody(w, r, v)
	if err != nil {
		writeAPIError(w, r, s, err)
		return nil, false
	}
	return m, true
}

// versionOf answers 422 when a patch does not say which version it read.
func versionOf(w http.ResponseWriter, r *http.Request, s *apiSite, version *int) (int, bool) {
	if version == nil {
		writeAPIError(w, r, s, app.Invalid(map[string]string{"version": "error.version_required"}))
		return 0, false
	}
	return *version, true
}

// answer writes v with status, or the problem of err.
func answer(w http.ResponseWriter, r *http.Request, s *apiSite, status int, v any, err error) {
	if err != nil {
		writeAPIError(w, r, s, err)
		return
	}
	request.Encode(w, status, v)
}

// noContent answers 204, or the problem of err.
func noContent(w http.ResponseWriter, r *http.Request, s *apiSite, err error) {
	if err != nil {
		writeAPIError(w, r, s, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// applyPatch sets *dst to *v when a patch sent v.
func applyPatch[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
