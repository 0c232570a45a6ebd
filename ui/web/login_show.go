package web

import (
	"net/http"

	"rolo/ui/request"
)

// loginPage is the login form.
type loginPage struct {
	Base
	Email string
	Next  string
	Error string // catalog key
}

// handleLoginShow shows the login form, or goes home when already logged in.
func handleLoginShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if request.CurrentSession(r) != nil {
			redirect(w, r, safeNext(r.URL.Query().Get("next")))
			return
		}
		b := s.base(w, r, "login.title")
		s.views.render(w, r, http.StatusOK, "login", b.Lang, loginPage{Base: b, Next: safeNext(r.URL.Query().Get("next"))})
	})
}
