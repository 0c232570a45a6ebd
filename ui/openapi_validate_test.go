package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"rolo/ui/api"
)

// Every test server (newTestServer) passes each /api/v1 request and its
// answer through apiContract, which checks both against the served OpenAPI
// document with kin-openapi's openapi3filter, so the API's whole test
// traffic — every test in this package, and the sweep in
// openapi_sweep_test.go — proves the document true. A test fails on:
//
//   - a request to a path and method the document does not have, unless the
//     server also answered 404 or 405 (an unknown path is no operation);
//   - a query parameter the operation does not list;
//   - an answer whose status the operation does not list, or whose body
//     (problems included) does not match its schema: a member the schema
//     does not name, a null where none is allowed, a wrong type;
//   - a request the document calls invalid that the server accepted (2xx):
//     the document is stricter than the server;
//   - a 500, which the document lists (any operation may fail) but no
//     test should meet;
//   - a request the document calls valid, with a body that is one JSON
//     value, that the server could not read (400, 415): the document is
//     looser than the server.
//
// A 421 (a Host the server refuses, before any route) and a 499 (the client
// left; nobody reads it) are no answers of the API and are not checked.

type apiContract struct {
	doc    *openapi3.T
	router routers.Router
}

var (
	contractOnce sync.Once
	contract     *apiContract
	contractErr  error
)

// loadContract loads and checks the document the server serves.
func loadContract() (*apiContract, error) {
	contractOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(api.OpenAPIJSON("test"))
		if err != nil {
			contractErr = fmt.Errorf("load the OpenAPI document: %w", err)
			return
		}
		if err := doc.Validate(context.Background()); err != nil {
			contractErr = fmt.Errorf("the OpenAPI document is not valid: %w", err)
			return
		}
		doc.Servers = nil // requests are routed by their path under /api/v1
		router, err := gorillamux.NewRouter(doc)
		if err != nil {
			contractErr = err
			return
		}
		contract = &apiContract{doc: doc, router: router}
	})
	return contract, contractErr
}

// validateAPI wraps the server's handler so that every /api/v1 exchange
// is checked; a mismatch fails tb.
func validateAPI(tb testing.TB, next http.Handler) http.Handler {
	c, err := loadContract()
	if err != nil {
		tb.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/v1/") {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
		for _, problem := range c.check(r, body, rec.Code, rec.Header(), rec.Body.Bytes()) {
			tb.Errorf("OpenAPI: %s %s → %d: %s\n  request body: %.300s\n  answer: %.600s", r.Method, r.URL.RequestURI(), rec.Code, problem, body, rec.Body.String())
		}
	})
}

// check answers what in one exchange the document does not describe.
func (c *apiContract) check(r *http.Request, body []byte, status int, header http.Header, answer []byte) []string {
	if status == http.StatusMisdirectedRequest || status == 499 {
		return nil
	}
	req := r.Clone(context.Background())
	req.URL.Path = strings.TrimPrefix(r.URL.Path, "/api/v1")
	req.URL.RawPath = ""
	req.Body = io.NopCloser(bytes.NewReader(body))
	route, pathParams, err := c.router.FindRoute(req)
	if err != nil {
		if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			return nil
		}
		return []string{"no such operation in the document: " + err.Error()}
	}
	var problems []string
	if status == http.StatusInternalServerError {
		problems = append(problems, "the server failed: a 500 in a test is a bug, documented or not")
	}
	for name := range r.URL.Query() {
		if route.Operation.Parameters.GetByInAndName(openapi3.ParameterInQuery, name) == nil {
			problems = append(problems, fmt.Sprintf("query parameter %q is not in the document", name))
		}
	}
	opts := &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route, Options: opts}
	reqErr := openapi3filter.ValidateRequest(context.Background(), in)
	switch {
	case reqErr != nil && status < 300:
		problems = append(problems, "the server accepted a request the document calls invalid: "+short(reqErr))
	case reqErr == nil && json.Valid(body) && (status == http.StatusBadRequest || status == http.StatusUnsupportedMediaType):
		// (A body that is no single JSON value is bad syntax, which no
		// schema describes.)
		problems = append(problems, "the server could not read a request the document calls valid")
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: header, Options: opts}
	out.SetBodyBytes(answer)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		problems = append(problems, "the answer does not match the document: "+short(err))
	}
	return problems
}

// short drops the schema and value dumps kin-openapi appends to each
// error: the member, the rule and the answer printed beside are enough.
func short(err error) string {
	parts := strings.Split(err.Error(), " | ")
	for i, p := range parts {
		p, _, _ = strings.Cut(p, "\nSchema:")
		parts[i], _, _ = strings.Cut(p, "\n")
	}
	return strings.Join(parts, " | ")
}
