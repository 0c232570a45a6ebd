package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"rolo/ui/request"
)

// openAPIDocument builds the OpenAPI 3.1 description of /api/v1 from
// apiOperations.
func openAPIDocument(version string) map[string]any {
	paths := map[string]map[string]any{}
	for _, op := range ApiOperations {
		item, ok := paths[op.Path]
		if !ok {
			item = map[string]any{}
			paths[op.Path] = item
		}
		o := map[string]any{
			"operationId": operationID(op), "summary": op.Summary, "tags": []string{op.Tag},
			"responses": responsesOf(op),
		}
		var params []any
		for _, name := range pathParams(op.Path) {
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, q := range op.Query {
			params = append(params, map[string]any{"name": q, "in": "query", "required": false, "schema": map[string]any{"type": "string"}})
		}
		if len(params) > 0 {
			o["parameters"] = params
		}
		if op.Request != "" {
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": ref(op.Request)}}}
		}
		item[strings.ToLower(op.Method)] = o
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title": "Rolo API", "version": version,
			"description": "The JSON API of Rolo. Authenticate with a personal API key (Authorization: Bearer rolo_…) " +
				"or a browser session. A key acts as its owner with the owner's role; a read key may only use GET. " +
				"Errors are RFC 9457 problem+json.",
		},
		"servers":  []any{map[string]any{"url": "/api/v1"}},
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"paths":    paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "A personal API key from Profile → API keys"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": request.SessionCookie},
			},
			"schemas": apiSchemas,
		},
	}
}

func operationID(op ApiOperation) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(op.Method))
	for _, part := range strings.FieldsFunc(op.Path, func(r rune) bool { return r == '/' || r == '-' || r == '.' }) {
		part = strings.Trim(part, "{}")
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func pathParams(path string) []string {
	var out []string
	for _, part := range strings.Split(path, "/") {
		if strings.HasPrefix(part, "{") {
			out = append(out, strings.Trim(part, "{}"))
		}
	}
	return out
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func responsesOf(op ApiOperation) map[string]any {
	problem := func(text string) map[string]any {
		return map[string]any{"description": text, "content": map[string]any{"application/problem+json": map[string]any{"schema": ref("Problem")}}}
	}
	ok := map[string]any{"description": "Success"}
	if op.Response != "" {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": ref(op.Response)}}
	}
	out := map[string]any{strconv.Itoa(op.Status): ok, "401": problem("Not logged in, or the API key is invalid, expired or revoked"),
		"403": problem("The caller's role, or a read-only key, does not allow this")}
	if strings.Contains(op.Path, "{") {
		out["404"] = problem("No such record")
	}
	if op.Request != "" {
		out["422"] = problem("Invalid input; errors maps each field to its problem")
	}
	return out
}

// object is a schema with the given properties; more may come, since
// records grow custom fields.
func object(props map[string]any, required ...string) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		sort.Strings(required)
		o["required"] = required
	}
	return o
}

var (
	str          = map[string]any{"type": "string"}
	optStr       = map[string]any{"type": []string{"string", "null"}}
	integer      = map[string]any{"type": "integer"}
	boolean      = map[string]any{"type": "boolean"}
	dateTime     = map[string]any{"type": "string", "format": "date-time"}
	optTime      = map[string]any{"type": []string{"string", "null"}, "format": "date-time"}
	stringList   = map[string]any{"type": "array", "items": str}
	moneySchema  = map[string]any{"type": "array", "items": object(map[string]any{"value": integer, "currency": str}, "value", "currency")}
	reportPeriod = object(map[string]any{"key": str, "from": dateTime, "to": dateTime})
)

func arrayOf(name string) map[string]any {
	return object(map[string]any{"data": map[string]any{"type": "array", "items": ref(name)}, "next_cursor": str}, "data")
}

