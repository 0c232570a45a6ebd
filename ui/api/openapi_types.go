package api

import (
	"encoding/json"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// apiSchemaTypes names the Go type behind every schema an operation
// names (ApiOperation.Request and Response). The handlers encode and
// decode these very types, so the document follows the code. A new
// operation registers its types here, or from its own file with
//
//	func init() { addSchemaTypes(map[string]any{"PipelineInput": pipelineBody{}}) }
//
// Nested named structs need no entry: they become components named after
// their type (StageJSON: Stage). A request type (one an operation names
// as Request) is described as the decoder reads it; see openapi_schema.go.
var apiSchemaTypes = map[string]any{
	"Problem": request.Problem{},
	"Me":      meResponse{},

	"Contact":      ContactJSON{},
	"ContactList":  PageJSON[ContactJSON]{},
	"ContactInput": contactBody{},
	"PersonExport": PersonExportJSON{},
	"EraseInput":   eraseBody{},
	"Score":        scoreAnswer{},

	"Company":      CompanyJSON{},
	"CompanyList":  PageJSON[CompanyJSON]{},
	"CompanyInput": companyBody{},

	"TagList":       listJSON[TagJSON]{},
	"SearchResults": listJSON[request.SearchResultJSON]{},
	"FieldList":     listJSON[FieldJSON]{},
	"Segment":       SegmentJSON{},
	"SegmentList":   listJSON[SegmentJSON]{},
	"SegmentInput":  segmentBody{},

	"PipelineList": listJSON[PipelineJSON]{},
	"Deal":         DealJSON{},
	"DealList":     PageJSON[DealJSON]{},
	"DealInput":    dealBody{},
	"DealMove":     moveBody{},
	"StageHistory": listJSON[StageChangeJSON]{},

	"Activity":         ActivityJSON{},
	"ActivityList":     PageJSON[ActivityJSON]{},
	"ActivityInput":    activityBody{},
	"ActivityTypeList": listJSON[activityTypeJSON]{},
	"Task":             TaskJSON{},
	"TaskList":         PageJSON[TaskJSON]{},
	"TaskInput":        taskBody{},
	"TaskCompleted":    completedJSON{},
	"TaskSnooze":       snoozeBody{},
	"DueTask":          dueJSON{},
	"DueTasks":         listJSON[dueJSON]{},

	"Report":    reportJSON{},
	"WinRate":   winRateJSON{},
	"Goal":      goalJSON{},
	"GoalList":  listJSON[goalJSON]{},
	"GoalInput": goalBody{},

	"APIKey":      apiKeyJSON{},
	"APIKeyList":  listJSON[apiKeyJSON]{},
	"APIKeyInput": apiKeyBody{},

	"Rule":             ruleJSON{},
	"RuleList":         listJSON[ruleJSON]{},
	"RuleDefinition":   app.RuleDefinition{},
	"RuleReplace":      ruleReplaceBody{},
	"RuleRun":          runJSON{},
	"RuleRunList":      listJSON[runJSON]{},
	"ScoreRule":        scoreRuleJSON{},
	"ScoreRuleList":    listJSON[scoreRuleJSON]{},
	"ScoreRuleInput":   scoreRuleBody{},
	"Webhook":          webhookJSON{},
	"WebhookList":      listJSON[webhookJSON]{},
	"WebhookInput":     webhookBody{},
	"WebhookSwitch":    webhookSwitchBody{},
	"WebhookMessage":   messageJSON{},
	"WebhookDelivery":  deliveryJSON{},
	"WebhookMessages":  listJSON[messageJSON]{},
	"Notification":     notificationJSON{},
	"Notifications":    notificationsAnswer{},
	"HistoryEntry":     historyJSON{},
	"PersonDeal":       personDealJSON{},
	"StageChange":      StageChangeJSON{},
	"ActivityType":     activityTypeJSON{},
	"RuleTrigger":      app.Trigger{},
	"RuleAction":       app.Action{},
	"RuleRoute":        app.Route{},
	"LabeledValue":     app.Labeled{},
	"PostalAddress":    app.Address{},
	"FieldOption":      OptionJSON{},
	"ReportPeriod":     periodJSON{},
	"MoneyAmount":      moneyJSON{},
	"ReportBucket":     bucketJSON{},
	"SearchResult":     request.SearchResultJSON{},
	"ContactScoreItem": app.ScoreReason{},
}

// addSchemaTypes registers more schemas (from an operation's own file).
func addSchemaTypes(types map[string]any) {
	for name, v := range types {
		apiSchemaTypes[name] = v
	}
}

// listJSON is the answer of a list without paging: {"data": [...]}.
type listJSON[T any] struct {
	Data []T `json:"data"`
}

// The answers and bodies below are built as map literals or anonymous
// structs inside their handlers; these types have the same members, and
// the validation test (ui/openapi_validate_test.go) checks every real
// answer and body against them.

// scoreAnswer is GET /contacts/{id}/score.
type scoreAnswer struct {
	Score   int               `json:"score"`
	Reasons []app.ScoreReason `json:"reasons"`
}

// notificationsAnswer is GET /notifications.
type notificationsAnswer struct {
	Data   []notificationJSON `json:"data"`
	Unread int                `json:"unread"`
}

// eraseBody is POST /contacts/{id}/erase.
type eraseBody struct {
	Confirm string `json:"confirm"`
}

// goalBody is POST /goals (handleAPIGoalCreate's body).
type goalBody struct {
	Name     string      `json:"name"`
	Metric   string      `json:"metric"`
	UserID   string      `json:"user_id"`
	Currency string      `json:"currency"`
	Target   json.Number `json:"target"`
	Deadline string      `json:"deadline"`
}

// apiKeyBody is POST /api-keys.
type apiKeyBody struct {
	Name      string     `json:"name"`
	Scope     string     `json:"scope"`
	ExpiresAt *time.Time `json:"expires_at"`
}

// ruleReplaceBody is PUT /automation/rules/{id}.
type ruleReplaceBody struct {
	Version int `json:"version"`
	app.RuleDefinition
}

// scoreRuleBody is POST /scoring/rules: a scoring rule's members (an id
// given is ignored).
type scoreRuleBody scoreRuleJSON

// webhookBody is POST /webhooks.
type webhookBody struct {
	URL         string   `json:"url"`
	Description string   `json:"description"`
	Events      []string `json:"events"`
}

// webhookSwitchBody is PATCH /webhooks/{id}.
type webhookSwitchBody struct {
	Enabled bool `json:"enabled"`
	Version int  `json:"version"`
}

// handWrittenSchemas are answers assembled as maps whose members no Go
// type names; the validation test holds them to the real answers.
var handWrittenSchemas = map[string]any{
	"OpenAPI": map[string]any{"type": "object", "description": "This OpenAPI 3.1 document"},
	"Dashboard": map[string]any{
		"type": "object", "additionalProperties": false,
		"required": []string{"period", "previous", "filters", "open_count", "open", "weighted", "forecast", "won", "won_before",
			"tasks_overdue", "new_contacts", "new_contacts_before", "activities", "activities_before", "goals"},
		"properties": map[string]any{
			"period": ref("ReportPeriod"), "previous": ref("ReportPeriod"),
			"filters":    map[string]any{"type": "string", "description": "the query string that reopens this view"},
			"open_count": map[string]any{"type": "integer"}, "open": moneyArray, "weighted": moneyArray,
			"forecast": map[string]any{"type": "array", "items": map[string]any{
				"type": "object", "additionalProperties": false, "required": []string{"month", "count", "value", "weighted"},
				"properties": map[string]any{
					"month": map[string]any{"type": "string", "description": "YYYY-MM of the expected close; empty for none"},
					"count": map[string]any{"type": "integer"}, "value": moneyArray, "weighted": moneyArray,
				}}},
			"won": ref("WinRate"), "won_before": ref("WinRate"),
			"tasks_overdue": map[string]any{"type": "integer"}, "new_contacts": map[string]any{"type": "integer"},
			"new_contacts_before": map[string]any{"type": "integer"}, "activities": map[string]any{"type": "integer"},
			"activities_before": map[string]any{"type": "integer"},
			"goals":             map[string]any{"type": "array", "items": ref("Goal")},
		},
	},
}

var moneyArray = map[string]any{"type": "array", "items": ref("MoneyAmount")}
