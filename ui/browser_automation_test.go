package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

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
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	step := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		s, err := chromedp.Run(stepCtx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/login")); err != nil {
		t.Fatal(err)
	}
	_, err := chromedp.Run(ctx, chromedp.Evaluate[any]("document.cookie = 'rolo_session="+admin.cookie("rolo_session").Value+"; path=/'"))
	is.NoErr(err)

	// create
	step(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/settings/automation"), chromedp.WaitVisible(chromedp.CSS("#rule-form")))
	is.True(strings.Contains(text("#scheduler"), "everything due was done")) // the scheduler's last pass
	step(
		chromedp.SendKeys(chromedp.CSS("#rule-name"), "Welcome new contacts"),
		chromedp.SetValue(chromedp.CSS("#rule-event"), "contact.created"),
		chromedp.SetValue(chromedp.CSS("#action-0-type"), "add_tag"),
		chromedp.SendKeys(chromedp.CSS("#action-0-value"), "welcome"),
		chromedp.Click(chromedp.CSS(`#rule-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(text(".table"), "Welcome new contacts"))
	screenshot(t, ctx, shots, "automation-created")

	// edit: a bad value shows beside its field, then a good one saves
	step(chromedp.Click(chromedp.CSS(`a.button[href$="/edit"]`)), chromedp.WaitVisible(chromedp.CSS("#rule-cancel")))
	step(
		chromedp.SetValue(chromedp.CSS("#rule-conditions"), "score>=lots"),
		chromedp.Click(chromedp.CSS(`#rule-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".field-error")),
	)
	is.True(strings.Contains(text(".field-error"), "conditions like"))
	screenshot(t, ctx, shots, "automation-edit-error")
	// The page came from a form post; set the fields by script, as chromedp
	// may still hold the nodes of the page before it.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`document.querySelector('#rule-name').value = 'Welcome every contact';
		document.querySelector('#rule-conditions').value = '';
		document.querySelector('#action-0-value').value = 'welcomed'`))
	is.NoErr(err)
	step(chromedp.Click(chromedp.CSS(`#rule-form button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	is.True(strings.Contains(text("h1"), "Welcome every contact"))
	is.True(strings.Contains(text(".definition"), `"welcomed"`))

	// a contact that triggers it, and its run on the page
	c, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "Greta"})
	is.NoErr(err)
	is.Equal(c.Tags[len(c.Tags)-1].Name, "welcomed")
	step(chromedp.Navigate(ts.URL+"/settings/automation"), chromedp.WaitVisible(chromedp.CSS(".run-ok")))
	is.True(strings.Contains(text("#scheduler"), "Last ran"))
	screenshot(t, ctx, shots, "automation-run")

	// the lead score on the contact list, sorted by it
	_, err = ts.app.CreateScoreRule(t.Context(), nil, "Welcomed", "tag:welcomed", 25)
	is.NoErr(err)
	step(chromedp.Navigate(ts.URL+"/contacts?sort=-score"), chromedp.WaitVisible(chromedp.CSS(`td[data-label="Lead score"]`)))
	is.Equal(text(`td[data-label="Lead score"]`), "25")
	screenshot(t, ctx, shots, "contacts-by-score")
}
