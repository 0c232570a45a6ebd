// Package ui is Rolo's server: NewServer wraps one router in the
// middleware chain every request passes (recovery, logging, security
// headers, host check, cross-origin check, session, API key), and mounts
// the two front doors on it — ui/web (the HTML pages) and ui/api (the JSON
// API under /api/v1).
package ui

import (
	"io/fs"
	"net/http"
	"os"

	"github.com/gorilla/mux"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui/api"
	"rolo/ui/i18n"
	"rolo/ui/request"
	"rolo/ui/web"
)

// Config is how the server was started (the web pages show it).
type Config = web.Config

// NewServer builds the whole HTTP handler.
func NewServer(a *app.App, cfg Config) (http.Handler, error) {
	templates, static, i18nFiles := assets.Templates, assets.Static, assets.I18n
	if cfg.Dev {
		templates, static, i18nFiles = os.DirFS("embed/templates"), os.DirFS("embed/static"), os.DirFS("embed/i18n")
	}
	return newServer(a, cfg, templates, static, i18nFiles)
}

func newServer(a *app.App, cfg Config, templates, static, i18nFiles fs.FS) (http.Handler, error) {
	if len(cfg.AllowedHosts) == 0 {
		cfg.AllowedHosts = LoopbackHosts
	}
	catalog, err := i18n.LoadCatalog(i18nFiles)
	if err != nil {
		return nil, err
	}
	router, err := mountRouter(a, cfg, catalog, templates, static)
	if err != nil {
		return nil, err
	}

	// The chain wraps the whole router, not router.Use: mux runs Use only
	// on matched routes (gorilla/mux#416), and a 404 must be protected too.
	var h http.Handler = router
	h = withAPIKey(a)(h)               // or the owner of an API key (Bearer), for /api/v1
	h = withSession(a)(h)              // attach the logged-in user, if any
	h = withRequestMemo(h)             // one read of what changed, for the session and the page (app/kept.go)
	h = crossOriginCheck(h)            // refuse cross-origin POSTs (Sec-Fetch-Site / Origin)
	h = checkHost(cfg.AllowedHosts)(h) // refuse DNS-rebinding Host names
	h = securityHeaders(h)             // CSP, nosniff, frame and referrer policy on every answer
	h = logRequests(h)
	h = recoverPanics(h)
	h = request.WithCatalog(catalog)(h) // outermost: every refusal above speaks the reader's language
	return h, nil
}

// LoopbackHosts are the names under which a loopback server is reached.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// newRouter mounts the HTML pages and, under /api/v1, the JSON API on one
// router, so both share route names (the API's Location headers, the
// pages' links to the API).
func newRouter(a *app.App, cfg Config, templates, static, i18nFiles fs.FS) (*mux.Router, error) {
	catalog, err := i18n.LoadCatalog(i18nFiles)
	if err != nil {
		return nil, err
	}
	return mountRouter(a, cfg, catalog, templates, static)
}

func mountRouter(a *app.App, cfg Config, catalog *i18n.Catalog, templates, static fs.FS) (*mux.Router, error) {
	router := mux.NewRouter()
	// The API first: mux tries routes in order, and an API request would
	// otherwise be matched against every page's path before its own (a
	// fortieth of a list's CPU). No page's path begins with /api/v1.
	api.Mount(router, a, catalog, cfg.Version)
	if err := web.Mount(router, a, cfg, catalog, templates, static); err != nil {
		return nil, err
	}
	return router, nil
}
