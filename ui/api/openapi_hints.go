package api

import (
	"strings"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// What the Go types cannot say about a schema: descriptions, enums and
// formats of members ("Schema.member"), and examples built from the very
// types the handlers encode (so an example cannot show a field that does
// not exist; TestOpenAPIMatchesRouter validates each against its schema).

var schemaDescriptions = map[string]string{
	"Problem":       "RFC 9457 problem details. code is stable for programs; detail is in the caller's language; errors maps each field of a 422 to its problem.",
	"Contact":       "A contact. Send it back as it is to PATCH: the read-only members (id, created_at, updated_at, a phone's e164) are accepted and ignored.",
	"ContactInput":  "A contact's members as POST and PATCH read them (JSON merge patch: an absent member keeps its value, null or \"\" clears it). PATCH needs version, the one last read.",
	"CompanyInput":  "A company's members as POST and PATCH read them (JSON merge patch); PATCH needs version.",
	"DealInput":     "A deal's members as POST and PATCH read them (JSON merge patch); PATCH needs version. A pipeline_id without stage_id means that pipeline's first open stage.",
	"TaskInput":     "A task's members as POST and PATCH read them (JSON merge patch); PATCH needs version. due_at (a moment) and due_date (an all-day task) replace each other.",
	"ActivityInput": "An activity's members as POST and PATCH read them (JSON merge patch); PATCH needs version.",
	"ContactList":   "One page of contacts: next_cursor asks for the next page and is null on the last; total is how many records the filters match.",
	"CompanyList":   "One page of companies (see ContactList).",
	"DealList":      "One page of deals (see ContactList).",
	"TaskList":      "One page of tasks (see ContactList).",
	"ActivityList":  "One page of activities (see ContactList).",
	"TaskSnooze":    "Until when: an exact moment (until), a choice (option: later, tomorrow, next_week), or a day and time in the caller's zone (date, time).",
	"RuleReplace":   "The whole definition, with the version it was read at.",
	"Report":        "A report's numbers for a period and filters.",
}

var (
	dateFormat = map[string]any{"format": "date"}
	minorUnits = map[string]any{"description": "in the currency's minor units (cents; won and yen have none)"}
	readOnly   = map[string]any{"description": "read-only: accepted and ignored"}
)

var fieldHints = map[string]map[string]any{
	"Contact.birthday":           {"description": "YYYY-MM-DD, or --MM-DD without a year; empty when unknown"},
	"Contact.lifecycle_status":   {"description": "subscriber, lead, qualified, opportunity, customer, evangelist, churned or other"},
	"Contact.custom_fields":      {"description": "custom field values by key (GET /fields)"},
	"Contact.version":            {"description": "send it back with a PATCH: a change made since answers 409"},
	"Phone.e164":                 {"description": "the number in E.164 form; empty when it could not be read"},
	"Company.custom_fields":      {"description": "custom field values by key (GET /fields)"},
	"Deal.value":                 minorUnits,
	"Deal.status":                {"enum": []any{"open", "won", "lost"}},
	"Deal.expected_close_date":   dateFormat,
	"Task.due_at":                {"description": "a timed task's moment (UTC); null for an all-day or undated task"},
	"Task.due_date":              {"format": "date", "description": "an all-day task's day; null for a timed or undated task"},
	"Task.priority":              {"enum": []any{"low", "normal", "high"}},
	"Task.recurrence":            {"description": "an RRULE (RFC 5545) such as FREQ=WEEKLY;BYDAY=MO"},
	"Goal.unit":                  {"enum": []any{"count", "minor_units", "tenth_percent"}},
	"Goal.user_id":               {"description": "null for a team goal"},
	"Goal.deadline":              {"format": "date", "description": "the last day, in the reader's zone"},
	"GoalInput.user_id":          {"description": "absent or empty: your own goal; \"team\": the team's"},
	"GoalInput.target":           {"description": "as on the form: 30 (per cent), 1250.50 (money), 12 (count)"},
	"GoalInput.deadline":         dateFormat,
	"APIKey.scope":               {"enum": []any{"read", "write"}},
	"APIKey.token":               {"description": "the key itself: only in the answer to its creation"},
	"APIKeyInput.scope":          {"description": "read (GET only) or write"},
	"Webhook.secret":             {"description": "whsec_…: only in the answer to its creation"},
	"Webhook.owner_id":           {"description": "who added it: it carries only what they may see (empty: the command-line operator)"},
	"WebhookInput.url":           {"format": "uri"},
	"WebhookSwitch.version":      {"description": "accepted and ignored: switching is idempotent"},
	"RuleRun.status":             {"enum": []any{"ok", "failed", "skipped", "queued"}},
	"Report.data":                {"anyOf": reportDataRefs(), "description": "the report's numbers: the schema named after the report (PipelineReport for pipeline, WinRateReport for win_rate …); money as {value (minor units), currency}, rates in per cent"},
	"Report.filters":             {"description": "the query string that reopens this view"},
	"ContactList.next_cursor":    {"description": "null on the last page"},
	"ContactInput.id":            readOnly,
	"ContactInput.created_at":    readOnly,
	"ContactInput.updated_at":    readOnly,
	"DealInput.closed_at":        readOnly,
	"DealInput.stage_entered_at": readOnly,
	"TaskInput.done_at":          readOnly,
	"TaskInput.series_id":        readOnly,
	"TaskInput.snoozed_until":    readOnly,
	"TaskInput.due_at":           {"description": "RFC 3339; null or \"\" clears it"},
	"ActivityInput.occurred_at":  {"description": "RFC 3339"},
}

// reportDataRefs lists the report shapes a report's data may take.
func reportDataRefs() []any {
	var out []any
	for _, name := range request.ReportNames {
		out = append(out, ref(reportSchemaName(name)))
	}
	return out
}

// reportSchemaName is the component of a report's data: PipelineReport,
// WinRateReport.
func reportSchemaName(report string) string {
	var b strings.Builder
	for _, part := range strings.Split(report, "_") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String() + "Report"
}

// exampleTime is the moment every example is stamped with.
var exampleTime = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func strPtr(s string) *string { return &s }

var schemaExamples = map[string]any{
	"Contact": ContactJSON{ID: "c_01J8Z3", FirstName: "Ada", LastName: "Lovelace", DisplayName: "Ada Lovelace",
		Emails: []app.Labeled{{Label: "work", Value: "ada@example.com"}}, Phones: []PhoneJSON{{Label: "mobile", Value: "+44 20 7946 0958", E164: "+442079460958"}},
		Title: "Analyst", CompanyID: strPtr("co_01J8Z4"), Address: app.Address{City: "London", Country: "GB"}, Birthday: "--12-10",
		Social: []app.Labeled{}, LeadSource: "website", LifecycleStatus: "lead", OwnerID: strPtr("u_01J8Z1"), Tags: []string{"vip"},
		CustomFields: map[string]any{"renewal_date": "2026-09-01"}, Version: 3, CreatedAt: exampleTime, UpdatedAt: exampleTime},
	"Deal": DealJSON{ID: "d_01J8Z5", Title: "Analytical engine", Value: 1250050, Currency: "GBP", PipelineID: "p_01", StageID: "s_02",
		Status: "open", CompanyID: strPtr("co_01J8Z4"), ContactIDs: []string{"c_01J8Z3"}, OwnerID: strPtr("u_01J8Z1"),
		ExpectedCloseDate: strPtr("2026-06-30"), Tags: []string{}, CustomFields: map[string]any{}, StageEnteredAt: exampleTime,
		Version: 1, CreatedAt: exampleTime, UpdatedAt: exampleTime},
	"Company": CompanyJSON{ID: "co_01J8Z4", Name: "Analytical Engines", Domain: "engines.example", Website: "https://engines.example",
		Industry: "Machinery", Size: "11-50", Phone: "+44 20 7946 0000", PhoneE164: "+442079460000", Address: app.Address{City: "London", Country: "GB"},
		OwnerID: strPtr("u_01J8Z1"), Tags: []string{}, CustomFields: map[string]any{}, Version: 1, CreatedAt: exampleTime, UpdatedAt: exampleTime},
	"Task": TaskJSON{ID: "t_01J8Z6", Title: "Weekly call", DueAt: &exampleTime, TimeZone: "Europe/London", AssigneeID: strPtr("u_01J8Z1"),
		Priority: "normal", Recurrence: strPtr("FREQ=WEEKLY;BYDAY=MO"), SeriesID: strPtr("t_01J8Z6"),
		LinkIDs: LinkIDs{ContactIDs: []string{"c_01J8Z3"}, CompanyIDs: []string{}, DealIDs: []string{}}, Version: 1, CreatedAt: exampleTime, UpdatedAt: exampleTime},
	"DealList": PageJSON[DealJSON]{Data: []DealJSON{}, NextCursor: nil, Total: 0}, // the last page: next_cursor is null
	"Problem": request.Problem{Type: "about:blank", Title: "Unprocessable Entity", Status: 422, Detail: "Some fields need attention",
		Code: "invalid", Errors: map[string]string{"email": "Enter a valid email address"}},
}
