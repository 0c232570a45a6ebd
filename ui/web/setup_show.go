package web

import (
	"net/http"
)

// setupPage is the form that creates the first admin.
type setupPage struct {
	Base
	NeedsCode bool
	Name      string
	Email     string
	Errors    map[string]string
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
		s.views.render(w, r, http.StatusOK, "setup", b.Lang, setupPage{Base: b, NeedsCode: s.app.SetupNeedsCode()})
	})
}
