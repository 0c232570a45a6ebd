package web

import (
	"net/http"

	"rolo/app"
)

// handlePhoneRegion sets the region assumed for phone numbers typed
// without a country code (admins; form field phone_region).
func handlePhoneRegion(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "settings.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		region := r.PostForm.Get("phone_region")
		before := s.app.PhoneRegion(r.Context())
		err := s.app.SetPhoneRegion(r.Context(), b.User, region)
		if fields := fieldErrors(err); fields != nil {
			s.renderSettings(w, r, http.StatusUnprocessableEntity, settingsPage{Base: b, PhoneRegion: region, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "settings.phone_region_saved")
		redirect(w, r, s.afterRegionChange(r, b.User, before, app.RereadAll)) // offers to re-read the unread numbers
	})
}
