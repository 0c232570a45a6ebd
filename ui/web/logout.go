package web

import (
	"net/http"

	"rolo/ui/request"
)

// handleLogout ends the session (POST /logout) and returns to the login page.
func handleLogout(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if session := request.CurrentSession(r); session != nil {
			if err := s.app.Logout(r.Context(), session); err != nil {
				s.views.renderError(w, r, s.base(w, r, "error.title"), err)
				return
			}
		}
		request.ClearSessionCookie(w)
		setFlash(w, "logout.done")
		redirect(w, r, "/login")
	})
}
