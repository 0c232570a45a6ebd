package ui_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/matryer/is"

	"rolo/ui"
	"rolo/ui/api"
)

// TestOpenAPIMatchesRouter walks the router and the document: every
// /api/v1 route must be in the document and every operation there must
// be a route, and a real OpenAPI validator must accept the document (its
// examples included). The document is served without login.
func TestOpenAPIMatchesRouter(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := ts.browser(t).get("/api/v1/openapi.json") // no login: it holds no data
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.HasPrefix(res.Header.Get("Content-Type"), "application/json"))

	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	is.NoErr(json.Unmarshal([]byte(res.Body), &doc))
	is.Equal(doc.OpenAPI, "3.1.0")
	documented := map[string]bool{}
	for path, item := range doc.Paths {
		for method := range item {
			documented[strings.ToUpper(method)+" /api/v1"+path] = true
		}
	}
	routes, err := ui.RouteList(ts.app)
	is.NoErr(err)
	routed := map[string]bool{}
	var missing []string
	for _, r := range routes {
		if !strings.Contains(r, " /api/v1/") {
			continue
		}
		routed[r] = true
		if !documented[r] {
			missing = append(missing, r)
		}
	}
	is.True(len(routed) > 40) // the walk found the API
	var extra []string
	for op := range documented {
		if !routed[op] {
			extra = append(extra, op)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes missing from the OpenAPI document (add them to ApiOperations, ui/api/openapi_ops.go):\n%s", strings.Join(missing, "\n"))
	}
	if len(extra) > 0 {
		t.Errorf("operations in the OpenAPI document with no route:\n%s", strings.Join(extra, "\n"))
	}

	spec, err := openapi3.NewLoader().LoadFromData([]byte(res.Body))
	is.NoErr(err)
	is.NoErr(spec.Validate(t.Context(), openapi3.EnableExamplesValidation())) // a real validator accepts it
	examples := 0
	for name, s := range spec.Components.Schemas {
		for _, ex := range s.Value.Examples { // 3.1 schema examples, which Validate leaves alone
			examples++
			if err := s.Value.VisitJSON(ex, openapi3.EnableJSONSchema2020()); err != nil {
				t.Errorf("the example of %s does not match it: %.300v", name, err)
			}
		}
	}
	is.True(examples >= 5)

	// The API page lists the same document: parameters, bodies, answers,
	// refusals and every schema's members.
	page := admin.get("/settings/api")
	is.Equal(page.StatusCode, http.StatusOK)
	for _, want := range []string{"/api/v1/api-keys", "<code>pipeline_id</code>", `id="schema-Contact"`, "<code>custom_fields</code>",
		"<code>next_cursor</code>", "string | null", `<a href="#schema-LabeledValue">array of LabeledValue</a>`, `<abbr title="The body is over 1 MiB">413</abbr>`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the API page lacks %s", want)
		}
	}
}

// TestOpenAPIDescribesWhatIsSent pins what issue 22 found missing: every
// member of a contact, the list's total and a nullable next_cursor, the
// deal filters under the names the server reads, the filters and errors
// of the lists, and problem bodies for every refusal.
func TestOpenAPIDescribesWhatIsSent(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	c, err := loadContract()
	is.NoErr(err)
	schema := func(name string) *openapi3.Schema { return c.doc.Components.Schemas[name].Value }

	contact := schema("Contact")
	for _, member := range []string{"emails", "phones", "address", "birthday", "custom_fields", "company_id", "social", "website", "notes", "updated_at"} {
		is.True(contact.Properties[member] != nil) // a contact member is documented
	}
	is.Equal(len(contact.Properties), reflect.TypeFor[api.ContactJSON]().NumField())       // every member the handler sends (21)
	is.True(contact.AdditionalProperties.Has != nil && !*contact.AdditionalProperties.Has) // nothing undocumented may come
	list := schema("ContactList")
	is.True(list.Properties["total"] != nil)
	is.True(list.Properties["next_cursor"].Value.Type.Includes("null")) // last pages send null
	is.Equal(schema("Task").Properties["due_at"].Value.Type.Slice(), []string{"string", "null"})

	deals := c.doc.Paths.Find("/deals").Get
	for _, name := range []string{"pipeline_id", "stage_id", "q", "segment", "limit", "cursor"} {
		is.True(deals.Parameters.GetByInAndName("query", name) != nil) // a deal filter the server reads
	}
	is.True(deals.Parameters.GetByInAndName("query", "pipeline") == nil) // the server never read it
	tasks := c.doc.Paths.Find("/tasks").Get
	is.True(tasks.Parameters.GetByInAndName("query", "due_after") != nil)
	for _, status := range []int{422, 429} {
		is.True(deals.Responses.Status(status) != nil)
	}
	create := c.doc.Paths.Find("/contacts").Post
	for _, status := range []int{400, 401, 403, 409, 413, 415, 422} {
		r := create.Responses.Status(status)
		is.True(r != nil) // every refusal of POST /contacts is documented
		is.True(r.Value.Content.Get("application/problem+json") != nil)
	}
	is.True(c.doc.Paths.Find("/openapi.json").Get.Security != nil) // no login needed
}

