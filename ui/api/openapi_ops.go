package api

// ApiOperation is one operation of the JSON API as the OpenAPI document
// describes it. TestOpenAPIMatchesRouter keeps this table and routes.go in
// step (a route without an entry, or an entry without a route, fails it),
// and the validating test server holds every request and answer of the
// tests to it.
//
// To add an operation: append an entry (from its own file if you like,
// in an init func), name its body and answer schemas, and register the
// Go types behind those names with addSchemaTypes (openapi_types.go).
// Every query parameter the handler reads goes in Query, described in
// queryParams (openapi_params.go). The statuses follow from the entry
// (see Statuses); add others in Errors.
type ApiOperation struct {
	Method, Path, Tag, Summary string
	Request                    string   // schema name of the JSON body; "" for none
	Response                   string   // schema name of the answer; "" for none (204, 202)
	Status                     int      // success status
	Query                      []string // query parameters the handler reads
	Errors                     []int    // statuses beyond those Statuses derives
	Public                     bool     // served without login
}

// pagingQuery is the paging every cursor list takes.
var pagingQuery = []string{"cursor", "limit"}

// recordQuery is the filter language and sort of contacts, companies and
// deals, with paging.
var recordQuery = []string{"q", "segment", "tag", "owner", "sort", "cursor", "limit"}

// linkQuery is the linked-record filter of tasks and activities.
var linkQuery = []string{"contact", "company", "deal"}

// reportQuery is the period picker and filters of the reports and the
// dashboard, as on their pages.
var reportQuery = []string{"period", "from", "to", "pipeline", "owner", "tag", "source", "segment", "by"}

// busy marks the lists and searches each user runs only a few of at once.
var busy = []int{429}

