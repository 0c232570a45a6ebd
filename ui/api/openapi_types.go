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
	"ReminderDismiss":  dismissBody{},

	"Report":    reportJSON{},
	"Dashboard": dashboardJSON{},
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

func init() {
	for name, v := range reportSchemas {
		apiSchemaTypes[reportSchemaName(name)] = v
	}
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

// handWrittenSchemas are answers no Go type describes.
var handWrittenSchemas = map[string]any{
	"OpenAPI": map[string]any{"type": "object", "description": "This OpenAPI 3.1 document"},
}

// reportSchemas are the shapes of a report's data, by report name.
var reportSchemas = map[string]any{
	"pipeline": pipelineReportJSON{}, "funnel": funnelReportJSON{}, "win_rate": winRateReportJSON{}, "time": timeReportJSON{},
	"sources": sourcesReportJSON{}, "growth": growthReportJSON{}, "activity": activityReportJSON{}, "adoption": adoptionReportJSON{},
}
