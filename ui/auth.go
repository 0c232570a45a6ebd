package ui

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	"rolo/app"
)

const sessionCookie = "rolo_session"

type ctxKey int

const sessionKey ctxKey = iota

// withSession attaches the session named by the cookie, if any, to the
// request; it refuses nothing, requireUser does.
func withSession(a *app.App) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cookie, err := r.Cookie(sessionCookie)
			if err == nil && cookie.Value != "" {
				s, err := a.Authenticate(r.Context(), cookie.Value)
				switch {
				case err == nil:
					r = r.WithContext(context.WithValue(r.Context(), sessionKey, s))
				case app.ErrorCode(err) == app.EUnauthorized:
					clearSessionCookie(w)
				default:
					http.Error(w, "session lookup failed", http.StatusInternalServerError)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

func currentSession(r *http.Request) *app.Session {
	s, _ := r.Context().Value(sessionKey).(*app.Session)
	return s
}

func currentUser(r *http.Request) *app.User {
	if s := currentSession(r); s != nil {
		return s.User
	}
	return nil
}

// requireUser sends visitors without a session to the login page (HTML)
// or answers 401 (API).
func requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if currentSession(r) != nil {
			next.ServeHTTP(w, r)
			return
		}
		if isAPI(r) {
			writeProblem(w, r, &app.Error{Code: app.EUnauthorized, Message: "error.login_required"}, nil)
			return
		}
		to := "/login"
		if r.Method == http.MethodGet && r.URL.Path != "/" {
			to += "?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		redirect(w, r, to)
	})
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// requireSetupDone sends every page to /setup until the first admin exists.
func requireSetupDone(a *app.App) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			needs, err := a.NeedsSetup(r.Context())
			if err != nil {
				http.Error(w, "database unavailable", http.StatusInternalServerError)
				return
			}
			if needs && !isAPI(r) {
				redirect(w, r, "/setup")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, s *app.Session) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: s.Token, Path: "/", Expires: s.ExpiresAt,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
}

func clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// clientAddr is the peer's IP. Rolo is reached directly, not through a
// proxy, so forwarded headers are not trusted.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
