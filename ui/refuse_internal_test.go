package ui

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/matryer/is"

	assets "rolo/embed"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// TestRefusalsBeforeAnyHandlerAreTranslated: what the middleware answers
// on its own — a Host it does not serve (421), a handler that panicked
// (500) — is a problem for the API and a line of text for a page, in the
// reader's language, never a catalog key or fixed English.
func TestRefusalsBeforeAnyHandlerAreTranslated(t *testing.T) {
	is := is.New(t)
	catalog, err := i18n.LoadCatalog(assets.I18n)
	is.NoErr(err)
	panicky := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug") })
	h := request.WithCatalog(catalog)(recoverPanics(checkHost(LoopbackHosts)(panicky)))

	for _, lang := range []string{"en", "ko", "ja", "zh-Hans"} {
		for _, c := range []struct {
			host   string
			status int
			key    string
			args   []any
		}{
			{"attacker.example:8080", http.StatusMisdirectedRequest, "error.unknown_host", []any{"attacker.example", "attacker.example"}},
			{"127.0.0.1:8080", http.StatusInternalServerError, "error.internal", nil},
		} {
			want := catalog.T(lang, c.key, c.args...)
			is.True(!strings.HasPrefix(want, "error."))
			for _, path := range []string{"/api/v1/contacts", "/contacts"} {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.Host = c.host
				r.Header.Set("Accept-Language", lang)
				res := httptest.NewRecorder()
				h.ServeHTTP(res, r)
				is.Equal(res.Code, c.status)
				if path == "/contacts" {
					is.Equal(strings.TrimSpace(res.Body.String()), want) // the page's line of text
					continue
				}
				is.Equal(res.Header().Get("Content-Type"), "application/problem+json")
				var p request.Problem
				is.NoErr(json.Unmarshal(res.Body.Bytes(), &p))
				is.Equal(p.Detail, want) // the API's problem
				is.Equal(p.Status, c.status)
			}
		}
	}
}
