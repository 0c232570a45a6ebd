package ui_test

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"
)

// TestBrowserWebFormFromAnotherSite pastes a form's HTML snippet into a
// page of another site (its own server, reached as localhost, so the post
// is cross-site), and has Chromium fill it in: the unticked required
// consent box keeps the browser from sending, the ticked one goes through
// to the thank-you page, and the contact arrives linked to its company
// with the consent. Screenshots: ROLO_SCREENSHOTS=/tmp/shots.
func TestBrowserWebFormFromAnotherSite(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	var snippet string
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Example Shop</title></head>" +
			"<body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\"><h1>Example Shop newsletter</h1>" + snippet + "</body></html>"))
	}))
	t.Cleanup(shop.Close)
	site := strings.Replace(shop.URL, "127.0.0.1", "localhost", 1) // another site, not only another port
	words := "Example Shop may email me offers and news. I can withdraw at any time."
	res := admin.post("/settings/forms", url.Values{"name": {"Shop newsletter"}, "fields": {"first_name", "company"}, "origins": {site},
		"consent_text": {words}, "consent_required": {"1"}, "thank_you": {"Welcome aboard."}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	settings := admin.get(res.Header.Get("Location"))
	shown := regexp.MustCompile(`(?s)<pre class="definition" id="form-snippet">(.*?)</pre>`).FindStringSubmatch(settings.Body)
	is.True(shown != nil)
	snippet = html.UnescapeString(shown[1]) // as the admin copies it off the page

	p := newPage(t, site, "/")
	p.run(chromedp.WaitVisible(chromedp.CSS(`input[name="consent"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="first_name"]`), "Peter"),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), "peter@initech.example"),
		chromedp.SendKeys(chromedp.CSS(`input[name="company"]`), "Initech"))
	is.Equal(p.eval(`String(document.querySelector('input[name="consent"]').checked)`), "false") // never ticked in advance
	p.run(chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	is.Equal(p.eval(`String(document.querySelector('form').checkValidity())`), "false") // the browser holds the unticked form back
	is.True(strings.HasPrefix(p.location(), site))
	p.run(chromedp.Click(chromedp.CSS(`input[name="consent"]`)))
	p.screenshot("web-form-on-another-site")
	p.run(chromedp.Click(chromedp.CSS(`button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#form-thanks")))
	is.Equal(p.text("#form-thanks"), "Welcome aboard.")
	is.True(strings.HasPrefix(p.location(), ts.URL+"/f/"))
	p.screenshot("web-form-thanks")

	var id, company string
	is.NoErr(ts.app.DB().Reader().QueryRowContext(t.Context(), `SELECT c.id, co.name FROM contacts c JOIN contact_emails e ON e.contact_id = c.id
		JOIN companies co ON co.id = c.company_id WHERE e.value = 'peter@initech.example'`).Scan(&id, &company))
	is.Equal(company, "Initech")
	consent, err := ts.app.ContactConsent(t.Context(), nil, id)
	is.NoErr(err)
	is.Equal(consent.Status, "granted")
	is.Equal(consent.Wording, words)

	p.base = ts.URL // back on Rolo, to look at the contact as Ada
	p.visit("/login", "#email")
	p.signInAs(admin)
	p.visit("/contacts/"+id, "#privacy")
	is.True(strings.Contains(p.text("#privacy"), words))
	p.run(chromedp.ScrollIntoView(chromedp.CSS("#privacy")))
	p.screenshot("web-form-contact-consent")

	// The same form on Rolo's own page, as the iframe shows it.
	formPath := strings.Replace(res.Header.Get("Location"), "/settings/forms/", "/f/", 1)
	p.visit(formPath, "#wf-consent")
	is.Equal(p.eval(`String(document.querySelector('#wf-consent').required)`), "true")
	is.Equal(p.eval(`String(document.querySelector('footer') === null)`), "true") // no version for strangers
	p.screenshot("web-form-page")

	p.visit(res.Header.Get("Location")+"/edit", "#wf-consent-text")
	is.Equal(p.value("#wf-consent-text"), words) // the editor shows the words to change
	p.screenshot("web-form-editor")
}
