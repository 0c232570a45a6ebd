package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// addPhoneRoutes adds the pages of phones by region: the setup form's
// region proposal (before any user exists), each user's own region on
// their profile, and re-reading the numbers that could not be read after
// a region changed (admins for every record, anyone for their own; the
// app checks which).
func addPhoneRoutes(r *mux.Router, s *site, private func(http.Handler) http.Handler) {
	r.Handle("/setup/region", handleSetupRegion(s)).Methods(http.MethodGet).Name("setup.region")
	r.Handle("/profile/phone-region", private(handleProfilePhoneRegion(s))).Methods(http.MethodPost).Name("profile.phone_region")
	r.Handle("/phones/reparse", private(handlePhonesReparseShow(s))).Methods(http.MethodGet).Name("phones.reparse")
	r.Handle("/phones/reparse", private(handlePhonesReparse(s))).Methods(http.MethodPost).Name("phones.reparse_run")
}
