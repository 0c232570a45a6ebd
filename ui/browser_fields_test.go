package ui_test

import (
	"context"
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
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	cookie := admin.cookie("rolo_session")
	step := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	// Start the browser outside a step's timeout, which would end it.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/login")); err != nil {
		t.Fatal(err)
	}
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any]("document.cookie = 'rolo_session="+cookie.Value+"; path=/'"))
	is.NoErr(err)
	step(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/settings/fields"), chromedp.WaitVisible(chromedp.CSS("#field-form")))
	screenshot(t, ctx, shots, "fields-settings")
	step(chromedp.Navigate(ts.URL+"/contacts/"+c.ID), chromedp.WaitVisible(chromedp.CSS(".custom-values")))
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-field="channels"]`)))
	is.NoErr(err)
	is.Equal(text, "Email; Chat")
	screenshot(t, ctx, shots, "contact-custom-fields")
	step(chromedp.Navigate(ts.URL+"/contacts/"+c.ID+"/edit"), chromedp.WaitVisible(chromedp.CSS(".custom-fields")))
	screenshot(t, ctx, shots, "contact-form-custom-fields")
	step(chromedp.Navigate(ts.URL+"/contacts?q=plan:pro+seats:>10"), chromedp.WaitVisible(chromedp.CSS("#filter-q")))
	// The total arrives after the page: app.js puts it in place of the link.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		count, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#count")))
		is.NoErr(err)
		if count == "1 contact" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the list's total never arrived: %q", count)
		}
	}
	screenshot(t, ctx, shots, "contacts-filtered")
}
