package ui_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/matryer/is"
)

// TestRedirectsStayOnThisSite sends the known open-redirect bypasses as
// the "next" of a login: each must land on "/", and a path of ours must
// pass unchanged.
func TestRedirectsStayOnThisSite(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	hostile := []string{
		"//evil.example/", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
		"/\t/evil.example", "/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example", "/\n/evil.example",
		"/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5c%5cevil.example",
		"https://evil.example", "http:/evil.example", "http:evil.example", "javascript:alert(1)", "data:text/html,x",
		" /evil", "evil.example", "/\x00/evil.example", "/%00/evil.example", "/\x7f/evil.example",
	}
	for _, next := range hostile {
		t.Run(next, func(t *testing.T) {
			is := is.New(t)
			res := admin.get("/login?next=" + url.QueryEscape(next))
			is.Equal(res.StatusCode, http.StatusSeeOther)
			is.Equal(res.Header.Get("Location"), "/") // refused, home instead
		})
	}
	for _, next := range []string{"/settings", "/contacts?q=ana&sort=-created", "/deals/0190a8b2-1234"} {
		t.Run(next, func(t *testing.T) {
			is := is.New(t)
			res := admin.get("/login?next=" + url.QueryEscape(next))
			is.Equal(res.Header.Get("Location"), next) // our own paths pass
		})
	}
	t.Run("the login form refuses them too", func(t *testing.T) {
		is := is.New(t)
		b := ts.browser(t)
		res := b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse"}, "next": {"/%09/evil.example"}})
		is.Equal(res.Header.Get("Location"), "/")
	})
}
