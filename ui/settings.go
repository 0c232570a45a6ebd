package ui

import (
	"net/http"

	"rolo/app"
)

// settingsPage shows where the data lives and how the server runs.
type settingsPage struct {
	Base
	DB      app.DatabaseInfo
	Addr    string
	Version string
}

// handleSettings shows the settings page.
func handleSettings(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "settings.title")
		info, err := s.app.DatabaseInfo(r.Context())
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "settings", b.Lang, settingsPage{Base: b, DB: info, Addr: s.cfg.Addr, Version: s.cfg.Version})
	})
}
