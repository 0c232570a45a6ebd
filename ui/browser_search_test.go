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

// TestBrowserCommandPalette opens the palette with Ctrl-K in a real
// Chromium, types part of a Korean name and jumps to the contact with
// Enter; then "?" shows the shortcut list.
func TestBrowserCommandPalette(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	c, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "민수", LastName: "김", Title: "영업 이사"})
	is.NoErr(err)
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	cookie := admin.cookie("rolo_session")

	// Start the browser, then carry the logged-in session over to it.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/login")); err != nil {
		t.Fatal(err)
	}
	step := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any]("document.cookie = 'rolo_session="+cookie.Value+"; path=/'"))
	is.NoErr(err)
	step(
		chromedp.Navigate(ts.URL+"/contacts"),
		chromedp.WaitVisible(chromedp.CSS(".nav-search input")),
		chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.WaitVisible(chromedp.CSS(".palette-input")),
		chromedp.SendKeys(chromedp.CSS(".palette-input"), "민수"),
		chromedp.WaitVisible(chromedp.CSS(`#palette-item-0`)),
	)
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#palette-item-0")))
	is.NoErr(err)
	is.True(strings.Contains(first, "김민수")) // the best match comes first
	screenshot(t, ctx, shots, "palette")
	step(
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	is.NoErr(err)
	is.True(strings.HasSuffix(loc, "/contacts/"+c.ID)) // Enter opened the contact

	step(
		chromedp.KeyEvent("?"),
		chromedp.WaitVisible(chromedp.CSS("#shortcuts-title")),
	)
	screenshot(t, ctx, shots, "shortcuts")
}
