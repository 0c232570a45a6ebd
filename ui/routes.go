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

	// Pipelines and deals. /deals opens the default pipeline's board; fixed
	// paths (/new) come before /{id}. Shaping pipelines and stages, lost
	// reasons and the default currency is for admins and managers.
	manager := func(h http.Handler) http.Handler { return private(requireManagerPage(s)(h)) }
	r.Handle("/deals", private(handleDeals(s))).Methods(http.MethodGet).Name("deals")
	r.Handle("/deals", private(handleDealCreate(s))).Methods(http.MethodPost).Name("deal.create")
	r.Handle("/deals/new", private(handleDealNew(s))).Methods(http.MethodGet).Name("deal.new")
	r.Handle("/deals/{id}", private(handleDealShow(s))).Methods(http.MethodGet).Name("deal.show")
	r.Handle("/deals/{id}", private(handleDealUpdate(s))).Methods(http.MethodPost).Name("deal.update")
	r.Handle("/deals/{id}/edit", private(handleDealEdit(s))).Methods(http.MethodGet).Name("deal.edit")
	r.Handle("/deals/{id}/move", private(handleDealMove(s))).Methods(http.MethodPost).Name("deal.move")
	r.Handle("/deals/{id}/won", private(handleDealOutcome(s, "won"))).Methods(http.MethodPost).Name("deal.won")
	r.Handle("/deals/{id}/lost", private(handleDealOutcome(s, "lost"))).Methods(http.MethodPost).Name("deal.lost")
	r.Handle("/deals/{id}/reopen", private(handleDealOutcome(s, "open"))).Methods(http.MethodPost).Name("deal.reopen")
	r.Handle("/deals/{id}/delete", private(handleDealTrash(s, true))).Methods(http.MethodPost).Name("deal.delete")
	r.Handle("/deals/{id}/restore", private(handleDealTrash(s, false))).Methods(http.MethodPost).Name("deal.restore")
	r.Handle("/pipelines/{id}/board", private(handleBoard(s))).Methods(http.MethodGet).Name("pipeline.board")
	r.Handle("/pipelines/{id}/list", private(handleDealList(s))).Methods(http.MethodGet).Name("pipeline.list")
	r.Handle("/settings/pipelines", manager(handlePipelineSettings(s))).Methods(http.MethodGet).Name("pipelines")
	r.Handle("/settings/pipelines", manager(handlePipelineCreate(s))).Methods(http.MethodPost).Name("pipeline.create")
	r.Handle("/settings/pipelines/{id}", manager(handlePipelineEdit(s))).Methods(http.MethodGet).Name("pipeline.edit")
	r.Handle("/settings/pipelines/{id}", manager(handlePipelineRename(s))).Methods(http.MethodPost).Name("pipeline.rename")
	r.Handle("/settings/pipelines/{id}/move", manager(handlePipelineMove(s))).Methods(http.MethodPost).Name("pipeline.move")
	r.Handle("/settings/pipelines/{id}/archive", manager(handlePipelineArchive(s, true))).Methods(http.MethodPost).Name("pipeline.archive")
	r.Handle("/settings/pipelines/{id}/unarchive", manager(handlePipelineArchive(s, false))).Methods(http.MethodPost).Name("pipeline.unarchive")
	r.Handle("/settings/pipelines/{id}/delete", manager(handlePipelineDelete(s))).Methods(http.MethodPost).Name("pipeline.delete")
	r.Handle("/settings/pipelines/{id}/restore", manager(handlePipelineRestore(s))).Methods(http.MethodPost).Name("pipeline.restore")
	r.Handle("/settings/pipelines/{id}/stages", manager(handleStageCreate(s))).Methods(http.MethodPost).Name("stage.create")
	r.Handle("/settings/stages/{id}", manager(handleStageUpdate(s))).Methods(http.MethodPost).Name("stage.update")
	r.Handle("/settings/stages/{id}/move", manager(handleStageMove(s))).Methods(http.MethodPost).Name("stage.move")
	r.Handle("/settings/stages/{id}/archive", manager(handleStageArchive(s, true))).Methods(http.MethodPost).Name("stage.archive")
	r.Handle("/settings/stages/{id}/unarchive", manager(handleStageArchive(s, false))).Methods(http.MethodPost).Name("stage.unarchive")
	r.Handle("/settings/stages/{id}/delete", manager(handleStageDelete(s))).Methods(http.MethodPost).Name("stage.delete")
	r.Handle("/settings/stages/{id}/restore", manager(handleStageRestore(s))).Methods(http.MethodPost).Name("stage.restore")
	r.Handle("/settings/deals", manager(handleDealSettings(s))).Methods(http.MethodPost).Name("deal_settings.update")

	// Activities, tasks, reminders and the calendar feed (the Today view is
	// "home"). Fixed paths (/new) come before /{id}. The feed has no session:
	// calendar apps cannot log in, so its secret token is the key.
	r.Handle("/tasks", private(handleTasksList(s))).Methods(http.MethodGet).Name("tasks")
	r.Handle("/tasks", private(handleTaskCreate(s))).Methods(http.MethodPost).Name("task.create")
	r.Handle("/tasks/new", private(handleTaskNew(s))).Methods(http.MethodGet).Name("task.new")
	r.Handle("/tasks/{id}", private(handleTaskEdit(s))).Methods(http.MethodGet).Name("task.show")
	r.Handle("/tasks/{id}", private(handleTaskUpdate(s))).Methods(http.MethodPost).Name("task.update")
	r.Handle("/tasks/{id}/complete", private(handleTaskDone(s, true))).Methods(http.MethodPost).Name("task.complete")
	r.Handle("/tasks/{id}/reopen", private(handleTaskDone(s, false))).Methods(http.MethodPost).Name("task.reopen")
	r.Handle("/tasks/{id}/snooze", private(handleTaskSnooze(s))).Methods(http.MethodPost).Name("task.snooze")
	r.Handle("/tasks/{id}/delete", private(handleTaskTrash(s))).Methods(http.MethodPost).Name("task.delete")
	r.Handle("/activities", private(handleActivityCreate(s))).Methods(http.MethodPost).Name("activity.create")
	r.Handle("/activities/new", private(handleActivityNew(s))).Methods(http.MethodGet).Name("activity.new")
	r.Handle("/activities/{id}", private(handleActivityUpdate(s))).Methods(http.MethodPost).Name("activity.update")
	r.Handle("/activities/{id}/edit", private(handleActivityEdit(s))).Methods(http.MethodGet).Name("activity.edit")
	r.Handle("/activities/{id}/delete", private(handleActivityTrash(s))).Methods(http.MethodPost).Name("activity.delete")
	r.Handle("/contacts/{id}/keep-in-touch", private(handleKeepInTouch(s))).Methods(http.MethodPost).Name("contact.keep_in_touch")
	r.Handle("/settings/activities", admin(handleActivitySettings(s))).Methods(http.MethodGet).Name("activity_settings")
	r.Handle("/settings/activity-types", admin(handleActivityTypeCreate(s))).Methods(http.MethodPost).Name("activity_type.create")
	r.Handle("/settings/activity-types/{id}", admin(handleActivityTypeUpdate(s))).Methods(http.MethodPost).Name("activity_type.update")
	r.Handle("/settings/date-reminders/{id}", admin(handleDateReminderUpdate(s))).Methods(http.MethodPost).Name("date_reminder.update")
	r.Handle("/profile/calendar.ics", private(handleCalendarDownload(s))).Methods(http.MethodGet).Name("calendar.download")
	r.Handle("/profile/calendar", private(handleCalendarRegenerate(s))).Methods(http.MethodPost).Name("calendar.regenerate")
	r.Handle("/calendar/{token:[A-Za-z0-9_-]+}.ics", handleCalendarFeed(s)).Methods(http.MethodGet, http.MethodHead).Name("calendar.feed")

	// Search
	r.Handle("/search", private(handleSearch(s))).Methods(http.MethodGet).Name("search")

	api := r.PathPrefix("/api/v1").Subrouter()
	api.Handle("/me", requireUser(handleAPIMe(s))).Methods(http.MethodGet).Name("api.me")
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
	// JSON API: pipelines and deals
	api.Handle("/pipelines", requireUser(handleAPIPipelines(s))).Methods(http.MethodGet).Name("api.pipelines")
	api.Handle("/deals", requireUser(handleAPIDealList(s))).Methods(http.MethodGet).Name("api.deals")
	api.Handle("/deals", requireUser(handleAPIDealCreate(s))).Methods(http.MethodPost).Name("api.deal.create")
	api.Handle("/deals/{id}", requireUser(handleAPIDealShow(s))).Methods(http.MethodGet).Name("api.deal")
	api.Handle("/deals/{id}", requireUser(handleAPIDealUpdate(s))).Methods(http.MethodPatch).Name("api.deal.update")
	api.Handle("/deals/{id}", requireUser(handleAPIDealDelete(s))).Methods(http.MethodDelete).Name("api.deal.delete")
	api.Handle("/deals/{id}/move", requireUser(handleAPIDealMove(s))).Methods(http.MethodPost).Name("api.deal.move")
	api.Handle("/deals/{id}/history", requireUser(handleAPIDealHistory(s))).Methods(http.MethodGet).Name("api.deal.history")
	// JSON API: activities, tasks, and what is due now (browser notifications)
	api.Handle("/activities", requireUser(handleAPIActivityList(s))).Methods(http.MethodGet).Name("api.activities")
	api.Handle("/activities", requireUser(handleAPIActivityCreate(s))).Methods(http.MethodPost).Name("api.activity.create")
	api.Handle("/activities/{id}", requireUser(handleAPIActivityShow(s))).Methods(http.MethodGet).Name("api.activity")
	api.Handle("/activities/{id}", requireUser(handleAPIActivityUpdate(s))).Methods(http.MethodPatch).Name("api.activity.update")
	api.Handle("/activities/{id}", requireUser(handleAPIActivityDelete(s))).Methods(http.MethodDelete).Name("api.activity.delete")
	api.Handle("/activity-types", requireUser(handleAPIActivityTypes(s))).Methods(http.MethodGet).Name("api.activity_types")
	api.Handle("/tasks", requireUser(handleAPITaskList(s))).Methods(http.MethodGet).Name("api.tasks")
	api.Handle("/tasks", requireUser(handleAPITaskCreate(s))).Methods(http.MethodPost).Name("api.task.create")
	api.Handle("/tasks/{id}", requireUser(handleAPITaskShow(s))).Methods(http.MethodGet).Name("api.task")
	api.Handle("/tasks/{id}", requireUser(handleAPITaskUpdate(s))).Methods(http.MethodPatch).Name("api.task.update")
	api.Handle("/tasks/{id}", requireUser(handleAPITaskDelete(s))).Methods(http.MethodDelete).Name("api.task.delete")
	api.Handle("/tasks/{id}/complete", requireUser(handleAPITaskComplete(s))).Methods(http.MethodPost).Name("api.task.complete")
	api.Handle("/tasks/{id}/snooze", requireUser(handleAPITaskSnooze(s))).Methods(http.MethodPost).Name("api.task.snooze")
	api.Handle("/reminders/due", requireUser(handleAPIRemindersDue(s))).Methods(http.MethodGet).Name("api.reminders.due")
	api.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeNotFound(w, r, s) })

	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeNotFound(w, r, s) })
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	})
}