// TestOpenAPIContractIsStrict shows the validating server catching each
// kind of drift, so a passing API test means the document held.
func TestOpenAPIContractIsStrict(t *testing.T) {
	t.Parallel()
	c, err := loadContract()
	if err != nil {
		t.Fatal(err)
	}
	page := `{"data":[],"next_cursor":null,"total":0}`
	me := `{"id":"u1","email":"a@example.com","name":"A","role":"admin","language":"en","created_at":"2026-01-01T00:00:00Z","time_zone":"UTC","calendar_feed_url":"http://x/","phone_region":"US"`
	report := `{"report":"sources","period":{"key":"this_month","from":"2026-12-01T00:00:00Z","to":"2027-01-01T00:00:00Z"},"filters":"","data":`
	problem := `{"type":"about:blank","title":"Unauthorized","status":401,"code":"unauthorized"`
	for _, c2 := range []struct {
		name, method, url, body string
		status                  int
		answer                  string
		want                    string // part of the problem found; "" for none
	}{
		{"a true answer", "GET", "/api/v1/me", "", 200, me + `}`, ""},
		{"an undocumented member", "GET", "/api/v1/me", "", 200, me + `,"extra":1}`, "additional properties 'extra'"},
		{"null where none is allowed", "GET", "/api/v1/me", "", 200, strings.Replace(me, `"u1"`, "null", 1) + `}`, "got null"},
		{"an undocumented status", "GET", "/api/v1/me", "", 418, problem + `}`, "status is not supported"},
		{"a problem with an undocumented member", "GET", "/api/v1/me", "", 401, problem + `,"hint":1}`, "additional properties 'hint'"},
		{"a parameter the server does not read", "GET", "/api/v1/deals?pipeline=p1", "", 200, page, `query parameter "pipeline"`},
		{"the parameter it reads", "GET", "/api/v1/deals?pipeline_id=p1", "", 200, page, ""},
		{"a last page without total", "GET", "/api/v1/deals", "", 200, `{"data":[],"next_cursor":null}`, `"total" is missing`},
		{"a document stricter than the server", "GET", "/api/v1/deals?limit=abc", "", 200, page, "accepted a request the document calls invalid"},
		{"an unknown body member accepted", "POST", "/api/v1/segments", `{"name":"A","nope":1}`, 201, `{}`, "accepted a request the document calls invalid"},
		{"a valid body refused as unreadable", "POST", "/api/v1/segments", `{"name":"A"}`, 400, strings.Replace(problem, "401", "400", 1) + `}`, "could not read a request the document calls valid"},
		{"a report's numbers", "GET", "/api/v1/reports/sources", "", 200, report + `{"rows":[]}}`, ""},
		{"a report with an undocumented number", "GET", "/api/v1/reports/sources", "", 200, report + `{"rows":[],"average":1}}`, "doesn't match"},
		{"null members in a body", "POST", "/api/v1/contacts", `{"first_name":null,"company_id":null}`, 422, strings.Replace(problem, "401", "422", 1) + `,"errors":{"email":"x"}}`, ""},
	} {
		r := httptest.NewRequest(c2.method, c2.url, strings.NewReader(c2.body))
		header := http.Header{"Content-Type": {"application/json"}}
		if c2.body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		if c2.status >= 400 {
			header.Set("Content-Type", "application/problem+json")
		}
		found := strings.Join(c.check(r, []byte(c2.body), c2.status, header, []byte(c2.answer)), "\n")
		switch {
		case c2.want == "" && found != "":
			t.Errorf("%s: found %s", c2.name, found)
		case c2.want != "" && !strings.Contains(found, c2.want):
			t.Errorf("%s: want a problem with %q, found %q", c2.name, c2.want, found)
		}
	}
}
