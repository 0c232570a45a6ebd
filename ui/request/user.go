// Package request is what ui/web and ui/api share about a request: the
// signed-in user in its context, the session cookie, list, filter and
// report query parsing, JSON and problem answers, and the per-user limit
// on expensive requests.
package request

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	"rolo/app"
)

// The session cookie names a row of the sessions table.
const SessionCookie = "rolo_session"

type ctxKey int

const sessionKey ctxKey = iota

// CurrentSession is the session withSession attached to r, or nil.
func CurrentSession(r *http.Request) *app.Session {
	s, _ := r.Context().Value(sessionKey).(*app.Session)
	return s
}

// CurrentUser is the signed-in user of r, or nil.
func CurrentUser(r *http.Request) *app.User {
	if s := CurrentSession(r); s != nil {
		return s.User
	}
	return nil
}

func SetSessionCookie(w http.ResponseWriter, r *http.Request, s *app.Session) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: s.Token, Path: "/", Expires: s.ExpiresAt,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
}

func ClearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// ClientAddr is the peer's IP. Rolo is reached directly, not through a
// proxy, so forwarded headers are not trusted.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// WithSessionValue returns ctx carrying the signed-in session s.
func WithSessionValue(ctx context.Context, s *app.Session) context.Context {
	return context.WithValue(ctx, sessionKey, s)
}

// SiteURL is this server's address as the request reached it: the Host
// header has passed the allow-list, so it is one of ours.
func SiteURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return (&url.URL{Scheme: scheme, Host: r.Host}).String()
}

// IsAPI tells a JSON API request from a page request.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
