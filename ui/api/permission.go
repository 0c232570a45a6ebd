package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// apiAllowed refuses an API request with 403 before its body is read when
// the caller may not do action in area; the app checks again when writing.
func apiAllowed(w http.ResponseWriter, r *http.Request, s *apiSite, area app.Area, action app.Level) bool {
	if s.app.Can(request.CurrentUser(r), area, action) {
		return true
	}
	request.WriteProblem(w, r, &app.Error{Code: app.EForbidden, Message: "error.forbidden"}, s.catalog)
	return false
}
