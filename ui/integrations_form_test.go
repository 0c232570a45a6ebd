package ui_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"
)

// TestIntegrationWebsiteForm serves the README's form on a site of its
// own (localhost, another site than Rolo's 127.0.0.1) and lets Chromium
// fill it in and send it, as a visitor of that site would: the post
// crosses sites, Rolo takes it because the site is allowed, shows the
// thank-you message and stores the contact.
func TestIntegrationWebsiteForm(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	var formHTML string
	website := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!doctype html><title>Example Ltd</title><h1>Contact us</h1>\n" + formHTML))
	}))
	t.Cleanup(website.Close)
	siteURL := strings.Replace(website.URL, "127.0.0.1", "localhost", 1)

	res := admin.post("/settings/forms", url.Values{"name": {"Website"}, "fields": {"first_name", "message"},
		"origins": {siteURL}, "thank_you": {"Thank you, we will write back."}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	formID := strings.TrimPrefix(res.Header.Get("Location"), "/settings/forms/")
	formHTML = strings.NewReplacer("https://rolo.example.com", ts.URL, "FORM_ID", formID).Replace(readmeExample(t, "contact-form.html"))

	p := newPage(t, siteURL, "/")
	p.run(
		chromedp.WaitVisible(chromedp.CSS(`input[name="email"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="first_name"]`), "Lea"),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), "lea@example.org"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="message"]`), "Please call me about the 서울 office."),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
	)
	p.waitForText("body", "Thank you, we will write back.") // the visitor was thanked
	is.Equal(p.location(), ts.URL+"/f/"+formID)             // by Rolo, where the post went

	var id, first, note string
	db := ts.app.DB().Reader()
	err := db.QueryRowContext(t.Context(), `SELECT c.id, c.first_name FROM contacts c
		JOIN contact_emails e ON e.contact_id = c.id WHERE e.value = 'lea@example.org'`).Scan(&id, &first)
	is.NoErr(err)
	err = db.QueryRowContext(t.Context(), `SELECT a.body FROM activity_links l JOIN activities a ON a.id = l.activity_id
		WHERE l.entity = 'contact' AND l.entity_id = ?`, id).Scan(&note)
	is.NoErr(err)
	is.Equal(first, "Lea")                                 // the contact, from another site
	is.True(strings.Contains(note, "about the 서울 office")) // with the message, in UTF-8
}
