package ui

import (
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
	assets "rolo/embed"
)

// RouteList returns "METHOD /path/template" for every route addRoutes
// registers, so a test can insist that each one has a role check.
func RouteList(a *app.App) ([]string, error) {
	router, err := newRouter(a, Config{}, assets.Templates, assets.Static, assets.I18n)
	if err != nil {
		return nil, err
	}
	var out []string
	err = router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := route.GetPathTemplate()
		if err != nil {
			return err
		}
		methods, err := route.GetMethods()
		if err != nil {
			return nil // a prefix route (the API subrouter) has no methods
		}
		for _, m := range methods {
			out = append(out, m+" "+tpl)
		}
		return nil
	})
	// Pages, then the API, whatever order the router tries them in: the
	// walk in TestEveryRouteAsEveryRole changes its records as it goes.
	api := func(route string) int {
		if strings.Contains(route, " /api/") {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b string) int { return api(a) - api(b) })
	return out, err
}
