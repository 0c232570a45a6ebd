package api

// ApiOperation is one operation of the JSON API as the OpenAPI document
// describes it. TestOpenAPIMatchesRouter keeps this table and routes.go in
// step: a route without an entry, or an entry without a route, fails it.
type ApiOperation struct {
	Method, Path, Tag, Summary string
	Request                    string   // schema name of the JSON body; "" for none
	Response                   string   // schema name of the answer; "" for 204
	Status                     int      // success status
	Query                      []string // query parameters
}

// pagingQuery is the paging and sorting every list takes.
var pagingQuery = []string{"sort", "cursor", "limit"}

// reportQuery is the period picker and filters of the reports and the
// dashboard, as on their pages (period: this_week … last_year, custom
// with from and to; owner: me, team or a user's id; by: win_rate's
// breakdown).
var reportQuery = []string{"period", "from", "to", "pipeline", "owner", "tag", "source", "segment", "by"}

var ApiOperations = []ApiOperation{
	{"GET", "/me", "account", "Who the caller is", "", "Me", 200, nil},
	{"GET", "/contacts", "contacts", "List contacts", "", "List", 200, append([]string{"tag", "owner", "status", "company"}, pagingQuery...)},
	{"POST", "/contacts", "contacts", "Create a contact", "ContactInput", "Contact", 201, nil},
	{"GET", "/contacts/{id}", "contacts", "Show a contact", "", "Contact", 200, nil},
	{"PATCH", "/contacts/{id}", "contacts", "Change some fields of a contact (JSON merge patch with version)", "ContactInput", "Contact", 200, nil},
	{"DELETE", "/contacts/{id}", "contacts", "Move a contact to the trash", "", "", 204, nil},
	{"GET", "/contacts/{id}/export", "privacy", "Export everything kept about one person", "", "Object", 200, nil},
	{"POST", "/contacts/{id}/erase", "privacy", "Erase one person's data", "Object", "", 204, nil},
	{"GET", "/contacts/{id}/score", "scoring", "A contact's lead score and why", "", "Score", 200, nil},
	{"GET", "/companies", "companies", "List companies", "", "List", 200, pagingQuery},
	{"POST", "/companies", "companies", "Create a company", "CompanyInput", "Company", 201, nil},
	{"GET", "/companies/{id}", "companies", "Show a company", "", "Company", 200, nil},
	{"PATCH", "/companies/{id}", "companies", "Change some fields of a company", "CompanyInput", "Company", 200, nil},
	{"DELETE", "/companies/{id}", "companies", "Move a company to the trash", "", "", 204, nil},
	{"GET", "/tags", "contacts", "List tags with their use counts", "", "List", 200, nil},
	{"GET", "/search", "search", "Search every record and note", "", "List", 200, []string{"q", "limit"}},
	{"GET", "/fields", "custom fields", "List custom fields", "", "List", 200, nil},
	{"GET", "/segments", "segments", "List saved segments", "", "List", 200, nil},
	{"POST", "/segments", "segments", "Save a segment", "Object", "Object", 201, nil},
	{"GET", "/segments/{id}", "segments", "Show a segment", "", "Object", 200, nil},
	{"PATCH", "/segments/{id}", "segments", "Change a segment", "Object", "Object", 200, nil},
	{"DELETE", "/segments/{id}", "segments", "Delete a segment", "", "", 204, nil},
	{"GET", "/pipelines", "deals", "List pipelines with their stages", "", "List", 200, nil},
	{"GET", "/deals", "deals", "List deals", "", "List", 200, append([]string{"pipeline", "stage", "status", "owner"}, pagingQuery...)},
	{"POST", "/deals", "deals", "Create a deal", "DealInput", "Deal", 201, nil},
	{"GET", "/deals/{id}", "deals", "Show a deal", "", "Deal", 200, nil},
	{"PATCH", "/deals/{id}", "deals", "Change some fields of a deal", "DealInput", "Deal", 200, nil},
	{"DELETE", "/deals/{id}", "deals", "Move a deal to the trash", "", "", 204, nil},
	{"POST", "/deals/{id}/move", "deals", "Move a deal to a stage", "Object", "Deal", 200, nil},
	{"GET", "/deals/{id}/history", "deals", "A deal's stage history", "", "List", 200, nil},
	{"GET", "/activities", "activities", "List activities", "", "List", 200, []string{"entity", "entity_id", "type", "cursor"}},
	{"POST", "/activities", "activities", "Log an activity", "Object", "Object", 201, nil},
	{"GET", "/activities/{id}", "activities", "Show an activity", "", "Object", 200, nil},
	{"PATCH", "/activities/{id}", "activities", "Change an activity", "Object", "Object", 200, nil},
	{"DELETE", "/activities/{id}", "activities", "Move an activity to the trash", "", "", 204, nil},
	{"GET", "/activity-types", "activities", "List activity types", "", "List", 200, nil},
	{"GET", "/tasks", "tasks", "List tasks", "", "List", 200, []string{"assignee", "done", "cursor"}},
	{"POST", "/tasks", "tasks", "Create a task", "Object", "Object", 201, nil},
	{"GET", "/tasks/{id}", "tasks", "Show a task", "", "Object", 200, nil},
	{"PATCH", "/tasks/{id}", "tasks", "Change a task", "Object", "Object", 200, nil},
	{"DELETE", "/tasks/{id}", "tasks", "Move a task to the trash", "", "", 204, nil},
	{"POST", "/tasks/{id}/complete", "tasks", "Complete a task", "", "Object", 200, nil},
	{"POST", "/tasks/{id}/snooze", "tasks", "Snooze a task", "Object", "Object", 200, nil},
	{"GET", "/reminders/due", "tasks", "What is due now (browser notifications)", "", "Object", 200, nil},
	{"GET", "/reports/{name}", "reports", "A report's numbers (pipeline, funnel, win_rate, time, sources, growth, activity, adoption), for a period and filters", "", "Report", 200, reportQuery},
	{"GET", "/dashboard", "reports", "The dashboard's numbers, with the previous period's and the goals", "", "Dashboard", 200, reportQuery},
	{"GET", "/goals", "goals", "The goals in view with their progress", "", "GoalList", 200, nil},
	{"POST", "/goals", "goals", "Set a goal; its baseline is recorded now", "GoalInput", "Goal", 201, nil},
	{"GET", "/goals/{id}", "goals", "A goal with its baseline and progress over time", "", "Goal", 200, nil},
	{"DELETE", "/goals/{id}", "goals", "Delete a goal", "", "", 204, nil},
	{"GET", "/api-keys", "api keys", "List your API keys", "", "APIKeyList", 200, nil},
	{"POST", "/api-keys", "api keys", "Create an API key; the token is in this answer only", "APIKeyInput", "APIKeyCreated", 201, nil},
	{"DELETE", "/api-keys/{id}", "api keys", "Revoke one of your API keys", "", "", 204, nil},
	{"GET", "/automation/rules", "automation", "List automation rules", "", "RuleList", 200, nil},
	{"POST", "/automation/rules", "automation", "Create a rule", "RuleDefinition", "Rule", 201, nil},
	{"GET", "/automation/rules/{id}", "automation", "Show a rule", "", "Rule", 200, nil},
	{"PUT", "/automation/rules/{id}", "automation", "Replace a rule's definition (with the version read)", "RuleReplace", "Rule", 200, nil},
	{"DELETE", "/automation/rules/{id}", "automation", "Delete a rule with its run log", "", "", 204, nil},
	{"GET", "/automation/rules/{id}/runs", "automation", "A rule's latest runs and their outcomes", "", "RunList", 200, nil},
	{"GET", "/scoring/rules", "scoring", "List lead-scoring rules", "", "List", 200, nil},
	{"POST", "/scoring/rules", "scoring", "Add a scoring rule (every score is recomputed)", "ScoreRule", "ScoreRule", 201, nil},
	{"DELETE", "/scoring/rules/{id}", "scoring", "Delete a scoring rule", "", "", 204, nil},
	{"GET", "/webhooks", "webhooks", "List webhook endpoints", "", "List", 200, nil},
	{"POST", "/webhooks", "webhooks", "Subscribe a URL to events; the signing secret is in this answer only", "WebhookInput", "Webhook", 201, nil},
	{"PATCH", "/webhooks/{id}", "webhooks", "Switch an endpoint on or off", "Object", "Webhook", 200, nil},
	{"DELETE", "/webhooks/{id}", "webhooks", "Delete an endpoint with its delivery log", "", "", 204, nil},
	{"GET", "/webhooks/{id}/messages", "webhooks", "The delivery log: messages and every attempt", "", "List", 200, nil},
	{"POST", "/webhook-messages/{id}/resend", "webhooks", "Send a message again (same webhook-id)", "", "", 202, nil},
	{"GET", "/notifications", "notifications", "Your latest notifications and the unread count", "", "Notifications", 200, nil},
	{"POST", "/notifications/{id}/read", "notifications", "Mark a notification read (\"all\" for every one)", "", "", 204, nil},
	{"GET", "/openapi.json", "meta", "This document", "", "Object", 200, nil},
}
