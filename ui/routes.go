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

	// Contacts and companies (HTML). The fixed paths (/new, /bulk) come
	// before /{id}, which would otherwise match them.
	r.Handle("/contacts", private(handleContactsList(s))).Methods(http.MethodGet).Name("contacts")
	r.Handle("/contacts", private(handleContactCreate(s))).Methods(http.MethodPost).Name("contact.create")
	r.Handle("/contacts/new", private(handleContactNew(s))).Methods(http.MethodGet).Name("contact.new")
	r.Handle("/contacts/bulk", private(handleContactsBulk(s))).Methods(http.MethodPost).Name("contacts.bulk")
	r.Handle("/contacts/{id}", private(handleContactShow(s))).Methods(http.MethodGet).Name("contact.show")
	r.Handle("/contacts/{id}", private(handleContactUpdate(s))).Methods(http.MethodPost).Name("contact.update")
	r.Handle("/contacts/{id}/edit", private(handleContactEdit(s))).Methods(http.MethodGet).Name("contact.edit")
	r.Handle("/contacts/{id}/delete", private(handleContactTrash(s, true))).Methods(http.MethodPost).Name("contact.delete")
	r.Handle("/contacts/{id}/restore", private(handleContactTrash(s, false))).Methods(http.MethodPost).Name("contact.restore")
	r.Handle("/companies", private(handleCompaniesList(s))).Methods(http.MethodGet).Name("companies")
	r.Handle("/companies", private(handleCompanyCreate(s))).Methods(http.MethodPost).Name("company.create")
	r.Handle("/companies/new", private(handleCompanyNew(s))).Methods(http.MethodGet).Name("company.new")
	r.Handle("/companies/{id}", private(handleCompanyShow(s))).Methods(http.MethodGet).Name("company.show")
	r.Handle("/companies/{id}", private(handleCompanyUpdate(s))).Methods(http.MethodPost).Name("company.update")
	r.Handle("/companies/{id}/edit", private(handleCompanyEdit(s))).Methods(http.MethodGet).Name("company.edit")
	r.Handle("/companies/{id}/delete", private(handleCompanyTrash(s, true))).Methods(http.MethodPost).Name("company.delete")
	r.Handle("/companies/{id}/restore", private(handleCompanyTrash(s, false))).Methods(http.MethodPost).Name("company.restore")

	// Tags, trash, audit log, instance settings
	r.Handle("/settings/tags", private(handleTagsList(s))).Methods(http.MethodGet).Name("tags")
	r.Handle("/settings/tags/{id}", private(handleTagUpdate(s))).Methods(http.MethodPost).Name("tag.update")
	r.Handle("/settings/tags/{id}/merge", private(handleTagMerge(s))).Methods(http.MethodPost).Name("tag.merge")
	r.Handle("/settings/tags/{id}/delete", private(handleTagDelete(s))).Methods(http.MethodPost).Name("tag.delete")
	r.Handle("/trash", private(handleTrash(s))).Methods(http.MethodGet).Name("trash")
	r.Handle("/trash/empty", admin(handleTrashEmpty(s))).Methods(http.MethodPost).Name("trash.empty")
	r.Handle("/settings/audit", admin(handleAuditLog(s))).Methods(http.MethodGet).Name("audit")
	r.Handle("/settings/phone-region", admin(handlePhoneRegion(s))).Methods(http.MethodPost).Name("settings.phone_region")

	// Search
	r.Handle("/search", private(handleSearch(s))).Methods(http.MethodGet).Name("search")

	api := r.PathPrefix("/api/v1").Subrouter()
	api.Handle("/me", requireUser(handleAPIMe())).Methods(http.MethodGet).Name("api.me")
	// JSON API: contacts, companies, tags
	api.Handle("/contacts", requireUser(handleAPIContactList(s))).Methods(http.MethodGet).Name("api.contacts")
	api.Handle("/contacts", requireUser(handleAPIContactCreate(s))).Methods(http.MethodPost).Name("api.contact.create")
	api.Handle("/contacts/{id}", requireUser(handleAPIContactShow(s))).Methods(http.MethodGet).Name("api.contact")
	api.Handle("/contacts/{id}", requireUser(handleAPIContactUpdate(s))).Methods(http.MethodPatch).Name("api.contact.update")
	api.Handle("/contacts/{id}", requireUser(handleAPIContactDelete(s))).Methods(http.MethodDelete).Name("api.contact.delete")
	api.Handle("/companies", requireUser(handleAPICompanyList(s))).Methods(http.MethodGet).Name("api.companies")
	api.Handle("/companies", requireUser(handleAPICompanyCreate(s))).Methods(http.MethodPost).Name("api.company.create")
	api.Handle("/companies/{id}", requireUser(handleAPICompanyShow(s))).Methods(http.MethodGet).Name("api.company")
	api.Handle("/companies/{id}", requireUser(handleAPICompanyUpdate(s))).Methods(http.MethodPatch).Name("api.company.update")
	api.Handle("/companies/{id}", requireUser(handleAPICompanyDelete(s))).Methods(http.MethodDelete).Name("api.company.delete")
	api.Handle("/tags", requireUser(handleAPITagList(s))).Methods(http.MethodGet).Name("api.tags")
	api.Handle("/search", requireUser(handleAPISearch(s))).Methods(http.MethodGet).Name("api.search")
	api.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeNotFound(w, r, s) })

	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeNotFound(w, r, s) })
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	})
}
