package web

import (
	"net/http"

	"rolo/app"
)

// settingsPage shows where the data lives, how the server runs and, for
// admins, the instance settings.
type settingsPage struct {
	Base
	DB      app.DatabaseInfo
	Addr    string
	Version string
	// PhoneRegion is the stored region, or what was typed when it was refused.
	PhoneRegion string
	Regions     []regionOption
	Errors      map[string]string
	// Replicas are the copies serve ships every change to (admins only).
	Replicas []replicaRow
}

// regionOption is one suggestion for the phone region field.
type regionOption struct{ Code, Name string }

// phoneRegions are suggested in the phone region field; any region code
// the phone library knows is accepted.
var phoneRegions = []string{"US", "GB", "CA", "AU", "DE", "FR", "ES", "IT", "NL", "KR", "JP", "CN", "TW", "HK", "SG", "IN", "BR", "MX"}

func (s *site) renderSettings(w http.ResponseWriter, r *http.Request, status int, page settingsPage) {
	info, err := s.app.DatabaseInfo(r.Context())
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.DB, page.Addr, page.Version = info, s.cfg.Addr, s.cfg.Version
	if page.User.IsAdmin() {
		page.Replicas = s.backupRows(r.Context())
	}
	if page.PhoneRegion == "" && page.Errors == nil {
		page.PhoneRegion = s.app.PhoneRegion(r.Context())
	}
	for _, code := range phoneRegions {
		page.Regions = append(page.Regions, regionOption{Code: code, Name: s.catalog.T(page.Lang, "phone_region."+code)})
	}
	s.views.render(w, r, status, "settings", page.Lang, page)
}

// handleSettings shows the settings page.
func handleSettings(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderSettings(w, r, http.StatusOK, settingsPage{Base: s.base(w, r, "settings.title")})
	})
}
