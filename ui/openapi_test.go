package ui_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/matryer/is"

	"rolo/ui"
)

// TestOpenAPIMatchesRouter walks the router and the document: every
// /api/v1 route must be in the document and every operation there must
// be a route, and a real OpenAPI validator must accept the document.
func TestOpenAPIMatchesRouter(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.get("/api/v1/openapi.json")
	is.Equal(res.StatusCode, http.StatusOK)

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
		t.Errorf("routes missing from the OpenAPI document (add them to apiOperations in ui/openapi_ops.go):\n%s", strings.Join(missing, "\n"))
	}
	if len(extra) > 0 {
		t.Errorf("operations in the OpenAPI document with no route:\n%s", strings.Join(extra, "\n"))
	}

	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromData([]byte(res.Body))
	is.NoErr(err)
	is.NoErr(spec.Validate(t.Context())) // a real validator accepts it

	page := admin.get("/settings/api")
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, "/api/v1/api-keys"))
}
