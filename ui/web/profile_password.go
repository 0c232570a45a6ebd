package web

import (
	"net/http"

	"rolo/ui/request"
)

// handlePasswordChange replaces the user's password after checking the
// current one.
func handlePasswordChange(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "profile.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		err := s.app.ChangePassword(r.Context(), b.User, request.CurrentSession(r).ID, r.PostForm.Get("current_password"), r.PostForm.Get("new_password"))
		if fields := fieldErrors(err); fields != nil {
			page := newProfilePage(b)
			page.PasswordErrors = fields
			s.renderProfile(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "profile.password_changed")
		redirect(w, r, "/profile")
	})
}