func with(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

var ApiOperations = []ApiOperation{
	{Method: "GET", Path: "/me", Tag: "account", Summary: "Who the caller is", Response: "Me", Status: 200},
	{Method: "GET", Path: "/contacts", Tag: "contacts", Summary: "List contacts", Response: "ContactList", Status: 200, Query: with([]string{"status", "company"}, recordQuery), Errors: busy},
	{Method: "POST", Path: "/contacts", Tag: "contacts", Summary: "Create a contact", Request: "ContactInput", Response: "Contact", Status: 201},
	{Method: "GET", Path: "/contacts/{id}", Tag: "contacts", Summary: "Show a contact", Response: "Contact", Status: 200},
	{Method: "PATCH", Path: "/contacts/{id}", Tag: "contacts", Summary: "Change some fields of a contact (JSON merge patch with version)", Request: "ContactInput", Response: "Contact", Status: 200},
	{Method: "DELETE", Path: "/contacts/{id}", Tag: "contacts", Summary: "Move a contact to the trash", Status: 204},
	{Method: "GET", Path: "/contacts/{id}/export", Tag: "privacy", Summary: "Export everything kept about one person", Response: "PersonExport", Status: 200},
	{Method: "POST", Path: "/contacts/{id}/erase", Tag: "privacy", Summary: "Erase one person's data (confirm with the contact's name)", Request: "EraseInput", Status: 204},
	{Method: "GET", Path: "/contacts/{id}/score", Tag: "scoring", Summary: "A contact's lead score and why", Response: "Score", Status: 200},
	{Method: "GET", Path: "/companies", Tag: "companies", Summary: "List companies", Response: "CompanyList", Status: 200, Query: recordQuery, Errors: busy},
	{Method: "POST", Path: "/companies", Tag: "companies", Summary: "Create a company", Request: "CompanyInput", Response: "Company", Status: 201},
	{Method: "GET", Path: "/companies/{id}", Tag: "companies", Summary: "Show a company", Response: "Company", Status: 200},
	{Method: "PATCH", Path: "/companies/{id}", Tag: "companies", Summary: "Change some fields of a company (JSON merge patch with version)", Request: "CompanyInput", Response: "Company", Status: 200},
	{Method: "DELETE", Path: "/companies/{id}", Tag: "companies", Summary: "Move a company to the trash", Status: 204},
	{Method: "GET", Path: "/tags", Tag: "contacts", Summary: "List tags with their use counts", Response: "TagList", Status: 200},
	{Method: "GET", Path: "/search", Tag: "search", Summary: "Search every record and note, best match first", Response: "SearchResults", Status: 200, Query: []string{"q", "limit"}, Errors: busy},
	{Method: "GET", Path: "/fields", Tag: "custom fields", Summary: "List custom field definitions", Response: "FieldList", Status: 200, Query: []string{"entity"}},
	{Method: "GET", Path: "/segments", Tag: "segments", Summary: "List saved segments with their counts", Response: "SegmentList", Status: 200, Query: []string{"entity"}},
	{Method: "POST", Path: "/segments", Tag: "segments", Summary: "Save a segment", Request: "SegmentInput", Response: "Segment", Status: 201},
	{Method: "GET", Path: "/segments/{id}", Tag: "segments", Summary: "Show a segment", Response: "Segment", Status: 200},
	{Method: "PATCH", Path: "/segments/{id}", Tag: "segments", Summary: "Change a segment's name, query or sharing (its entity stays)", Request: "SegmentInput", Response: "Segment", Status: 200},
	{Method: "DELETE", Path: "/segments/{id}", Tag: "segments", Summary: "Delete a segment", Status: 204},
	{Method: "GET", Path: "/pipelines", Tag: "deals", Summary: "List pipelines with their stages", Response: "PipelineList", Status: 200},
	{Method: "GET", Path: "/deals", Tag: "deals", Summary: "List deals", Response: "DealList", Status: 200, Query: with([]string{"pipeline_id", "stage_id", "status", "company", "close_from", "close_to"}, recordQuery), Errors: busy},
	{Method: "POST", Path: "/deals", Tag: "deals", Summary: "Create a deal", Request: "DealInput", Response: "Deal", Status: 201},
	{Method: "GET", Path: "/deals/{id}", Tag: "deals", Summary: "Show a deal", Response: "Deal", Status: 200},
	{Method: "PATCH", Path: "/deals/{id}", Tag: "deals", Summary: "Change some fields of a deal (JSON merge patch with version)", Request: "DealInput", Response: "Deal", Status: 200},
	{Method: "DELETE", Path: "/deals/{id}", Tag: "deals", Summary: "Move a deal to the trash", Status: 204},
	{Method: "POST", Path: "/deals/{id}/move", Tag: "deals", Summary: "Move a deal to a stage of its pipeline, optionally next to another card", Request: "DealMove", Response: "Deal", Status: 200},
	{Method: "GET", Path: "/deals/{id}/history", Tag: "deals", Summary: "A deal's stage history, oldest first", Response: "StageHistory", Status: 200},
	{Method: "GET", Path: "/activities", Tag: "activities", Summary: "List activities, newest first", Response: "ActivityList", Status: 200, Query: with([]string{"type", "user", "occurred_after", "occurred_before"}, linkQuery, pagingQuery)},
	{Method: "POST", Path: "/activities", Tag: "activities", Summary: "Log an activity", Request: "ActivityInput", Response: "Activity", Status: 201},
	{Method: "GET", Path: "/activities/{id}", Tag: "activities", Summary: "Show an activity", Response: "Activity", Status: 200},
	{Method: "PATCH", Path: "/activities/{id}", Tag: "activities", Summary: "Change an activity (JSON merge patch with version)", Request: "ActivityInput", Response: "Activity", Status: 200},
	{Method: "DELETE", Path: "/activities/{id}", Tag: "activities", Summary: "Move an activity to the trash", Status: 204},
	{Method: "GET", Path: "/activity-types", Tag: "activities", Summary: "List activity types", Response: "ActivityTypeList", Status: 200},
	{Method: "GET", Path: "/tasks", Tag: "tasks", Summary: "List tasks", Response: "TaskList", Status: 200, Query: with([]string{"assignee", "done", "due_after", "due_before"}, linkQuery, pagingQuery)},
	{Method: "POST", Path: "/tasks", Tag: "tasks", Summary: "Create a task", Request: "TaskInput", Response: "Task", Status: 201},
	{Method: "GET", Path: "/tasks/{id}", Tag: "tasks", Summary: "Show a task", Response: "Task", Status: 200},
	{Method: "PATCH", Path: "/tasks/{id}", Tag: "tasks", Summary: "Change a task (JSON merge patch with version)", Request: "TaskInput", Response: "Task", Status: 200},
	{Method: "DELETE", Path: "/tasks/{id}", Tag: "tasks", Summary: "Move a task to the trash", Status: 204},
	{Method: "POST", Path: "/tasks/{id}/complete", Tag: "tasks", Summary: "Complete a task; a repeating one gets its next occurrence", Response: "TaskCompleted", Status: 200},
	{Method: "POST", Path: "/tasks/{id}/snooze", Tag: "tasks", Summary: "Snooze a task", Request: "TaskSnooze", Response: "Task", Status: 200},
	{Method: "GET", Path: "/reminders/due", Tag: "tasks", Summary: "The caller's reminders that have rung (due_at less the task's remind_minutes) and are not dismissed, up to a day after the due (the browser banner)", Response: "DueTasks", Status: 200},
	{Method: "POST", Path: "/reminders/{id}/dismiss", Tag: "tasks", Summary: "Dismiss a task's reminder for its due_at, in every tab", Request: "ReminderDismiss", Status: 204},
	{Method: "GET", Path: "/reports/{name}", Tag: "reports", Summary: "A report's numbers for a period and filters", Response: "Report", Status: 200, Query: reportQuery},
	{Method: "GET", Path: "/dashboard", Tag: "reports", Summary: "The dashboard's numbers, with the previous period's and the goals", Response: "Dashboard", Status: 200, Query: reportQuery},
	{Method: "GET", Path: "/goals", Tag: "goals", Summary: "The goals in view with their progress", Response: "GoalList", Status: 200},
	{Method: "POST", Path: "/goals", Tag: "goals", Summary: "Set a goal; its baseline is recorded now", Request: "GoalInput", Response: "Goal", Status: 201},
	{Method: "GET", Path: "/goals/{id}", Tag: "goals", Summary: "A goal with its baseline and progress over time", Response: "Goal", Status: 200},
	{Method: "DELETE", Path: "/goals/{id}", Tag: "goals", Summary: "Delete a goal", Status: 204},
	{Method: "GET", Path: "/api-keys", Tag: "api keys", Summary: "List your API keys", Response: "APIKeyList", Status: 200},
	{Method: "POST", Path: "/api-keys", Tag: "api keys", Summary: "Create an API key; the token is in this answer only", Request: "APIKeyInput", Response: "APIKey", Status: 201},
	{Method: "DELETE", Path: "/api-keys/{id}", Tag: "api keys", Summary: "Revoke one of your API keys", Status: 204},
	{Method: "GET", Path: "/automation/rules", Tag: "automation", Summary: "List automation rules", Response: "RuleList", Status: 200},
	{Method: "POST", Path: "/automation/rules", Tag: "automation", Summary: "Create a rule", Request: "RuleDefinition", Response: "Rule", Status: 201},
	{Method: "GET", Path: "/automation/rules/{id}", Tag: "automation", Summary: "Show a rule", Response: "Rule", Status: 200},
	{Method: "PUT", Path: "/automation/rules/{id}", Tag: "automation", Summary: "Replace a rule's definition (with the version read)", Request: "RuleReplace", Response: "Rule", Status: 200},
	{Method: "DELETE", Path: "/automation/rules/{id}", Tag: "automation", Summary: "Delete a rule with its run log", Status: 204},
	{Method: "GET", Path: "/automation/rules/{id}/runs", Tag: "automation", Summary: "A rule's latest runs and their outcomes", Response: "RuleRunList", Status: 200},
	{Method: "GET", Path: "/scoring/rules", Tag: "scoring", Summary: "List lead-scoring rules", Response: "ScoreRuleList", Status: 200},
	{Method: "POST", Path: "/scoring/rules", Tag: "scoring", Summary: "Add a scoring rule (every score is recomputed)", Request: "ScoreRuleInput", Response: "ScoreRule", Status: 201},
	{Method: "DELETE", Path: "/scoring/rules/{id}", Tag: "scoring", Summary: "Delete a scoring rule", Status: 204},
	{Method: "GET", Path: "/webhooks", Tag: "webhooks", Summary: "List webhook endpoints", Response: "WebhookList", Status: 200},
	{Method: "POST", Path: "/webhooks", Tag: "webhooks", Summary: "Subscribe a URL to events; the signing secret is in this answer only", Request: "WebhookInput", Response: "Webhook", Status: 201},
	{Method: "PATCH", Path: "/webhooks/{id}", Tag: "webhooks", Summary: "Switch an endpoint on or off", Request: "WebhookSwitch", Response: "Webhook", Status: 200},
	{Method: "DELETE", Path: "/webhooks/{id}", Tag: "webhooks", Summary: "Delete an endpoint with its delivery log", Status: 204},
	{Method: "GET", Path: "/webhooks/{id}/messages", Tag: "webhooks", Summary: "The delivery log: the latest messages and every attempt", Response: "WebhookMessages", Status: 200},
	{Method: "POST", Path: "/webhook-messages/{id}/resend", Tag: "webhooks", Summary: "Send a message again (same webhook-id)", Status: 202},
	{Method: "GET", Path: "/notifications", Tag: "notifications", Summary: "Your latest notifications and the unread count", Response: "Notifications", Status: 200},
	{Method: "POST", Path: "/notifications/{id}/read", Tag: "notifications", Summary: "Mark a notification read (\"all\" for every one)", Status: 204},
	{Method: "GET", Path: "/openapi.json", Tag: "meta", Summary: "This document (no login needed)", Response: "OpenAPI", Status: 200, Public: true},
}
