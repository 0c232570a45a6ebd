package web

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
		p := app.Profile{Name: r.PostForm.Get("name"), Language: r.PostForm.Get("language"), TimeZone: r.PostForm.Get("time_zone"),
			RemindMinutes: readRemind(r.PostForm.Get("remind_minutes"))}
		_, err := s.app.UpdateProfile(r.Context(), b.User, p)
		if fields := fieldErrors(err); fields != nil {
			page := newProfilePage(b)
			page.Name, page.Language, page.TimeZone, page.Errors = p.Name, p.Language, p.TimeZone, fields
			if p.RemindMinutes != nil {
				page.Remind = *p.RemindMinutes
			}
			s.renderProfile(w, r, http.StatusUnprocessableEntity, page)
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
