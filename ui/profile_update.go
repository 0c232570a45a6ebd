package ui

import (
	"net/http"

	"rolo/app"
)

// handleProfileUpdate saves the user's name and language.
func handleProfileUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "profile.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		p := app.Profile{Name: r.PostForm.Get("name"), Language: r.PostForm.Get("language")}
		_, err := s.app.UpdateProfile(r.Context(), b.User, p)
		if fields := fieldErrors(err); fields != nil {
			page := newProfilePage(b)
			page.Name, page.Language, page.Errors = p.Name, p.Language, fields
			s.views.render(w, r, http.StatusUnprocessableEntity, "profile", b.Lang, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "profile.saved")
		redirect(w, r, "/profile")
	})
}
