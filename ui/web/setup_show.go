package web

import (
	"net/http"

	"rolo/app"
)

// setupPage is the form that creates the first admin.
type setupPage struct {
	Base
	NeedsCode bool
	Name      string
	Email     string
	Errors    map[string]string
	// PhoneRegion is proposed from the browser's languages (region.js
	// refines it from its time zone) and confirmed by the admin.
	PhoneRegion  string
	PhoneRegions []phoneRegionChoice
}

// renderSetup shows the setup form with the phone region choices.
func (s *site) renderSetup(w http.ResponseWriter, r *http.Request, status int, page setupPage) {
	if page.PhoneRegion == "" {
		page.PhoneRegion = app.ProposeRegion(r.Header.Get("Accept-Language"), "")
	}
	page.NeedsCode = s.app.SetupNeedsCode()
	page.PhoneRegions = s.phoneRegionChoices(page.Lang, page.PhoneRegion)
	s.views.render(w, r, status, "setup", page.Lang, page)
}

// handleSetupShow shows the first-run form while no user exists.
func handleSetupShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		needs, err := s.app.NeedsSetup(r.Context())
		if err != nil {
			s.views.renderError(w, r, s.base(w, r, "error.title"), err)
			return
		}
		if !needs {
			redirect(w, r, "/login")
			return
		}
		b := s.base(w, r, "setup.title")
		s.renderSetup(w, r, http.StatusOK, setupPage{Base: b})
	})
}
