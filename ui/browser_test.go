package ui_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"
)

// newBrowser starts the system's headless Chromium, never a downloaded
// one. Without Chromium the test skips, except in CI, where it fails.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is not installed; .ci/run must install Debian's chromium package")
		}
		t.Skip("no Chromium found (apt-get install chromium); skipping the browser test")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// screenshotDir is where screenshots go: $ROLO_SCREENSHOTS to keep them,
// else a temp dir.
func screenshotDir(t *testing.T) string {
	if dir := os.Getenv("ROLO_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	// Bounded, like every browser step: a page blocked by a dialog must
	// fail the test, not hang the whole run until go test's timeout.
	shotCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(shotCtx, chromedp.FullScreenshot(100)) // 100 gives PNG; less gives JPEG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// TestBrowserSetupLoginLanguageLogout drives a real Chromium through the
// first-run story: setup → settings → switch to Korean → logout → login.
func TestBrowserSetupLoginLanguageLogout(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// Start the browser, then bound each step separately (see chromedp.Run).
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	run(chromedp.WaitVisible(chromedp.CSS("#name")))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	is.NoErr(err)
	is.True(strings.HasSuffix(loc, "/setup")) // a new install opens on setup
	screenshot(t, ctx, shots, "setup")

	run(
		chromedp.SendKeys(chromedp.CSS("#name"), "Ada 관리자"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(text("h1"), "Ada 관리자")) // logged in after setup
	screenshot(t, ctx, shots, "home")

	run(chromedp.Navigate(ts.URL+"/settings"), chromedp.WaitVisible(chromedp.CSS("#db-path")))
	is.True(strings.HasSuffix(text("#db-path"), "rolo.db")) // the data file is shown
	screenshot(t, ctx, shots, "settings")

	run(
		chromedp.Navigate(ts.URL+"/profile"),
		chromedp.WaitVisible(chromedp.CSS("#language")),
		chromedp.SetValue(chromedp.CSS("#language"), "ko"),
		chromedp.Click(chromedp.CSS("#save-profile")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.Equal(text("h1"), ts.catalog.T("ko", "profile.heading")) // the page is now Korean
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.lang"))
	is.NoErr(err)
	is.Equal(lang, "ko")
	screenshot(t, ctx, shots, "profile-ko")

	run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/settings"),
		chromedp.WaitVisible(chromedp.CSS("#db-path")),
	)
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
	is.NoErr(err)
	is.True(width <= 375) // no sideways scrolling on a phone
	screenshot(t, ctx, shots, "settings-phone-ko")
	run(
		chromedp.EmulateReset(),
		chromedp.EmulateViewport(1280, 900),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
		chromedp.Click(chromedp.CSS("#logout")),
		chromedp.WaitVisible(chromedp.CSS("#password")),
	)
	loc, err = chromedp.Run(ctx, chromedp.Location())
	is.NoErr(err)
	is.True(strings.HasSuffix(loc, "/login")) // back on the login page
	screenshot(t, ctx, shots, "logged-out")

	run(
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
	)
	is.True(strings.Contains(text("h1"), "Ada 관리자")) // logged in again, in Korean
}
