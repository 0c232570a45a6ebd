package web

import (
	"net/http"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// handleSetupSubmit creates the first admin and logs them in.
func handleSetupSubmit(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "setup.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		in := app.NewUser{Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"), Password: r.PostForm.Get("password")}
		region := strings.ToUpper(strings.TrimSpace(r.PostForm.Get("phone_region")))
		var err error
		if region != "" && !app.ValidRegion(region) {
			err = app.Invalid(map[string]string{"phone_region": "error.region_invalid"}) // checked before the admin exists
		} else {
			_, err = s.app.Setup(r.Context(), r.PostForm.Get("code"), in)
		}
		if fields := fieldErrors(err); fields != nil {
			page := setupPage{Base: b, Name: in.Name, Email: in.Email, Errors: fields, PhoneRegion: region}
			s.renderSetup(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if app.ErrorCode(err) == app.EConflict {
			redirect(w, r, "/login") // someone finished setup first
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		session, err := s.app.Login(r.Context(), in.Email, in.Password, app.Client{Addr: request.ClientAddr(r), UserAgent: r.UserAgent()})
		if err != nil {
			redirect(w, r, "/login")
			return
		}
		_ = s.app.AdoptBrowserZone(r.Context(), session.User, r.PostForm.Get("time_zone")) // filled in by zone.js
		if region != "" {
			if err := s.app.SetPhoneRegion(r.Context(), session.User, region); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
		}
		request.SetSessionCookie(w, r, session)
		setFlash(w, "setup.done")
		redirect(w, r, "/")
	})
}
