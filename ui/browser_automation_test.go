package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserAutomation makes a rule on the automation page in a real
// Chromium, edits it, and sees its run after a contact that triggers it
// (ROLO_SCREENSHOTS=/tmp/shots-automation keeps the screenshots).
func TestBrowserAutomation(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	is.NoErr(ts.app.RunDue(t.Context())) // a scheduler pass to show
	p := newPage(t, ts.URL, "/login")
	p.signInAs(admin)

	// create
	p.run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/settings/automation"), chromedp.WaitVisible(chromedp.CSS("#rule-form")))
	is.True(strings.Contains(p.text("#scheduler"), "everything due was done")) // the scheduler's last pass
	p.run(
		chromedp.SendKeys(chromedp.CSS("#rule-name"), "Welcome new contacts"),
		chromedp.SetValue(chromedp.CSS("#rule-event"), "contact.created"),
		chromedp.SetValue(chromedp.CSS("#action-0-type"), "add_tag"),
		chromedp.SendKeys(chromedp.CSS("#action-0-value"), "welcome"),
		chromedp.Click(chromedp.CSS(`#rule-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(p.text(".table"), "Welcome new contacts"))
	p.screenshot("automation-created")

	// edit: a bad value shows beside its field, then a good one saves
	p.run(chromedp.Click(chromedp.CSS(`a.button[href$="/edit"]`)), chromedp.WaitVisible(chromedp.CSS("#rule-cancel")))
	p.run(
		chromedp.SetValue(chromedp.CSS("#rule-conditions"), "score>=lots"),
		chromedp.Click(chromedp.CSS(`#rule-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".field-error")),
	)
	is.True(strings.Contains(p.text(".field-error"), "conditions like"))
	p.screenshot("automation-edit-error")
	// The page came from a form post; set the fields by script, as chromedp
	// may still hold the nodes of the page before it.
	p.exec(`document.querySelector('#rule-name').value = 'Welcome every contact';
		document.querySelector('#rule-conditions').value = '';
		document.querySelector('#action-0-value').value = 'welcomed'`)
	p.run(chromedp.Click(chromedp.CSS(`#rule-form button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	is.True(strings.Contains(p.text("h1"), "Welcome every contact"))
	is.True(strings.Contains(p.text(".definition"), `"welcomed"`))

	// a contact that triggers it, and its run on the page
	c, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "Greta"})
	is.NoErr(err)
	is.Equal(c.Tags[len(c.Tags)-1].Name, "welcomed")
	p.visit("/settings/automation", ".run-ok")
	is.True(strings.Contains(p.text("#scheduler"), "Last ran"))
	p.screenshot("automation-run")

	// the lead score on the contact list, sorted by it
	_, err = ts.app.CreateScoreRule(t.Context(), nil, "Welcomed", "tag:welcomed", 25)
	is.NoErr(err)
	p.visit("/contacts?sort=-score", `td[data-label="Lead score"]`)
	is.Equal(p.text(`td[data-label="Lead score"]`), "25")
	p.screenshot("contacts-by-score")
}
