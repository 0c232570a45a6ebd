package web

import (
	"net/http"
	"net/url"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// requireUser sends visitors without a session to the login page (the
// API answers 401 itself: api.requireAPIUser).
func requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if request.CurrentSession(r) != nil {
			next.ServeHTTP(w, r)
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
				http.Error(w, request.Translate(r, "error.internal"), http.StatusInternalServerError)
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

// safeNext keeps a redirect after login (or from a notification) on this
// site: only a path of ours, after full URL parsing, passes; anything a
// browser could read as another host — "//host", "/\\host", a scheme, a
// tab or newline that browsers strip ("/\t/host"), an encoded slash or
// backslash at the start — becomes "/".
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.ContainsFunc(next, unsafeInRedirect) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	// The decoded path must hold no control character or backslash either,
	// and must not start with a second slash once decoded ("/%2F/host").
	if strings.ContainsFunc(u.Path, unsafeInRedirect) || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return u.RequestURI()
}

// unsafeInRedirect are the characters browsers strip or read as "/" in a
// URL (tabs, newlines, other controls, backslashes).
func unsafeInRedirect(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }
