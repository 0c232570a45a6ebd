package ui_test

import (
	"strings"
	"testing"

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
	p := newPage(t, ts.URL, "/login")
	p.signInAs(admin)
	p.run(
		chromedp.Navigate(ts.URL+"/contacts"),
		chromedp.WaitVisible(chromedp.CSS(".nav-search input")),
		chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.WaitVisible(chromedp.CSS(".palette-input")),
		chromedp.SendKeys(chromedp.CSS(".palette-input"), "민수"),
		chromedp.WaitVisible(chromedp.CSS(`#palette-item-0`)),
	)
	is.True(strings.Contains(p.text("#palette-item-0"), "김민수")) // the best match comes first
	p.screenshot("palette")
	p.run(
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	is.True(strings.HasSuffix(p.location(), "/contacts/"+c.ID)) // Enter opened the contact

	p.run(
		chromedp.KeyEvent("?"),
		chromedp.WaitVisible(chromedp.CSS("#shortcuts-title")),
	)
	p.screenshot("shortcuts")
}