var apiSchemas = map[string]any{
	"Problem": object(map[string]any{"type": str, "title": str, "status": integer, "detail": str, "code": str,
		"errors": map[string]any{"type": "object", "additionalProperties": str}}, "status", "code"),
	"Object": map[string]any{"type": "object"},
	"Report": object(map[string]any{"report": str, "period": reportPeriod, "filters": str,
		"data": map[string]any{"type": "object", "description": "the report's rows and totals; money as {value (minor units), currency}, rates in per cent"}}, "report", "period", "data"),
	"Dashboard": object(map[string]any{"period": reportPeriod, "previous": reportPeriod, "open_count": integer, "open": moneySchema, "weighted": moneySchema,
		"forecast": map[string]any{"type": "array"}, "won": map[string]any{"type": "object"}, "won_before": map[string]any{"type": "object"},
		"tasks_overdue": integer, "new_contacts": integer, "new_contacts_before": integer, "activities": integer, "activities_before": integer,
		"goals": map[string]any{"type": "array", "items": ref("Goal")}}, "period"),
	"Goal": object(map[string]any{"id": str, "name": str, "metric": str, "unit": map[string]any{"type": "string", "enum": []string{"count", "minor_units", "tenth_percent"}},
		"user_id": optStr, "currency": str, "target": integer, "baseline": integer, "current": integer, "percent": map[string]any{"type": "number"},
		"reached": boolean, "ended": boolean, "starts_at": dateTime, "deadline": map[string]any{"type": "string", "format": "date"}, "ends_at": dateTime,
		"created_at": dateTime, "points": map[string]any{"type": "array", "items": object(map[string]any{"at": dateTime, "value": integer})}}, "id", "metric", "target", "baseline"),
	"GoalList": arrayOf("Goal"),
	"GoalInput": object(map[string]any{"name": str, "metric": str, "user_id": map[string]any{"type": "string", "description": "absent: your own goal; \"team\": the team's"},
		"currency": str, "target": map[string]any{"type": []string{"number", "string"}, "description": "as on the form: 30 (per cent), 1250.50 (money), 12 (count)"},
		"deadline": map[string]any{"type": "string", "format": "date"}}, "name", "metric", "target", "deadline"),
	"List":          object(map[string]any{"data": map[string]any{"type": "array"}, "next_cursor": str}),
	"Me":            object(map[string]any{"id": str, "email": str, "name": str, "role": str, "language": str, "time_zone": str, "created_at": dateTime}, "id", "email", "role"),
	"Contact":       object(map[string]any{"id": str, "version": integer, "first_name": str, "last_name": str, "display_name": str, "lifecycle_status": str, "owner_id": optStr, "tags": stringList}, "id", "version"),
	"ContactInput":  object(map[string]any{"version": integer, "first_name": str, "last_name": str, "lifecycle_status": str, "lead_source": str, "owner_id": optStr, "tags": stringList}),
	"Company":       object(map[string]any{"id": str, "version": integer, "name": str, "domain": str, "tags": stringList}, "id", "version", "name"),
	"CompanyInput":  object(map[string]any{"version": integer, "name": str, "domain": str, "tags": stringList}),
	"Deal":          object(map[string]any{"id": str, "version": integer, "title": str, "value": integer, "currency": str, "pipeline_id": str, "stage_id": str, "status": str}, "id", "version", "title"),
	"DealInput":     object(map[string]any{"version": integer, "title": str, "value": integer, "currency": str, "stage_id": str, "status": str}),
	"Score":         object(map[string]any{"score": integer, "reasons": map[string]any{"type": "array", "items": object(map[string]any{"rule_id": str, "name": str, "points": integer})}}, "score", "reasons"),
	"APIKeyInput":   object(map[string]any{"name": str, "scope": map[string]any{"type": "string", "enum": []string{"read", "write"}}, "expires_at": optTime}, "name"),
	"APIKey":        object(map[string]any{"id": str, "name": str, "prefix": str, "scope": str, "expires_at": optTime, "last_used_at": optTime, "revoked_at": optTime, "created_at": dateTime}, "id", "name", "scope"),
	"APIKeyCreated": object(map[string]any{"id": str, "name": str, "prefix": str, "scope": str, "expires_at": optTime, "created_at": dateTime, "token": map[string]any{"type": "string", "description": "The key; shown only in this answer"}}, "id", "token"),
	"APIKeyList":    arrayOf("APIKey"),
	"Trigger":       object(map[string]any{"event": str, "field": str, "value": str}, "event"),
	"Action": object(map[string]any{"type": str, "field": str, "value": str, "mode": str, "user_ids": stringList,
		"routes":      map[string]any{"type": "array", "items": object(map[string]any{"field": str, "value": str, "user_id": str})},
		"pipeline_id": str, "stage_id": str, "title": str, "due_days": integer, "text": str, "webhook_id": str}, "type"),
	"RuleDefinition": object(map[string]any{"name": str, "enabled": boolean, "trigger": ref("Trigger"), "conditions": str, "delay_minutes": integer,
		"actions": map[string]any{"type": "array", "items": ref("Action")}}, "name", "trigger", "actions"),
	"RuleReplace": object(map[string]any{"version": integer, "name": str, "enabled": boolean, "trigger": ref("Trigger"), "conditions": str,
		"delay_minutes": integer, "actions": map[string]any{"type": "array", "items": ref("Action")}}, "version", "name", "trigger", "actions"),
	"Rule": object(map[string]any{"id": str, "version": integer, "name": str, "enabled": boolean, "trigger": ref("Trigger"), "conditions": str,
		"delay_minutes": integer, "actions": map[string]any{"type": "array", "items": ref("Action")}, "created_at": dateTime, "updated_at": dateTime}, "id", "version"),
	"RuleList": arrayOf("Rule"),
	"RuleRun": object(map[string]any{"id": str, "rule_id": str, "event": str, "entity": str, "entity_id": str,
		"status": map[string]any{"type": "string", "enum": []string{"ok", "failed", "skipped", "queued"}}, "error": str, "depth": integer, "at": dateTime}, "id", "status"),
	"RunList":      arrayOf("RuleRun"),
	"ScoreRule":    object(map[string]any{"id": str, "name": str, "conditions": str, "points": integer}, "name", "conditions", "points"),
	"WebhookInput": object(map[string]any{"url": map[string]any{"type": "string", "format": "uri"}, "description": str, "events": stringList}, "url"),
	"Webhook": object(map[string]any{"id": str, "url": str, "description": str, "events": stringList, "enabled": boolean, "failures": integer,
		"disabled_reason": str, "created_at": dateTime, "owner_id": map[string]any{"type": "string", "description": "who added it; it carries only what they may see (empty: the command-line operator)"}, "secret": map[string]any{"type": "string", "description": "whsec_…; only in the answer to its creation"}}, "id", "url"),
	"Notifications": object(map[string]any{"unread": integer, "data": map[string]any{"type": "array", "items": object(map[string]any{"id": str, "kind": str,
		"text": str, "link": str, "read_at": optTime, "created_at": dateTime})}}, "unread", "data"),
}

// handleOpenAPI serves the OpenAPI document.
func handleOpenAPI(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		request.Encode(w, http.StatusOK, openAPIDocument(s.version))
	})
}
