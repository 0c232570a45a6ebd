// Package ui is Rolo's HTTP side: the router, middleware, the HTML pages
// rendered from embed/templates and the JSON API under /api/v1. Handlers
// are thin: decode, call app, render.
package ui

import (
	"io/fs"
	"net/http"
	"os"

	"github.com/gorilla/mux"

	"rolo/app"
	assets "rolo/embed"
)

// Config is what the server needs to know about how it was started.
type Config struct {
	// DBPath is shown on the settings page: copying it is the backup.
	DBPath string
	// Addr is the address serve listens on, shown on the settings page.
	Addr string
	// AllowedHosts are the Host header names accepted (DNS-rebinding guard).
	AllowedHosts []string
	Version      string
	// Dev reads templates and static files from ./embed on disk, so edits
	// show without a rebuild.
	Dev bool
}

// NewServer builds the whole HTTP handler.
func NewServer(a *app.App, cfg Config) (http.Handler, error) {
	templates, static, i18n := assets.Templates, assets.Static, assets.I18n
	if cfg.Dev {
		templates, static, i18n = os.DirFS("embed/templates"), os.DirFS("embed/static"), os.DirFS("embed/i18n")
	}
	return newServer(a, cfg, templates, static, i18n)
}

func newServer(a *app.App, cfg Config, templates, static, i18n fs.FS) (http.Handler, error) {
	if len(cfg.AllowedHosts) == 0 {
		cfg.AllowedHosts = LoopbackHosts
	}
	catalog, err := LoadCatalog(i18n)
	if err != nil {
		return nil, err
	}
	files, err := loadAssets(static, cfg.Dev)
	if err != nil {
		return nil, err
	}
	router := mux.NewRouter()
	v, err := newViews(templates, cfg.Dev, catalog, router, files)
	if err != nil {
		return nil, err
	}
	s := &site{app: a, views: v, catalog: catalog, cfg: cfg}
	addRoutes(router, s, files)

	// The chain wraps the whole router, not router.Use: mux runs Use only
	// on matched routes (gorilla/mux#416), and a 404 must be protected too.
	var h http.Handler = router
	h = withAPIKey(a)(h)               // or the owner of an API key (Bearer), for /api/v1
	h = withSession(a)(h)              // attach the logged-in user, if any
	h = crossOriginCheck(h)            // refuse cross-origin POSTs (Sec-Fetch-Site / Origin)
	h = checkHost(cfg.AllowedHosts)(h) // refuse DNS-rebinding Host names
	h = securityHeaders(h)             // CSP, nosniff, frame and referrer policy on every answer
	h = logRequests(h)
	h = recoverPanics(h)
	return h, nil
}

// LoopbackHosts are the names under which a loopback server is reached.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}
