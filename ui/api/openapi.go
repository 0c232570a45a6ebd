package api

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"rolo/ui/request"
)

// openAPIDocument builds the OpenAPI 3.1 description of /api/v1 from
// ApiOperations (paths, parameters, statuses) and the Go types of
// apiSchemaTypes (schemas); see openapi_schema.go.
func openAPIDocument(version string) map[string]any {
	ops := ApiOperations
	schemas := buildComponents(ops)
	paths := map[string]map[string]any{}
	for _, op := range ops {
		item, ok := paths[op.Path]
		if !ok {
			item = map[string]any{}
			paths[op.Path] = item
		}
		o := map[string]any{
			"operationId": operationID(op), "summary": op.Summary, "tags": []string{op.Tag},
			"responses": responsesOf(op),
		}
		if op.Public {
			o["security"] = []any{map[string]any{}} // no login; a key that is sent must still be valid
		}
		if params := parametersOf(op); len(params) > 0 {
			o["parameters"] = params
		}
		if op.Request != "" {
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json":             map[string]any{"schema": ref(op.Request)},
				"application/merge-patch+json": map[string]any{"schema": ref(op.Request)},
			}}
		}
		item[strings.ToLower(op.Method)] = o
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title": "Rolo API", "version": version,
			"description": "The JSON API of Rolo. Authenticate with a personal API key (Authorization: Bearer rolo_…) " +
				"or a browser session. A key acts as its owner with the owner's role; a read key may only use GET. " +
				"Errors are RFC 9457 problem+json. Lists page with cursor and next_cursor (null on the last page). " +
				"Bodies are strict: a member the schema does not name is refused (400).",
		},
		"servers":  []any{map[string]any{"url": "/api/v1"}},
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"paths":    paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "A personal API key from Profile → API keys"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": request.SessionCookie},
			},
			"schemas": schemas,
		},
	}
}

func operationID(op ApiOperation) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(op.Method))
	for _, part := range strings.FieldsFunc(op.Path, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == '_' }) {
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

// parametersOf lists the path parameters and the query parameters, each
// described by queryParam.
func parametersOf(op ApiOperation) []any {
	var params []any
	for _, name := range pathParams(op.Path) {
		p := map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}}
		if e, ok := pathParamEnums[op.Path+" "+name]; ok {
			p["schema"] = map[string]any{"type": "string", "enum": e}
		}
		params = append(params, p)
	}
	for _, name := range op.Query {
		q := queryParam(op.Path, name)
		p := map[string]any{"name": name, "in": "query", "required": false, "schema": q.Schema}
		if q.Description != "" {
			p["description"] = q.Description
		}
		params = append(params, p)
	}
	return params
}

// Statuses lists every status op answers, the success first. A body may
// be unreadable (400), too large (413) or not JSON (415); any write may be
// refused by role or a read-only key (403), meet a newer version or a
// rule (409) or invalid input (422); a path names a record that may not
// exist or be visible (404), as may a segment given as filter; and any
// operation may fail unexpectedly (500, logged).
func (op ApiOperation) Statuses() []int {
	set := map[int]bool{op.Status: true, http.StatusUnauthorized: true, http.StatusInternalServerError: true}
	if !op.Public && op.Path != "/me" {
		set[http.StatusForbidden] = true
	}
	if strings.Contains(op.Path, "{") || request.Contains(op.Query, "segment") {
		set[http.StatusNotFound] = true
	}
	if op.Request != "" {
		set[http.StatusBadRequest], set[http.StatusRequestEntityTooLarge], set[http.StatusUnsupportedMediaType] = true, true, true
	}
	if op.Method != http.MethodGet {
		set[http.StatusConflict], set[http.StatusUnprocessableEntity] = true, true
	}
	if len(op.Query) > 0 {
		set[http.StatusUnprocessableEntity] = true
	}
	for _, s := range op.Errors {
		set[s] = true
	}
	out := []int{op.Status}
	delete(set, op.Status)
	var rest []int
	for s := range set {
		rest = append(rest, s)
	}
	sort.Ints(rest)
	return append(out, rest...)
}

// statusText says what each refusal means.
var statusText = map[int]string{
	http.StatusBadRequest:            "The body is not a JSON object the operation reads: bad syntax, a member the schema does not name, or a wrong type",
	http.StatusUnauthorized:          "Not logged in, or the API key is invalid, expired or revoked",
	http.StatusForbidden:             "The caller's role, or a read-only key, does not allow this",
	http.StatusNotFound:              "No such record, or not one the caller may see",
	http.StatusConflict:              "The record changed since it was read (send the version last read), or a rule forbids the change now",
	http.StatusRequestEntityTooLarge: "The body is over 1 MiB",
	http.StatusUnsupportedMediaType:  "The body is not application/json (or application/merge-patch+json)",
	http.StatusUnprocessableEntity:   "Invalid input; errors maps each field or parameter to its problem",
	http.StatusTooManyRequests:       "Too many of the caller's searches and lists at once; retry after Retry-After seconds",
	http.StatusInternalServerError:   "An unexpected failure; the server logged it",
}

func responsesOf(op ApiOperation) map[string]any {
	ok := map[string]any{"description": "Success"}
	if op.Response != "" {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": ref(op.Response)}}
	}
	if op.Status == http.StatusCreated && op.Response != "" {
		ok["headers"] = map[string]any{"Location": map[string]any{"description": "the new record's URL", "schema": map[string]any{"type": "string"}}}
	}
	out := map[string]any{}
	for _, s := range op.Statuses() {
		if s == op.Status {
			out[strconv.Itoa(s)] = ok
			continue
		}
		text := statusText[s]
		if s == http.StatusUnauthorized && op.Public {
			text = "An Authorization header was sent with a key that is invalid, expired or revoked"
		}
		r := map[string]any{"description": text, "content": map[string]any{"application/problem+json": map[string]any{"schema": ref("Problem")}}}
		if s == http.StatusTooManyRequests {
			r["headers"] = map[string]any{"Retry-After": map[string]any{"description": "seconds to wait", "schema": map[string]any{"type": "integer"}}}
		}
		out[strconv.Itoa(s)] = r
	}
	return out
}

// The document is built once, on first use: every operation is
// registered by then (package initialisation, including other files' init).
var (
	documentOnce sync.Once
	documentJSON []byte
)

// OpenAPIJSON is the document as served.
func OpenAPIJSON(version string) []byte {
	documentOnce.Do(func() {
		data, err := json.Marshal(openAPIDocument(version))
		if err != nil {
			panic(err)
		}
		documentJSON = data
	})
	return documentJSON
}

// handleOpenAPI serves the OpenAPI document; it holds no data, so it needs
// no login.
func handleOpenAPI(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(OpenAPIJSON(s.version))
	})
}
