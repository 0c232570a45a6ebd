package ui_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserCustomFields draws the field settings page and a contact
// with custom values in a real Chromium, for screenshots
// (ROLO_SCREENSHOTS=/tmp/shots-fields keeps them), and checks that the
// values show grouped on the record page.
func TestBrowserCustomFields(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	addFields(t, admin)
	c, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "Ada", LastName: "Lovelace", Title: "Analyst",
		CustomFields: app.CustomValues{"nickname": "Addy", "seats": 12, "budget": "1250.50", "renewal_date": "2027-03-01", "vip": true,
			"plan": "Pro", "channels": []string{"Email", "Chat"}, "homepage": "https://example.com", "billing_email": "ada@example.com"}})
	is.NoErr(err)
	p := newPage(t, ts.URL, "/login")
	p.signInAs(admin)
	p.run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/settings/fields"), chromedp.WaitVisible(chromedp.CSS("#field-form")))
	p.screenshot("fields-settings")
	p.visit("/contacts/"+c.ID, ".custom-values")
	is.Equal(p.text(`[data-field="channels"]`), "Email; Chat")
	p.screenshot("contact-custom-fields")
	p.visit("/contacts/"+c.ID+"/edit", ".custom-fields")
	p.screenshot("contact-form-custom-fields")
	p.visit("/contacts?q=plan:pro+seats:>10", "#filter-q")
	// The total arrives after the page: app.js puts it in place of the link.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		count := p.text("#count")
		if count == "1 contact" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the list's total never arrived: %q", count)
		}
	}
	p.screenshot("contacts-filtered")
}
