package web

import (
	"encoding/json"
	"net/http"

	"rolo/app"
)

// handleSetupRegion answers region.js on the setup form: the phone region
// proposed from the browser's time zone (the query's time_zone, which only
// the script can read) and its languages, with the region's name in the
// page's language. It tells nothing about the instance.
func handleSetupRegion(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := s.catalog.Language(r, nil)
		region := app.ProposeRegion(r.Header.Get("Accept-Language"), r.URL.Query().Get("time_zone"))
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(map[string]string{"region": region, "name": s.phoneRegionName(lang, region)})
	})
}
