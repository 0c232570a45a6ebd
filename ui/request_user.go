package ui

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	"rolo/app"
)

// The session cookie names a row of the sessions table.
const sessionCookie = "rolo_session"

type ctxKey int

const sessionKey ctxKey = iota

// currentSession is the session withSession attached to r, or nil.
func currentSession(r *http.Request) *app.Session {
	s, _ := r.Context().Value(sessionKey).(*app.Session)
	return s
}

// currentUser is the signed-in user of r, or nil.
func currentUser(r *http.Request) *app.User {
	if s := currentSession(r); s != nil {
		return s.User
	}
	return nil
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

// clientAddr is the peer's IP. Rolo is reached directly, not through a
// proxy, so forwarded headers are not trusted.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// withSessionValue returns ctx carrying the signed-in session s.
func withSessionValue(ctx context.Context, s *app.Session) context.Context {
	return context.WithValue(ctx, sessionKey, s)
}

// siteURL is this server's address as the request reached it: the Host
// header has passed the allow-list, so it is one of ours.
func siteURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return (&url.URL{Scheme: scheme, Host: r.Host}).String()
}

// isAPI tells a JSON API request from a page request.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
