// Package web is Rolo's HTML front door: routes.go names every page,
// one handler per action (<record>_<action>.go), rendering of
// embed/templates in the reader's language, flash messages, forms, SVG
// charts and the static files. Handlers are thin: read the form, call app,
// redirect or render.
package web

import (
	"io/fs"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// Mount adds every HTML page, the static files and the calendar feed
// to r; templates and static are read from the given file systems.
func Mount(r *mux.Router, a *app.App, cfg Config, catalog *i18n.Catalog, templates, static fs.FS) error {
	files, err := loadAssets(static, cfg.Dev)
	if err != nil {
		return err
	}
	v, err := newViews(templates, cfg.Dev, catalog, r, files)
	if err != nil {
		return err
	}
	addRoutes(r, &site{app: a, views: v, catalog: catalog, cfg: cfg}, files)
	return nil
}

// expensivePerUser is how many searches, lists and reports one user may
// run at once (a page and its count, with room for a second tab);
// waitingPerUser how many more wait their turn before one is refused.
const (
	expensivePerUser = 4
	waitingPerUser   = 64
)

// addRoutes lists every route of Rolo, HTML and API, in one place. Pages
// need a session unless marked public; everything but setup, static files
// and the API waits until the first admin exists.
func addRoutes(r *mux.Router, s *site, files *staticFiles) {
	public := func(h http.Handler) http.Handler { return requireSetupDone(s.app)(h) }
	private := func(h http.Handler) http.Handler { return requireSetupDone(s.app)(requireUser(h)) }
	admin := func(h http.Handler) http.Handler { return private(requireAdminPage(s)(h)) }

	r.Handle("/static/{hash}/{name:.+}", files.handler()).Methods(http.MethodGet, http.MethodHead).Name("static")
	r.Handle("/healthz", handleHealth(s)).Methods(http.MethodGet).Name("health")

	r.Handle("/setup", handleSetupShow(s)).Methods(http.MethodGet).Name("setup")
	r.Handle("/setup", handleSetupSubmit(s)).Methods(http.MethodPost).Name("setup.submit")
	addPhoneRoutes(r, s, private) // the region proposal, a user's own region, re-reading numbers (phone_routes.go)
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
	r.Handle("/settings/users/{id}/unlock", admin(handleUserUnlock(s))).Methods(http.MethodPost).Name("user.unlock")
	r.Handle("/settings/users/{id}/disable", admin(handleUserDisable(s, true))).Methods(http.MethodPost).Name("user.disable")
	r.Handle("/settings/users/{id}/enable", admin(handleUserDisable(s, false))).Methods(http.MethodPost).Name("user.enable")
	r.Handle("/settings/users/{id}/password", admin(handleUserPassword(s))).Methods(http.MethodPost).Name("user.password")

	// Contacts and companies (HTML). The fixed paths (/new, /bulk) come
	// before /{id}, which would otherwise match them.
	// Searches, filtered lists and reports cost what their query asks;
	// each user runs a few at once (request.PerUserLimit).
	busy := request.PerUserLimit(expensivePerUser, waitingPerUser, func(w http.ResponseWriter, r *http.Request, err error) {
		s.views.renderError(w, r, s.base(w, r, "error.title"), err)
	})
	r.Handle("/contacts", private(busy(handleContactsList(s)))).Methods(http.MethodGet).Name("contacts")
	r.Handle("/contacts", private(handleContactCreate(s))).Methods(http.MethodPost).Name("contact.create")
	r.Handle("/contacts/new", private(handleContactNew(s))).Methods(http.MethodGet).Name("contact.new")
	r.Handle("/contacts/bulk", private(handleContactsBulk(s))).Methods(http.MethodPost).Name("contacts.bulk")
	r.Handle("/contacts/merge", private(handleContactsMergeScreen(s))).Methods(http.MethodGet).Name("contacts.merge")
	r.Handle("/contacts/merge", private(handleContactsMerge(s))).Methods(http.MethodPost).Name("contacts.merge_run")
	r.Handle("/contacts/merge/undo", private(handleContactsMergeUndo(s))).Methods(http.MethodPost).Name("contacts.merge_undo")
	r.Handle("/contacts/count", private(busy(handleRecordCount(s, "contact")))).Methods(http.MethodGet).Name("contacts.count")
	r.Handle("/contacts/{id}", private(handleContactShow(s))).Methods(http.MethodGet).Name("contact.show")
	r.Handle("/contacts/{id}", private(handleContactUpdate(s))).Methods(http.MethodPost).Name("contact.update")
	r.Handle("/contacts/{id}/edit", private(handleContactEdit(s))).Methods(http.MethodGet).Name("contact.edit")
	r.Handle("/contacts/{id}/delete", private(handleContactTrash(s, true))).Methods(http.MethodPost).Name("contact.delete")
	r.Handle("/contacts/{id}/restore", private(handleContactTrash(s, false))).Methods(http.MethodPost).Name("contact.restore")
	r.Handle("/contacts/{id}/photo", private(handleContactPhoto(s))).Methods(http.MethodGet).Name("contact.photo")
	r.Handle("/contacts/{id}/photo", private(handleContactPhotoUpload(s))).Methods(http.MethodPost).Name("contact.photo_upload")
	r.Handle("/contacts/{id}/photo/delete", private(handleContactPhotoRemove(s))).Methods(http.MethodPost).Name("contact.photo_remove")
	r.Handle("/companies", private(busy(handleCompaniesList(s)))).Methods(http.MethodGet).Name("companies")
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
	r.Handle("/deals", private(busy(handleDeals(s)))).Methods(http.MethodGet).Name("deals")
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
	r.Handle("/pipelines/{id}/board/more", private(handleBoardMore(s))).Methods(http.MethodGet).Name("pipeline.board.more")
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
	// Privacy: consent, one person's data export and erasure; the permission
	// matrix and data retention (issue 10).
	r.Handle("/contacts/{id}/consent", private(handleContactConsent(s))).Methods(http.MethodPost).Name("contact.consent")
	r.Handle("/contacts/{id}/export", private(handleContactExport(s))).Methods(http.MethodGet).Name("contact.export")
	r.Handle("/contacts/{id}/erase", private(handleContactEraseConfirm(s))).Methods(http.MethodGet).Name("contact.erase_confirm")
	r.Handle("/contacts/{id}/erase", private(handleContactErase(s))).Methods(http.MethodPost).Name("contact.erase")
	r.Handle("/settings/permissions", admin(handlePermissions(s))).Methods(http.MethodGet).Name("permissions")
	r.Handle("/settings/permissions", admin(handlePermissionsUpdate(s))).Methods(http.MethodPost).Name("permissions.update")
	r.Handle("/settings/retention", admin(handleRetentionUpdate(s))).Methods(http.MethodPost).Name("retention.update")
	r.Handle("/settings/field-protection", admin(handleFieldProtection(s))).Methods(http.MethodPost).Name("field_protection.update")
	r.Handle("/settings/activities", admin(handleActivitySettings(s))).Methods(http.MethodGet).Name("activity_settings")
	// Money in several currencies (issue 23): the home currency and dated rates.
	r.Handle("/settings/currencies", admin(handleCurrencies(s))).Methods(http.MethodGet).Name("currencies")
	r.Handle("/settings/currencies/home", admin(handleHomeCurrency(s))).Methods(http.MethodPost).Name("currencies.home")
	r.Handle("/settings/currencies/rates", admin(handleRateCreate(s))).Methods(http.MethodPost).Name("currency_rate.create")
	r.Handle("/settings/currencies/rates/{id}", admin(handleRateUpdate(s))).Methods(http.MethodPost).Name("currency_rate.update")
	r.Handle("/settings/currencies/rates/{id}/delete", admin(handleRateDelete(s))).Methods(http.MethodPost).Name("currency_rate.delete")
	r.Handle("/settings/activity-types", admin(handleActivityTypeCreate(s))).Methods(http.MethodPost).Name("activity_type.create")
	r.Handle("/settings/activity-types/{id}", admin(handleActivityTypeUpdate(s))).Methods(http.MethodPost).Name("activity_type.update")
	r.Handle("/settings/date-reminders/{id}", admin(handleDateReminderUpdate(s))).Methods(http.MethodPost).Name("date_reminder.update")
	r.Handle("/profile/calendar.ics", private(handleCalendarDownload(s))).Methods(http.MethodGet).Name("calendar.download")
	r.Handle("/profile/calendar", private(handleCalendarRegenerate(s))).Methods(http.MethodPost).Name("calendar.regenerate")
	r.Handle("/calendar/{token:[A-Za-z0-9_-]+}.ics", handleCalendarFeed(s)).Methods(http.MethodGet, http.MethodHead).Name("calendar.feed")

	// Search
	r.Handle("/search", private(busy(handleSearch(s)))).Methods(http.MethodGet).Name("search")
	r.Handle("/pick", private(busy(handlePick(s)))).Methods(http.MethodGet).Name("pick") // record pickers' suggestions

	// Custom fields (admins) and saved segments (everyone; sharing is checked by the app)
	r.Handle("/settings/fields", admin(handleFields(s))).Methods(http.MethodGet).Name("fields")
	r.Handle("/settings/fields", admin(handleFieldCreate(s))).Methods(http.MethodPost).Name("field.create")
	r.Handle("/settings/fields/restore/{audit}", admin(handleFieldRestore(s))).Methods(http.MethodPost).Name("field.restore")
	r.Handle("/settings/fields/{id}", admin(handleFieldEdit(s))).Methods(http.MethodGet).Name("field.edit")
	r.Handle("/settings/fields/{id}", admin(handleFieldUpdate(s))).Methods(http.MethodPost).Name("field.update")
	r.Handle("/settings/fields/{id}/delete", admin(handleFieldDelete(s))).Methods(http.MethodPost).Name("field.delete")
	r.Handle("/segments", private(handleSegments(s))).Methods(http.MethodGet).Name("segments")
	r.Handle("/segments", private(handleSegmentCreate(s))).Methods(http.MethodPost).Name("segment.create")
	r.Handle("/segments/{id}/edit", private(handleSegmentEdit(s))).Methods(http.MethodGet).Name("segment.edit")
	r.Handle("/segments/{id}", private(handleSegmentUpdate(s))).Methods(http.MethodPost).Name("segment.update")
	r.Handle("/segments/{id}/delete", private(handleSegmentDelete(s))).Methods(http.MethodPost).Name("segment.delete")
	r.Handle("/segments/{id}/count", private(handleSegmentCount(s))).Methods(http.MethodGet).Name("segment.count")
	r.Handle("/list-columns", private(handleListColumns(s))).Methods(http.MethodPost).Name("list_columns")

	// Reports, goals and the dashboard. Everyone sees their own numbers;
	// the team's (owner=team) and other users' are for managers and admins,
	// which the app checks. The CSV route's name pattern has no dot, so
	// "pipeline.csv" never reaches the page.
	r.Handle("/dashboard", private(busy(handleDashboard(s)))).Methods(http.MethodGet).Name("dashboard")
	r.Handle("/reports", private(handleReportsIndex(s))).Methods(http.MethodGet).Name("reports")
	r.Handle("/reports/{name:[a-z_]+}.csv", private(handleReportCSV(s))).Methods(http.MethodGet).Name("report.csv")
	r.Handle("/reports/{name:[a-z_]+}", private(busy(handleReport(s)))).Methods(http.MethodGet).Name("report")
	r.Handle("/goals", private(handleGoals(s))).Methods(http.MethodGet).Name("goals")
	r.Handle("/goals", private(handleGoalCreate(s))).Methods(http.MethodPost).Name("goal.create")
	r.Handle("/goals/{id}", private(handleGoalShow(s))).Methods(http.MethodGet).Name("goal.show")
	r.Handle("/goals/{id}/delete", private(handleGoalDelete(s))).Methods(http.MethodPost).Name("goal.delete")

	// Automation and integrations (issue 8): notifications (the bell),
	// personal API keys, rules, lead scoring, webhooks. Rules and scoring
	// are for those who manage automation, webhooks for those who manage
	// integrations; the app checks the permission matrix on every call.
	r.Handle("/notifications", private(handleNotifications(s))).Methods(http.MethodGet).Name("notifications")
	r.Handle("/notifications/read", private(handleNotificationsRead(s))).Methods(http.MethodPost).Name("notifications.read")
	r.Handle("/notifications/preferences", private(handleNotificationPrefs(s))).Methods(http.MethodPost).Name("notifications.prefs")
	r.Handle("/profile/api-keys", private(handleAPIKeysPage(s))).Methods(http.MethodGet).Name("api_keys")
	r.Handle("/profile/api-keys", private(handleAPIKeyCreatePage(s))).Methods(http.MethodPost).Name("api_key.create")
	r.Handle("/profile/api-keys/{id}/revoke", private(handleAPIKeyRevokePage(s))).Methods(http.MethodPost).Name("api_key.revoke")
	r.Handle("/settings/api", private(handleAPIDocs(s))).Methods(http.MethodGet).Name("api_docs")
	r.Handle("/settings/automation", private(handleAutomation(s))).Methods(http.MethodGet).Name("automation")
	r.Handle("/settings/automation", private(handleRuleCreate(s))).Methods(http.MethodPost).Name("automation.create")
	r.Handle("/settings/automation/{id}", private(handleRuleShow(s))).Methods(http.MethodGet).Name("automation.rule")
	r.Handle("/settings/automation/{id}", private(handleRuleUpdate(s))).Methods(http.MethodPost).Name("automation.update")
	r.Handle("/settings/automation/{id}/edit", private(handleRuleEdit(s))).Methods(http.MethodGet).Name("automation.edit")
	r.Handle("/settings/automation/{id}/enable", private(handleRuleToggle(s, true))).Methods(http.MethodPost).Name("automation.enable")
	r.Handle("/settings/automation/{id}/disable", private(handleRuleToggle(s, false))).Methods(http.MethodPost).Name("automation.disable")
	r.Handle("/settings/automation/{id}/delete", private(handleRuleDelete(s))).Methods(http.MethodPost).Name("automation.delete")
	r.Handle("/settings/scoring", private(handleScoring(s))).Methods(http.MethodGet).Name("scoring")
	r.Handle("/settings/scoring", private(handleScoreRuleCreate(s))).Methods(http.MethodPost).Name("score_rule.create")
	r.Handle("/settings/scoring/{id}/delete", private(handleScoreRuleDelete(s))).Methods(http.MethodPost).Name("score_rule.delete")
	r.Handle("/settings/webhooks", private(handleWebhooks(s))).Methods(http.MethodGet).Name("webhooks")
	r.Handle("/settings/webhooks", private(handleWebhookCreate(s))).Methods(http.MethodPost).Name("webhook.create")
	r.Handle("/settings/webhooks/private", private(handleWebhookPrivate(s))).Methods(http.MethodPost).Name("webhook.private")
	r.Handle("/settings/webhooks/{id}", private(handleWebhookLog(s))).Methods(http.MethodGet).Name("webhook.log")
	r.Handle("/settings/webhooks/{id}/resend", private(handleWebhookResend(s))).Methods(http.MethodPost).Name("webhook.resend")
	r.Handle("/settings/webhooks/{id}/enable", private(handleWebhookToggle(s, true))).Methods(http.MethodPost).Name("webhook.enable")
	r.Handle("/settings/webhooks/{id}/disable", private(handleWebhookToggle(s, false))).Methods(http.MethodPost).Name("webhook.disable")
	r.Handle("/settings/webhooks/{id}/delete", private(handleWebhookDelete(s))).Methods(http.MethodPost).Name("webhook.delete")
	r.Handle("/settings/forms", private(handleWebForms(s))).Methods(http.MethodGet).Name("web_forms")
	r.Handle("/settings/forms", private(handleWebFormCreate(s))).Methods(http.MethodPost).Name("web_form.create")
	r.Handle("/settings/forms/{id}", private(handleWebForm(s))).Methods(http.MethodGet).Name("web_form")
	r.Handle("/settings/forms/{id}/edit", private(handleWebFormEdit(s))).Methods(http.MethodGet).Name("web_form.edit")
	r.Handle("/settings/forms/{id}/edit", private(handleWebFormUpdate(s))).Methods(http.MethodPost).Name("web_form.update")
	r.Handle("/settings/forms/{id}/delete", private(handleWebFormDelete(s))).Methods(http.MethodPost).Name("web_form.delete")
	// The public side of web forms: the one route anybody may post to,
	// guarded in its handler (size limit, allowed origins, honeypot, rate
	// limit) and exempt from the cross-origin check in server.go.
	r.Handle("/f/{id}", public(handleWebFormShow(s))).Methods(http.MethodGet).Name("web_form.show")
	r.Handle("/f/{id}", public(handleWebFormSubmit(s))).Methods(http.MethodPost).Name("web_form.submit")
	r.Handle("/f/{id}", public(handleWebFormPreflight(s))).Methods(http.MethodOptions).Name("web_form.preflight")

	// Imports and exports: upload → preview (a dry run, GET with the
	// mapping in the query) → run; the batches list with undo and the
	// failed rows; downloads of every contact, company or deal.
	r.Handle("/imports", private(handleImportsPage(s))).Methods(http.MethodGet).Name("imports")
	r.Handle("/imports", private(handleImportUpload(s))).Methods(http.MethodPost).Name("import.upload")
	r.Handle("/imports/batches/{id}/undo", private(handleImportUndo(s))).Methods(http.MethodPost).Name("import.undo")
	r.Handle("/imports/batches/{id}/failures", private(handleImportFailures(s))).Methods(http.MethodGet).Name("import.failures")
	r.Handle("/imports/{token}", private(handleImportPreview(s))).Methods(http.MethodGet).Name("import.preview")
	r.Handle("/imports/{token}/run", private(handleImportRun(s))).Methods(http.MethodPost).Name("import.run")
	// Leaving another CRM (issue 17): its export uploaded → the plan (a dry
	// run; POST re-plans with the stages and owners mapped) → run → result.
	r.Handle("/imports/migrate", private(handleMigrateUpload(s))).Methods(http.MethodPost).Name("migrate.upload")
	r.Handle("/imports/migrate/{token}", private(handleMigratePreview(s))).Methods(http.MethodGet).Name("migrate.preview")
	r.Handle("/imports/migrate/{token}", private(handleMigratePreview(s))).Methods(http.MethodPost).Name("migrate.replan")
	r.Handle("/imports/migrate/{token}/run", private(handleMigrateRun(s))).Methods(http.MethodPost).Name("migrate.run")
	r.Handle("/imports/migrate/{token}/result", private(handleMigrateResult(s))).Methods(http.MethodGet).Name("migrate.result")
	r.Handle("/export/{entity}", private(handleExport(s))).Methods(http.MethodGet).Name("export")

	// Email in the timeline (issue 21): .eml files dropped on a record page
	// or the Log email page, mailbox imports (batches like the CSV's), and
	// the IMAP account of Profile → Email, where admins also turn email
	// logging off for the instance.
	r.Handle("/emails/new", private(handleEmailNew(s))).Methods(http.MethodGet).Name("email.new")
	r.Handle("/emails/drop", private(handleEmailDrop(s))).Methods(http.MethodPost).Name("email.drop")
	r.Handle("/emails/import", private(handleEmailImport(s))).Methods(http.MethodPost).Name("email.import")
	r.Handle("/profile/email", private(handleEmailSettings(s))).Methods(http.MethodGet).Name("profile.email")
	r.Handle("/profile/email", private(handleEmailAccountSave(s))).Methods(http.MethodPost).Name("profile.email_save")
	r.Handle("/profile/email/check", private(handleEmailAccountCheck(s))).Methods(http.MethodPost).Name("profile.email_check")
	r.Handle("/profile/email/delete", private(handleEmailAccountDelete(s))).Methods(http.MethodPost).Name("profile.email_delete")
	r.Handle("/settings/email-logging", admin(handleEmailLogging(s))).Methods(http.MethodPost).Name("settings.email_logging")
	r.Handle("/data-quality", private(handleQuality(s))).Methods(http.MethodGet).Name("quality")
	r.Handle("/duplicates/merge", private(handleDuplicatesMerge(s))).Methods(http.MethodPost).Name("duplicates.merge")
	r.Handle("/merges/{id}/undo", private(handleMergeUndo(s))).Methods(http.MethodPost).Name("merge.undo")

	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeNotFound(w, r, s) })
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if request.IsAPI(r) {
			request.WriteStatusProblem(w, r, http.StatusMethodNotAllowed, "method_not_allowed", "error.method_not_allowed")
			return
		}
		http.Error(w, s.catalog.T(s.catalog.Language(r, request.CurrentUser(r)), "error.method_not_allowed"), http.StatusMethodNotAllowed)
	})
}
