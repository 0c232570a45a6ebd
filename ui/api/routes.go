// Package api is Rolo's JSON API under /api/v1: routes.go names every
// route, records.go serves the records that share list, create, show,
// merge-patch and delete, and the rest decode bodies, answer RFC 9457
// problems, shape JSON and describe it all in the OpenAPI document.
package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// Mount adds the JSON API under /api/v1 to r.
func Mount(r *mux.Router, a *app.App, catalog *i18n.Catalog, version string) {
	addAPIRoutes(r.PathPrefix("/api/v1").Subrouter(), &apiSite{app: a, catalog: catalog, router: r, version: version})
}

// expensivePerUser is how many searches and lists one user (or API key's
// owner) runs at once; waitingPerUser how many more wait their turn, as an
// integration paging with 16 connections does, before one is refused.
const (
	expensivePerUser = 4
	waitingPerUser   = 64
)

// addAPIRoutes lists every route of the JSON API, mounted under /api/v1.
// Every one needs a session or an API key; the handler checks the role.
func addAPIRoutes(api *mux.Router, s *apiSite) {
	api.Handle("/me", requireAPIUser(handleAPIMe(s))).Methods(http.MethodGet).Name("api.me")
	// JSON API: contacts, companies, tags
	// Searches and filtered lists cost what their query asks; each user
	// (or API key's owner) runs a few at once.
	busy := request.PerUserLimit(expensivePerUser, waitingPerUser, func(w http.ResponseWriter, r *http.Request, err error) { writeAPIError(w, r, s, err) })
	api.Handle("/contacts", requireAPIUser(busy(contactAPI.handleList(s)))).Methods(http.MethodGet).Name("api.contacts")
	api.Handle("/contacts", requireAPIUser(contactAPI.handleCreate(s))).Methods(http.MethodPost).Name("api.contact.create")
	api.Handle("/contacts/duplicates", requireAPIUser(handleAPIContactDuplicates(s))).Methods(http.MethodGet).Name("api.contact.duplicates")
	api.Handle("/contacts/{id}", requireAPIUser(contactAPI.handleShow(s))).Methods(http.MethodGet).Name("api.contact")
	api.Handle("/contacts/{id}", requireAPIUser(contactAPI.handleUpdate(s))).Methods(http.MethodPatch).Name("api.contact.update")
	api.Handle("/contacts/{id}", requireAPIUser(contactAPI.handleDelete(s))).Methods(http.MethodDelete).Name("api.contact.delete")
	api.Handle("/contacts/{id}/export", requireAPIUser(handleAPIContactExport(s))).Methods(http.MethodGet).Name("api.contact.export")
	api.Handle("/contacts/{id}/erase", requireAPIUser(handleAPIContactErase(s))).Methods(http.MethodPost).Name("api.contact.erase")
	api.Handle("/companies", requireAPIUser(busy(companyAPI.handleList(s)))).Methods(http.MethodGet).Name("api.companies")
	api.Handle("/companies", requireAPIUser(companyAPI.handleCreate(s))).Methods(http.MethodPost).Name("api.company.create")
	api.Handle("/companies/{id}", requireAPIUser(companyAPI.handleShow(s))).Methods(http.MethodGet).Name("api.company")
	api.Handle("/companies/{id}", requireAPIUser(companyAPI.handleUpdate(s))).Methods(http.MethodPatch).Name("api.company.update")
	api.Handle("/companies/{id}", requireAPIUser(companyAPI.handleDelete(s))).Methods(http.MethodDelete).Name("api.company.delete")
	api.Handle("/tags", requireAPIUser(handleAPITagList(s))).Methods(http.MethodGet).Name("api.tags")
	api.Handle("/tags/merge", requireAPIUser(handleAPITagMerge(s))).Methods(http.MethodPost).Name("api.tags.merge")
	api.Handle("/tags/{id}", requireAPIUser(handleAPITag(s))).Methods(http.MethodGet).Name("api.tag")
	api.Handle("/tags/{id}", requireAPIUser(handleAPITagUpdate(s))).Methods(http.MethodPatch).Name("api.tag.update")
	api.Handle("/tags/{id}", requireAPIUser(handleAPITagDelete(s))).Methods(http.MethodDelete).Name("api.tag.delete")
	api.Handle("/search", requireAPIUser(busy(handleAPISearch(s)))).Methods(http.MethodGet).Name("api.search")
	api.Handle("/fields", requireAPIUser(handleAPIFields(s))).Methods(http.MethodGet).Name("api.fields")
	api.Handle("/fields", requireAPIUser(handleAPIFieldCreate(s))).Methods(http.MethodPost).Name("api.field.create")
	api.Handle("/fields/deleted", requireAPIUser(handleAPIDeletedFields(s))).Methods(http.MethodGet).Name("api.fields.deleted")
	api.Handle("/fields/deleted/{id}/restore", requireAPIUser(handleAPIFieldRestore(s))).Methods(http.MethodPost).Name("api.field.restore")
	api.Handle("/fields/{id}", requireAPIUser(handleAPIField(s))).Methods(http.MethodGet).Name("api.field")
	api.Handle("/fields/{id}", requireAPIUser(handleAPIFieldUpdate(s))).Methods(http.MethodPatch).Name("api.field.update")
	api.Handle("/fields/{id}", requireAPIUser(handleAPIFieldDelete(s))).Methods(http.MethodDelete).Name("api.field.delete")
	api.Handle("/segments", requireAPIUser(handleAPISegments(s))).Methods(http.MethodGet).Name("api.segments")
	api.Handle("/segments", requireAPIUser(handleAPISegmentCreate(s))).Methods(http.MethodPost).Name("api.segment.create")
	api.Handle("/segments/{id}", requireAPIUser(handleAPISegment(s))).Methods(http.MethodGet).Name("api.segment")
	api.Handle("/segments/{id}", requireAPIUser(handleAPISegmentUpdate(s))).Methods(http.MethodPatch).Name("api.segment.update")
	api.Handle("/segments/{id}", requireAPIUser(handleAPISegmentDelete(s))).Methods(http.MethodDelete).Name("api.segment.delete")
	// JSON API: pipelines and deals
	api.Handle("/pipelines", requireAPIUser(handleAPIPipelines(s))).Methods(http.MethodGet).Name("api.pipelines")
	// Shaping pipelines and stages, as the settings pages do (admins and
	// managers); fixed paths before /{id}.
	api.Handle("/pipelines", requireAPIUser(handleAPIPipelineCreate(s))).Methods(http.MethodPost).Name("api.pipeline.create")
	api.Handle("/pipelines/trash", requireAPIUser(handleAPIPipelineTrash(s))).Methods(http.MethodGet).Name("api.pipelines.trash")
	api.Handle("/pipelines/order", requireAPIUser(handleAPIPipelineOrder(s))).Methods(http.MethodPost).Name("api.pipelines.order")
	api.Handle("/pipelines/{id}", requireAPIUser(handleAPIPipeline(s))).Methods(http.MethodGet).Name("api.pipeline")
	api.Handle("/pipelines/{id}", requireAPIUser(handleAPIPipelineUpdate(s))).Methods(http.MethodPatch).Name("api.pipeline.update")
	api.Handle("/pipelines/{id}", requireAPIUser(handleAPIPipelineDelete(s))).Methods(http.MethodDelete).Name("api.pipeline.delete")
	api.Handle("/pipelines/{id}/restore", requireAPIUser(handleAPIPipelineRestore(s))).Methods(http.MethodPost).Name("api.pipeline.restore")
	api.Handle("/pipelines/{id}/stages", requireAPIUser(handleAPIStageCreate(s))).Methods(http.MethodPost).Name("api.stage.create")
	api.Handle("/pipelines/{id}/stages/trash", requireAPIUser(handleAPIStageTrash(s))).Methods(http.MethodGet).Name("api.stages.trash")
	api.Handle("/pipelines/{id}/stages/order", requireAPIUser(handleAPIStageOrder(s))).Methods(http.MethodPost).Name("api.stages.order")
	api.Handle("/stages/{id}", requireAPIUser(handleAPIStage(s))).Methods(http.MethodGet).Name("api.stage")
	api.Handle("/stages/{id}", requireAPIUser(handleAPIStageUpdate(s))).Methods(http.MethodPatch).Name("api.stage.update")
	api.Handle("/stages/{id}", requireAPIUser(handleAPIStageDelete(s))).Methods(http.MethodDelete).Name("api.stage.delete")
	api.Handle("/stages/{id}/restore", requireAPIUser(handleAPIStageRestore(s))).Methods(http.MethodPost).Name("api.stage.restore")
	api.Handle("/deal-settings", requireAPIUser(handleAPIDealSettings(s))).Methods(http.MethodGet).Name("api.deal_settings")
	api.Handle("/deal-settings", requireAPIUser(handleAPIDealSettingsUpdate(s))).Methods(http.MethodPatch).Name("api.deal_settings.update")
	api.Handle("/deals", requireAPIUser(busy(dealAPI.handleList(s)))).Methods(http.MethodGet).Name("api.deals")
	api.Handle("/deals", requireAPIUser(dealAPI.handleCreate(s))).Methods(http.MethodPost).Name("api.deal.create")
	api.Handle("/deals/{id}", requireAPIUser(dealAPI.handleShow(s))).Methods(http.MethodGet).Name("api.deal")
	api.Handle("/deals/{id}", requireAPIUser(dealAPI.handleUpdate(s))).Methods(http.MethodPatch).Name("api.deal.update")
	api.Handle("/deals/{id}", requireAPIUser(dealAPI.handleDelete(s))).Methods(http.MethodDelete).Name("api.deal.delete")
	api.Handle("/deals/{id}/move", requireAPIUser(handleAPIDealMove(s))).Methods(http.MethodPost).Name("api.deal.move")
	api.Handle("/deals/{id}/history", requireAPIUser(handleAPIDealHistory(s))).Methods(http.MethodGet).Name("api.deal.history")
	// JSON API: activities, tasks, and what is due now (browser notifications)
	api.Handle("/activities", requireAPIUser(activityAPI.handleList(s))).Methods(http.MethodGet).Name("api.activities")
	api.Handle("/activities", requireAPIUser(activityAPI.handleCreate(s))).Methods(http.MethodPost).Name("api.activity.create")
	api.Handle("/activities/{id}", requireAPIUser(activityAPI.handleShow(s))).Methods(http.MethodGet).Name("api.activity")
	api.Handle("/activities/{id}", requireAPIUser(activityAPI.handleUpdate(s))).Methods(http.MethodPatch).Name("api.activity.update")
	api.Handle("/activities/{id}", requireAPIUser(activityAPI.handleDelete(s))).Methods(http.MethodDelete).Name("api.activity.delete")
	api.Handle("/activity-types", requireAPIUser(handleAPIActivityTypes(s))).Methods(http.MethodGet).Name("api.activity_types")
	api.Handle("/activity-types", requireAPIUser(handleAPIActivityTypeCreate(s))).Methods(http.MethodPost).Name("api.activity_type.create")
	api.Handle("/activity-types/{id}", requireAPIUser(handleAPIActivityType(s))).Methods(http.MethodGet).Name("api.activity_type")
	api.Handle("/activity-types/{id}", requireAPIUser(handleAPIActivityTypeUpdate(s))).Methods(http.MethodPatch).Name("api.activity_type.update")
	api.Handle("/date-reminders", requireAPIUser(handleAPIDateReminders(s))).Methods(http.MethodGet).Name("api.date_reminders")
	api.Handle("/date-reminders/{id}", requireAPIUser(handleAPIDateReminderUpdate(s))).Methods(http.MethodPatch).Name("api.date_reminder.update")
	api.Handle("/tasks", requireAPIUser(taskAPI.handleList(s))).Methods(http.MethodGet).Name("api.tasks")
	api.Handle("/tasks", requireAPIUser(taskAPI.handleCreate(s))).Methods(http.MethodPost).Name("api.task.create")
	api.Handle("/tasks/{id}", requireAPIUser(taskAPI.handleShow(s))).Methods(http.MethodGet).Name("api.task")
	api.Handle("/tasks/{id}", requireAPIUser(taskAPI.handleUpdate(s))).Methods(http.MethodPatch).Name("api.task.update")
	api.Handle("/tasks/{id}", requireAPIUser(taskAPI.handleDelete(s))).Methods(http.MethodDelete).Name("api.task.delete")
	api.Handle("/tasks/{id}/complete", requireAPIUser(handleAPITaskComplete(s))).Methods(http.MethodPost).Name("api.task.complete")
	api.Handle("/tasks/{id}/snooze", requireAPIUser(handleAPITaskSnooze(s))).Methods(http.MethodPost).Name("api.task.snooze")
	api.Handle("/reminders/due", requireAPIUser(handleAPIRemindersDue(s))).Methods(http.MethodGet).Name("api.reminders.due")
	api.Handle("/reminders/{id}/dismiss", requireAPIUser(handleAPIReminderDismiss(s))).Methods(http.MethodPost).Name("api.reminder.dismiss")
	// JSON API: reports (same names, periods and filters as the pages), the
	// dashboard, and goals with their baseline and progress.
	api.Handle("/reports/{name}", requireAPIUser(handleAPIReport(s))).Methods(http.MethodGet).Name("api.report")
	api.Handle("/dashboard", requireAPIUser(handleAPIDashboard(s))).Methods(http.MethodGet).Name("api.dashboard")
	api.Handle("/goals", requireAPIUser(handleAPIGoals(s))).Methods(http.MethodGet).Name("api.goals")
	api.Handle("/goals", requireAPIUser(handleAPIGoalCreate(s))).Methods(http.MethodPost).Name("api.goal.create")
	api.Handle("/goals/{id}", requireAPIUser(handleAPIGoal(s))).Methods(http.MethodGet).Name("api.goal")
	api.Handle("/goals/{id}", requireAPIUser(handleAPIGoalUpdate(s))).Methods(http.MethodPatch).Name("api.goal.update")
	api.Handle("/goals/{id}", requireAPIUser(handleAPIGoalDelete(s))).Methods(http.MethodDelete).Name("api.goal.delete")
	// Automation and integrations (issue 8): personal API keys.
	api.Handle("/api-keys", requireAPIUser(handleAPIKeyList(s))).Methods(http.MethodGet).Name("api.api_keys")
	api.Handle("/api-keys", requireAPIUser(handleAPIKeyCreate(s))).Methods(http.MethodPost).Name("api.api_key.create")
	api.Handle("/api-keys/{id}", requireAPIUser(handleAPIKeyRevoke(s))).Methods(http.MethodDelete).Name("api.api_key.revoke")
	// Automation rules and their runs, lead scoring, webhooks and their
	// delivery log, notifications (the bell).
	api.Handle("/automation/rules", requireAPIUser(handleAPIRuleList(s))).Methods(http.MethodGet).Name("api.rules")
	api.Handle("/automation/rules", requireAPIUser(handleAPIRuleCreate(s))).Methods(http.MethodPost).Name("api.rule.create")
	api.Handle("/automation/rules/{id}", requireAPIUser(handleAPIRuleShow(s))).Methods(http.MethodGet).Name("api.rule")
	api.Handle("/automation/rules/{id}", requireAPIUser(handleAPIRuleReplace(s))).Methods(http.MethodPut).Name("api.rule.replace")
	api.Handle("/automation/rules/{id}", requireAPIUser(handleAPIRuleDelete(s))).Methods(http.MethodDelete).Name("api.rule.delete")
	api.Handle("/automation/rules/{id}/runs", requireAPIUser(handleAPIRuleRuns(s))).Methods(http.MethodGet).Name("api.rule.runs")
	api.Handle("/scoring/rules", requireAPIUser(handleAPIScoreRules(s))).Methods(http.MethodGet).Name("api.score_rules")
	api.Handle("/scoring/rules", requireAPIUser(handleAPIScoreRuleCreate(s))).Methods(http.MethodPost).Name("api.score_rule.create")
	api.Handle("/scoring/rules/{id}", requireAPIUser(handleAPIScoreRuleDelete(s))).Methods(http.MethodDelete).Name("api.score_rule.delete")
	api.Handle("/contacts/{id}/score", requireAPIUser(handleAPIContactScore(s))).Methods(http.MethodGet).Name("api.contact.score")
	api.Handle("/webhooks", requireAPIUser(handleAPIWebhookList(s))).Methods(http.MethodGet).Name("api.webhooks")
	api.Handle("/webhooks", requireAPIUser(handleAPIWebhookCreate(s))).Methods(http.MethodPost).Name("api.webhook.create")
	api.Handle("/webhooks/{id}", requireAPIUser(handleAPIWebhookUpdate(s))).Methods(http.MethodPatch).Name("api.webhook.update")
	api.Handle("/webhooks/{id}", requireAPIUser(handleAPIWebhookDelete(s))).Methods(http.MethodDelete).Name("api.webhook.delete")
	api.Handle("/webhooks/{id}/messages", requireAPIUser(handleAPIWebhookMessages(s))).Methods(http.MethodGet).Name("api.webhook.messages")
	api.Handle("/webhook-messages/{id}/resend", requireAPIUser(handleAPIWebhookResend(s))).Methods(http.MethodPost).Name("api.webhook_message.resend")
	// Users (admins) and web forms, as their settings pages manage them.
	api.Handle("/users", requireAPIUser(handleAPIUsers(s))).Methods(http.MethodGet).Name("api.users")
	api.Handle("/users", requireAPIUser(handleAPIUserCreate(s))).Methods(http.MethodPost).Name("api.user.create")
	api.Handle("/users/{id}", requireAPIUser(handleAPIUser(s))).Methods(http.MethodGet).Name("api.user")
	api.Handle("/users/{id}", requireAPIUser(handleAPIUserUpdate(s))).Methods(http.MethodPatch).Name("api.user.update")
	api.Handle("/users/{id}/reset-password", requireAPIUser(handleAPIUserPassword(s))).Methods(http.MethodPost).Name("api.user.password")
	api.Handle("/users/{id}/unlock", requireAPIUser(handleAPIUserUnlock(s))).Methods(http.MethodPost).Name("api.user.unlock")
	api.Handle("/permissions", requireAPIUser(handleAPIPermissions(s))).Methods(http.MethodGet).Name("api.permissions")
	api.Handle("/permissions", requireAPIUser(handleAPIPermissionsUpdate(s))).Methods(http.MethodPatch).Name("api.permissions.update")
	api.Handle("/currencies", requireAPIUser(handleAPICurrencies(s))).Methods(http.MethodGet).Name("api.currencies")
	api.Handle("/currencies", requireAPIUser(handleAPICurrenciesUpdate(s))).Methods(http.MethodPatch).Name("api.currencies.update")
	api.Handle("/currencies/rates", requireAPIUser(handleAPIRateCreate(s))).Methods(http.MethodPost).Name("api.currency_rate.create")
	api.Handle("/currencies/rates/{id}", requireAPIUser(handleAPIRate(s))).Methods(http.MethodGet).Name("api.currency_rate")
	api.Handle("/currencies/rates/{id}", requireAPIUser(handleAPIRateUpdate(s))).Methods(http.MethodPatch).Name("api.currency_rate.update")
	api.Handle("/currencies/rates/{id}", requireAPIUser(handleAPIRateDelete(s))).Methods(http.MethodDelete).Name("api.currency_rate.delete")
	api.Handle("/field-protection", requireAPIUser(handleAPIFieldProtection(s))).Methods(http.MethodGet).Name("api.field_protection")
	api.Handle("/field-protection", requireAPIUser(handleAPIFieldProtectionUpdate(s))).Methods(http.MethodPatch).Name("api.field_protection.update")
	api.Handle("/settings", requireAPIUser(handleAPISettings(s))).Methods(http.MethodGet).Name("api.settings")
	api.Handle("/settings", requireAPIUser(handleAPISettingsUpdate(s))).Methods(http.MethodPatch).Name("api.settings.update")
	api.Handle("/web-forms", requireAPIUser(handleAPIWebForms(s))).Methods(http.MethodGet).Name("api.web_forms")
	api.Handle("/web-forms", requireAPIUser(handleAPIWebFormCreate(s))).Methods(http.MethodPost).Name("api.web_form.create")
	api.Handle("/web-forms/{id}", requireAPIUser(handleAPIWebForm(s))).Methods(http.MethodGet).Name("api.web_form")
	api.Handle("/web-forms/{id}", requireAPIUser(handleAPIWebFormUpdate(s))).Methods(http.MethodPatch).Name("api.web_form.update")
	api.Handle("/web-forms/{id}", requireAPIUser(handleAPIWebFormDelete(s))).Methods(http.MethodDelete).Name("api.web_form.delete")
	api.Handle("/notifications", requireAPIUser(handleAPINotifications(s))).Methods(http.MethodGet).Name("api.notifications")
	api.Handle("/notifications/{id}/read", requireAPIUser(handleAPINotificationRead(s))).Methods(http.MethodPost).Name("api.notification.read")
	api.Handle("/openapi.json", handleOpenAPI(s)).Methods(http.MethodGet).Name("api.openapi") // no login: it holds no data
	api.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeAPIError(w, r, s, errAPINotFound) })
}

// requireAPIUser answers 401 to a request without a session or API key.
func requireAPIUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if request.CurrentSession(r) == nil {
			request.WriteProblem(w, r, &app.Error{Code: app.EUnauthorized, Message: "error.login_required"}, nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}
