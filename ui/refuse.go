package ui

import (
	"net/http"

	"rolo/ui/request"
)

// refuse answers a request the middleware turns away before any handler:
// a problem for the API, a line of text for a page, either in the
// reader's language (the catalog is put on the request outermost).
func refuse(w http.ResponseWriter, r *http.Request, status int, code, key string, args ...any) {
	if request.IsAPI(r) {
		request.WriteStatusProblem(w, r, status, code, key, args...)
		return
	}
	http.Error(w, request.Translate(r, key, args...), status)
}
