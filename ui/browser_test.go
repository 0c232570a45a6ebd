package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"
)

// TestBrowserSetupLoginLanguageLogout drives a real Chromium through the
// first-run story: setup → settings → switch to Korean → logout → login.
func TestBrowserSetupLoginLanguageLogout(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/")

	p.run(chromedp.WaitVisible(chromedp.CSS("#name")))
	is.True(strings.HasSuffix(p.location(), "/setup")) // a new install opens on setup
	p.screenshot("setup")

	p.run(
		chromedp.SendKeys(chromedp.CSS("#name"), "Ada 관리자"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(p.text("h1"), "Ada 관리자")) // logged in after setup
	p.screenshot("home")

	p.visit("/settings", "#db-path")
	is.True(strings.HasSuffix(p.text("#db-path"), "rolo.db")) // the data file is shown
	p.screenshot("settings")

	p.run(
		chromedp.Navigate(ts.URL+"/profile"),
		chromedp.WaitVisible(chromedp.CSS("#language")),
		chromedp.SetValue(chromedp.CSS("#language"), "ko"),
		chromedp.Click(chromedp.CSS("#save-profile")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.Equal(p.text("h1"), ts.catalog.T("ko", "profile.heading")) // the page is now Korean
	is.Equal(p.eval("document.documentElement.lang"), "ko")
	p.screenshot("profile-ko")

	p.run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/settings"),
		chromedp.WaitVisible(chromedp.CSS("#db-path")),
	)
	is.True(p.scrollWidth() <= 375) // no sideways scrolling on a phone
	p.screenshot("settings-phone-ko")
	p.run(
		chromedp.EmulateReset(),
		chromedp.EmulateViewport(1280, 900),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
		chromedp.Click(chromedp.CSS("#logout")),
		chromedp.WaitVisible(chromedp.CSS("#password")),
	)
	is.True(strings.HasSuffix(p.location(), "/login")) // back on the login page
	p.screenshot("logged-out")

	p.run(
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
	)
	is.True(strings.Contains(p.text("h1"), "Ada 관리자")) // logged in again, in Korean
}
