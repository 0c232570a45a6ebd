package ui

import (
	"net/http"

	"github.com/gorilla/mux"
)

// addRoutes lists every route of Rolo, HTML and API, in one place. Pages
// need a session unless marked public; everything but setup, static files
// and the API waits until the first admin exists.
func addRoutes(r *mux.Router, s *site, files *staticFiles) {
	public := func(h http.Handler) http.Handler { return requireSetupDone(s.app)(h) }
	private := func(h http.Handler) http.Handler { return requireSetupDone(s.app)(requireUser(h)) }
	admin := func(h http.Handler) http.Handler { return private(requireAdminPage(s)(h)) }

	r.Handle("/static/{hash}/{name:.+}", files.handler()).Methods(http.MethodGet, http.MethodHead).Name("static")
	r.Handle("/healthz", handleHealth()).Methods(http.MethodGet).Name("health")

	r.Handle("/setup", handleSetupShow(s)).Methods(http.MethodGet).Name("setup")
	r.Handle("/setup", handleSetupSubmit(s)).Methods(http.MethodPost).Name("setup.submit")
	r.Handle("/login", public(handleLoginShow(s))).Methods(http.MethodGet).Name("login")
	r.Handle("/login", public(handleLoginSubmit(s))).Methods(http.MethodPost).Name("login.submit")
	r.Handle("/logout", handleLogout(s)).Methods(http.MethodPost).Name("logout")

	r.Handle("/", private(handleHome(s))).Methods(http.MethodGet).Name("home")
	r.Handle("/settings", private(handleSettings(s))).Methods(http.MethodGet).Name("settings")
	r.Handle("/profile", private(handleProfileShow(s))).Methods(http.MethodGet).Name("profile")
	r.Handle("/profile", private(handleProfileUpdate(s))).Methods(http.MethodPost).Name("profile.update")
	r.Handle("/profile/password", private(handlePasswordChange(s))).Methods(http.MethodPost).Name("profile.password")

	r.Handle("/settings/users", admin(handleUsersList(s))).Methods(http.MethodGet).Name("users")
	r.Handle("/settings/users", admin(handleUserCreate(s))).Methods(http.MethodPost).Name("user.create")
	r.Handle("/settings/users/{id}/role", admin(handleUserRole(s))).Methods(http.MethodPost).Name("user.role")
	r.Handle("/settings/users/{id}/disable", admin(handleUserDisable(s, true))).Methods(http.MethodPost).Name("user.disable")
	r.Handle("/settings/users/{id}/enable", admin(handleUserDisable(s, false))).Methods(http.MethodPost).Name("user.enable")
	r.Handle("/settings/users/{id}/password", admin(handleUserPassword(s))).Methods(http.MethodPost).Name("user.password")

	api := r.PathPrefix("/api/v1").Subrouter()
	api.Handle("/me", requireUser(handleAPIMe())).Methods(http.MethodGet).Name("api.me")
	api.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeNotFound(w, r, s) })

	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeNotFound(w, r, s) })
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	})
}
