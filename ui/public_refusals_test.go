package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// TestPublicRefusalsSpeakTheReadersLanguage covers the answers strangers
// get without a session — a web form posted from a site it does not allow,
// a form too large to read, a calendar address that does not exist — which
// were fixed English text whatever the reader's language.
func TestPublicRefusalsSpeakTheReadersLanguage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.post("/settings/forms", url.Values{"name": {"Contact us"}, "fields": {"first_name"}, "origins": {"https://www.example.com"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create form: %d %s", res.StatusCode, res.Body)
	}
	formPath := strings.Replace(res.Header.Get("Location"), "/settings/forms/", "/f/", 1)

	for _, lang := range []string{"en", "ko", "ja", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			is := is.New(t)
			stranger := ts.browser(t)
			stranger.header.Set("Accept-Language", lang)
			stranger.header.Set("Origin", "https://evil.example")
			stranger.header.Set("Sec-Fetch-Site", "cross-site")
			refused := stranger.post(formPath, url.Values{"email": {"x@example.org"}})
			is.Equal(refused.StatusCode, http.StatusForbidden)
			is.Equal(strings.TrimSpace(refused.Body), ts.catalog.T(lang, "error.form_site_refused"))

			stranger.header.Set("Origin", "https://www.example.com")
			tooLarge := stranger.post(formPath, url.Values{"message": {strings.Repeat("x", 1<<20)}})
			is.Equal(tooLarge.StatusCode, http.StatusRequestEntityTooLarge)
			is.Equal(strings.TrimSpace(tooLarge.Body), ts.catalog.T(lang, "error.form_unreadable"))

			calendar := stranger.get("/calendar/no-such-token.ics")
			is.Equal(calendar.StatusCode, http.StatusNotFound)
			is.Equal(strings.TrimSpace(calendar.Body), ts.catalog.T(lang, "error.page_not_found"))
		})
	}
}
