package web

import (
	"net/http"
	"strconv"

	"rolo/app"
	"rolo/ui/request"
)

// handleLoginSubmit checks the form fields email and password and opens a
// session.
func handleLoginSubmit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "login.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		email, next := r.PostForm.Get("email"), safeNext(r.PostForm.Get("next"))
		session, err := s.app.Login(r.Context(), email, r.PostForm.Get("password"), app.Client{Addr: request.ClientAddr(r), UserAgent: r.UserAgent()})
		if err != nil {
			e := app.AsError(err)
			if e.Code != app.EUnauthorized && e.Code != app.ETooMany {
				s.views.renderError(w, r, b, err)
				return
			}
			if e.RetryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
			}
			page := loginPage{Base: b, Email: email, Next: next, Error: e.Message}
			s.views.render(w, r, request.StatusOf(e.Code), "login", b.Lang, page)
			return
		}
		// The browser's zone (filled in by zone.js) is the user's until they choose one.
		_ = s.app.AdoptBrowserZone(r.Context(), session.User, r.PostForm.Get("time_zone"))
		request.SetSessionCookie(w, r, session)
		redirect(w, r, next)
	})
}
