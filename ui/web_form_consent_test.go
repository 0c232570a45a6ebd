package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestWebFormConsentFromAnotherSite builds a form with a company field
// and a required consent box, then posts it the way a plain HTML form on
// the company's own site does (Origin of that site, cross-site): the
// contact is linked to its company, the consent is kept with the words,
// the moment and the form, and shows on the contact page.
func TestWebFormConsentFromAnotherSite(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	const site = "https://shop.example.net"
	words := "I agree that Example Shop may email me offers, news and invitations.\nI can withdraw at any time."
	res := admin.post("/settings/forms", url.Values{"name": {"Shop newsletter"}, "fields": {"first_name", "company"}, "origins": {site},
		"consent_text": {words}, "consent_required": {"1"}, "thank_you": {"Welcome aboard."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create form: %d %s", res.StatusCode, res.Body)
	}
	settingsPath := res.Header.Get("Location")
	formPath := strings.Replace(settingsPath, "/settings/forms/", "/f/", 1)
	fromSite := func() *browser {
		b := ts.browser(t)
		b.header.Set("Origin", site)
		b.header.Set("Sec-Fetch-Site", "cross-site")
		return b
	}

	t.Run("the builder keeps the box and the snippet carries it", func(t *testing.T) {
		is := is.New(t)
		page := admin.get(settingsPath)
		is.True(strings.Contains(page.Body, html.EscapeString(words)))                 // the words, as written
		is.True(strings.Contains(page.Body, ts.catalog.T("en", "forms.consent_must"))) // and that the box is required
		is.True(strings.Contains(page.Body, `&lt;input type=&#34;checkbox&#34; name=&#34;consent&#34; value=&#34;true&#34; required=&#34;required&#34;&gt;`))
	})

	t.Run("the public form shows an unticked box and no version footer", func(t *testing.T) {
		is := is.New(t)
		page := ts.browser(t).get(formPath)
		is.Equal(page.StatusCode, http.StatusOK)
		is.True(strings.Contains(page.Body, `<input type="checkbox" id="wf-consent" name="consent" value="true" required>`)) // not ticked in advance
		is.True(strings.Contains(page.Body, html.EscapeString(words)))
		is.True(!strings.Contains(page.Body, "<footer")) // strangers are not told the version
		login := ts.browser(t).get("/login")
		is.True(strings.Contains(login.Body, `<footer class="footer">Rolo test</footer>`)) // other pages keep it
	})

	t.Run("an unticked required box is refused with the reason beside it and what was typed", func(t *testing.T) {
		is := is.New(t)
		res := fromSite().post(formPath, url.Values{"email": {"nobox@example.org"}, "first_name": {"Nadia"}, "company": {"Initech"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.consent_required")))
		is.True(strings.Contains(res.Body, `value="Nadia"`))
		is.True(!strings.Contains(res.Body, `name="consent" value="true" checked`))
	})

	t.Run("a ticked box from the site links the company and keeps the consent", func(t *testing.T) {
		is := is.New(t)
		co, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Initech"})
		is.NoErr(err)
		res := fromSite().post(formPath, url.Values{"email": {"peter@initech.example"}, "first_name": {"Peter"}, "company": {"INITECH"},
			"consent": {"true"}})
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "Welcome aboard."))
		is.Equal(res.Header.Get("Access-Control-Allow-Origin"), site)
		var id string
		is.NoErr(ts.app.DB().Reader().QueryRowContext(ctx, `SELECT contact_id FROM contact_emails WHERE value = 'peter@initech.example'`).Scan(&id))
		c, err := ts.app.Contact(ctx, nil, id)
		is.NoErr(err)
		is.Equal(c.CompanyID, co.ID)
		consent, err := ts.app.ContactConsent(ctx, nil, id)
		is.NoErr(err)
		is.Equal(consent.Status, "granted")
		is.Equal(consent.Wording, words)
		is.Equal(consent.FormID, strings.TrimPrefix(settingsPath, "/settings/forms/"))
		is.True(!consent.GivenAt.IsZero())
		page := admin.get("/contacts/" + id)
		is.True(strings.Contains(page.Body, html.EscapeString(words)))                                                     // the words agreed to
		is.True(strings.Contains(page.Body, html.EscapeString(ts.catalog.T("en", "privacy.via_form", "Shop newsletter")))) // through which form
		is.True(strings.Contains(page.Body, consent.GivenAt.UTC().Format("15:04")))                                        // and when, to the minute
		is.True(strings.Contains(page.Body, `<span class="history-actor">Web form “Shop newsletter”</span>`))              // the timeline says who: the form, by name
		is.True(!strings.Contains(page.Body, ts.catalog.T("en", "history.by.command_line")))                               // not the command line
		export := decodeAs[struct {
			Consent struct {
				Status string  `json:"status"`
				Text   string  `json:"text"`
				FormID *string `json:"form_id"`
			} `json:"consent"`
		}](t, admin.get("/contacts/"+id+"/export?format=json"))
		is.Equal(export.Consent.Text, words) // the person's copy of their data says it too
		is.True(export.Consent.FormID != nil && *export.Consent.FormID == consent.FormID)
	})

	t.Run("a script on the site that posts too often may read Retry-After", func(t *testing.T) {
		is := is.New(t)
		var limited *response
		for i := range 8 {
			b := fromSite()
			b.header.Set("Accept", "application/json")
			res := b.post(formPath, url.Values{"email": {fmt.Sprintf("burst%d@example.org", i)}, "consent": {"true"}})
			if res.StatusCode == http.StatusTooManyRequests {
				limited = &res
				break
			}
		}
		is.True(limited != nil) // five a form and address in ten minutes
		is.True(limited.Header.Get("Retry-After") != "")
		is.Equal(limited.Header.Get("Access-Control-Allow-Origin"), site)
		is.True(strings.Contains(limited.Header.Get("Access-Control-Expose-Headers"), "Retry-After")) // else fetch() cannot see it
	})
}
