package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// apiSite is what the JSON API's handlers share: the app, the catalog for
// problem messages, the router that names every route (for Location
// headers) and the version the OpenAPI document names.
type apiSite struct {
	app     *app.App
	catalog *i18n.Catalog
	router  *mux.Router
	version string
}

// path is the path of the named route; a missing name is a programming
// error caught by the route tests.
func (s *apiSite) path(name string, pairs ...string) string {
	u, err := s.router.Get(name).URL(pairs...)
	if err != nil {
		panic(err)
	}
	return u.Path
}

// calendarFeedURL is the user's private feed address.
func (s *apiSite) calendarFeedURL(r *http.Request, u *app.User) (string, error) {
	token, err := s.app.CalendarFeedToken(r.Context(), u)
	if err != nil {
		return "", err
	}
	return request.SiteURL(r) + s.path("calendar.feed", "token", token), nil
}
