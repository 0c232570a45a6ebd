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
	api.Handle("/search", requireAPIUser(busy(handleAPISearch(s)))).Methods(http.MethodGet).Name("api.search")
	api.Handle("/fields", requireAPIUser(handleAPIFields(s))).Methods(http.MethodGet).Name("api.fields")
	api.Handle("/segments", requireAPIUser(handleAPISegments(s))).Methods(http.MethodGet).Name("api.segments")
	api.Handle("/segments", requireAPIUser(handleAPISegmentCreate(s))).Methods(http.MethodPost).Name("api.segment.create")
	api.Handle("/segments/{id}", requireAPIUser(handleAPISegment(s))).Methods(http.MethodGet).Name("api.segment")
	api.Handle("/segments/{id}", requireAPIUser(handleAPISegmentUpdate(s))).Methods(http.MethodPatch).Name("api.segment.update")
	api.Handle("/segments/{id}", requireAPIUser(handleAPISegmentDelete(s))).Methods(http.MethodDelete).Name("api.segment.delete")
	// JSON API: pipelines and deals
	api.Handle("/pipelines", requireAPIUser(handleAPIPipelines(s))).Methods(http.MethodGet).Name("api.pipelines")
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
	api.Handle("/tasks", requireAPIUser(taskAPI.handleList(s))).Methods(http.MethodGet).Name("api.tasks")
	api.Handle("/tasks", requireAPIUser(taskAPI.handleCreate(s))).Methods(http.MethodPost).Name("api.task.create")
	api.Handle("/tasks/{id}", requireAPIUser(taskAPI.handleShow(s))).Methods(http.MethodGet).Name("api.task")
	api.Handle("/tasks/{id}", requireAPIUser(taskAPI.handleUpdate(s))).Methods(http.MethodPatch).Name("api.task.update")
	api.Handle("/tasks/{id}", requireAPIUser(taskAPI.handleDelete(s))).Methods(http.MethodDelete).Name("api.task.delete")
	api.Handle("/tasks/{id}/complete", requireAPIUser(handleAPITaskComplete(s))).Methods(http.MethodPost).Name("api.task.complete")
	api.Handle("/tasks/{id}/snooze", requireAPIUser(handleAPITaskSnooze(s))).Methods(http.MethodPost).Name("api.task.snooze")
	api.Handle("/reminders/due", requireAPIUser(handleAPIRemindersDue(s))).Methods(http.MethodGet).Name("api.reminders.due")
	// JSON API: reports (same names, periods and filters as the pages), the
	// dashboard, and goals with their baseline and progress.
	api.Handle("/reports/{name}", requireAPIUser(handleAPIReport(s))).Methods(http.MethodGet).Name("api.report")
	api.Handle("/dashboard", requireAPIUser(handleAPIDashboard(s))).Methods(http.MethodGet).Name("api.dashboard")
	api.Handle("/goals", requireAPIUser(handleAPIGoals(s))).Methods(http.MethodGet).Name("api.goals")
	api.Handle("/goals", requireAPIUser(handleAPIGoalCreate(s))).Methods(http.MethodPost).Name("api.goal.create")
	api.Handle("/goals/{id}", requireAPIUser(handleAPIGoal(s))).Methods(http.MethodGet).Name("api.goal")
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
