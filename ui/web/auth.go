package web

import (
	"net/http"
	"net/url"
	"rolo/ui/request"
	"strings"

	"rolo/app"
)

// requireUser sends visitors without a session to the login page (HTML)
// or answers 401 (API).
func requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if request.CurrentSession(r) != nil {
			next.ServeHTTP(w, r)
			return
		}
		if request.IsAPI(r) {
			request.WriteProblem(w, r, &app.Error{Code: app.EUnauthorized, Message: "error.login_required"}, nil)
			return
		}
		to := "/login"
		if r.Method == http.MethodGet && r.URL.Path != "/" {
			to += "?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		redirect(w, r, to)
	})
}

// requireSetupDone sends every page to /setup until the first admin exists.
func requireSetupDone(a *app.App) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			needs, err := a.NeedsSetup(r.Context())
			if err != nil {
				http.Error(w, "database unavailable", http.StatusInternalServerError)
				return
			}
			if needs && !request.IsAPI(r) {
				redirect(w, r, "/setup")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
