package ui_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"rolo/app"
)

// FuzzAPIDecode sends arbitrary bodies to the JSON API's create and patch
// endpoints of contacts, companies, deals and tasks: whatever arrives is
// either stored or refused with a 4xx problem, never a 5xx or a panic.
// Seeds in testdata/fuzz/FuzzAPIDecode; run longer with
// go test ./ui -run '^$' -fuzz FuzzAPIDecode.
func FuzzAPIDecode(f *testing.F) {
	for _, seed := range []string{`{"first_name": "Ada", "emails": [{"value": "ada@example.com"}]}`, `{"version": 1, "title": "CEO"}`,
		`{"name": "Acme", "phone": {"value": "+1 555 0100"}}`, `{"title": "Deal", "value": {"minor": 100, "currency": "EUR"}}`,
		`{"title": "Call", "due_date": "2026-02-30"}`, `{}`, `[]`, `null`, `{"first_name": 1}`, `{"emails": "x"}`, `{"unknown": true}`,
		`{"first_name": "a"}{"first_name": "b"}`, `{"custom_fields": {"seats": "many"}}`, `{"version": -1}`, `{"first_name": "\u0000"}`,
		`{"value": {"minor": 1e400}}`, `{"tags": [null]}`, "\xff\xfe", `{"first_name": "` + strings.Repeat("a", 5000) + `"}`} {
		f.Add(seed)
	}
	ctx := context.Background()
	empty := filepath.Join(f.TempDir(), "empty.db")
	a, err := app.Open(ctx, empty, app.Config{})
	if err != nil {
		f.Fatal(err)
	}
	if err := a.Close(); err != nil {
		f.Fatal(err)
	}
	h, cookie, a := benchServerOn(f, empty)
	c, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "Patched"})
	if err != nil {
		f.Fatal(err)
	}
	targets := []struct{ method, path string }{{"POST", "/api/v1/contacts"}, {"PATCH", "/api/v1/contacts/" + c.ID},
		{"POST", "/api/v1/companies"}, {"POST", "/api/v1/deals"}, {"POST", "/api/v1/tasks"}}
	f.Fuzz(func(t *testing.T, body string) {
		for _, target := range targets {
			req := httptest.NewRequest(target.method, "http://127.0.0.1"+target.path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.AddCookie(cookie)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= http.StatusInternalServerError {
				t.Fatalf("%s %s with %q: %d %s", target.method, target.path, body, rec.Code, rec.Body.String())
			}
		}
	})
}
