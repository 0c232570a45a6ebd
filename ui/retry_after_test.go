package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// retryAfterSeconds reads a 429's Retry-After as RFC 9110 writes it in
// delay-seconds, failing the test when it is missing or not a number of
// seconds a client could wait.
func retryAfterSeconds(t *testing.T, what string, res response) int {
	t.Helper()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("%s: %d, want 429", what, res.StatusCode)
	}
	v := res.Header.Get("Retry-After")
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s: Retry-After %q, want whole seconds ≥ 1", what, v)
	}
	return n
}

// TestEveryTooManyHasRetryAfter: each limit that answers 429 — a login
// locked after failed attempts, a web form posted too often (as a page
// and as JSON) — says when to come back in Retry-After, and says it in
// the reader's language. (The per-user limit on searches and lists is
// tested in ui/request, where a handler can be held to fill its slots.)
func TestEveryTooManyHasRetryAfter(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	t.Run("login lockout", func(t *testing.T) {
		is := is.New(t)
		b := ts.browser(t)
		b.header.Set("Accept-Language", "ja")
		var res response
		for range 12 {
			res = b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"wrong"}})
			if res.StatusCode == http.StatusTooManyRequests {
				break
			}
		}
		n := retryAfterSeconds(t, "locked login", res)
		is.True(n <= 3600) // a while, not forever
		is.True(strings.Contains(res.Body, ts.catalog.T("ja", "error.login_locked")))
	})

	res := admin.post("/settings/forms", url.Values{"name": {"Limits"}, "fields": {"first_name"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create form: %d %s", res.StatusCode, res.Body)
	}
	formPath := strings.Replace(res.Header.Get("Location"), "/settings/forms/", "/f/", 1)
	// The limit counts per form and address, and every visitor of the test
	// server is 127.0.0.1: the JSON run is refused from its first post,
	// once the page run has used up the quota.
	for _, asJSON := range []bool{false, true} {
		name := "web form, as a page"
		if asJSON {
			name = "web form, as JSON"
		}
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			b := ts.browser(t)
			b.header.Set("Accept-Language", "ko")
			if asJSON {
				b.header.Set("Accept", "application/json")
			}
			var res response
			for i := range 12 {
				res = b.post(formPath, url.Values{"email": {"burst" + strconv.Itoa(i) + "@example.org"}})
				if res.StatusCode == http.StatusTooManyRequests {
					break
				}
			}
			retryAfterSeconds(t, name, res)
			want := ts.catalog.T("ko", "error.form_too_many")
			if asJSON {
				var p struct{ Detail string }
				is.NoErr(json.Unmarshal([]byte(res.Body), &p))
				is.Equal(p.Detail, want) // the problem says why, in Korean
			} else {
				is.True(strings.Contains(res.Body, want)) // so does the page
			}
		})
	}
}
