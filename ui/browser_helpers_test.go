package ui_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive one Chromium tab each through a page: every
// step is bounded, and a step that fails ends the test with the page's
// address and a screenshot of it.

// stepTimeout bounds each browser step: a page blocked by a dialog must
// fail the test, not hang the whole run until go test's timeout.
const stepTimeout = 30 * time.Second

// page is the tab of one browser test, on the test server at base.
type page struct {
	t     *testing.T
	ctx   context.Context // the tab's chromedp context; steps derive bounded contexts from it
	base  string          // the test server's URL, which paths are relative to
	shots string          // where screenshots go
}

// newPage starts Chromium and opens base+path in it. That first
// navigation starts the browser, so it runs without the step timeout,
// which would end the browser with it (see chromedp.Run).
func newPage(t *testing.T, base, path string) *page {
	t.Helper()
	p := &page{t: t, ctx: newBrowser(t), base: base, shots: screenshotDir(t)}
	if err := chromedp.Do(p.ctx, chromedp.Navigate(base+path)); err != nil {
		t.Fatalf("start the browser on %s: %v", path, err)
	}
	return p
}

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

// run runs the steps in order, bounded together by stepTimeout.
func (p *page) run(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.fail("browser step", err)
	}
}

// get runs one action that returns a value, bounded by stepTimeout; what
// names it in the failure.
func get[T any](p *page, what string, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.fail(what, err)
	}
	return v
}

// evaluate runs the script and returns its result as a T.
func evaluate[T any](p *page, js string) T {
	p.t.Helper()
	return get(p, "evaluate "+js, chromedp.Evaluate[T](js))
}

// fail ends the test with what failed, the page's address and, where it
// can, a screenshot named after the test.
func (p *page) fail(what string, err error) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	name := strings.ReplaceAll(p.t.Name(), "/", "_") + "-failed"
	if path, shotErr := p.capture(name); shotErr != nil {
		p.t.Logf("no screenshot of the failure: %v", shotErr)
	} else {
		p.t.Logf("screenshot: %s", path)
	}
	p.t.Fatalf("%s: %v (page: %s)", what, err, loc)
}

// visit opens base+path and waits until sel is visible.
func (p *page) visit(path, sel string) {
	p.t.Helper()
	p.run(chromedp.Navigate(p.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// text is the visible text of the first element that matches sel.
func (p *page) text(sel string) string {
	p.t.Helper()
	return get(p, "text of "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// value is the JavaScript value of the form field that matches sel.
func (p *page) value(sel string) string {
	p.t.Helper()
	return get(p, "value of "+sel, chromedp.Value(chromedp.CSS(sel)))
}

// attr is the value of the attribute name of the element that matches sel.
func (p *page) attr(sel, name string) string {
	p.t.Helper()
	return get(p, "attribute "+name+" of "+sel, chromedp.AttributeValue(chromedp.CSS(sel), name)).Value
}

// location is the page's address.
func (p *page) location() string {
	p.t.Helper()
	return get(p, "location", chromedp.Location())
}

// eval runs the script and returns its string result.
func (p *page) eval(js string) string {
	p.t.Helper()
	return evaluate[string](p, js)
}

// exec runs the script for what it does.
func (p *page) exec(js string) {
	p.t.Helper()
	evaluate[any](p, js)
}

// scrollWidth is the document's width: on a phone, no wider than the
// screen means no sideways scrolling.
func (p *page) scrollWidth() int {
	p.t.Helper()
	return evaluate[int](p, "document.documentElement.scrollWidth")
}

// acceptConfirms makes every confirm dialog on this page say yes.
func (p *page) acceptConfirms() {
	p.t.Helper()
	evaluate[bool](p, "window.confirm = function () { return true; }; true")
}

// signInAs carries the session of b, a signed-in test client, over to
// the page; the page must be on the test server already.
func (p *page) signInAs(b *browser) {
	p.t.Helper()
	p.exec("document.cookie = 'rolo_session=" + b.cookie("rolo_session").Value + "; path=/'")
}

// setupAdmin fills in the first-run setup form the page shows, as
// testServer.setupAdmin does over HTTP, and waits until Ada is signed in.
func (p *page) setupAdmin() {
	p.t.Helper()
	p.run(
		chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Ada Admin"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
	)
}

// screenshot saves the page as name.png in the screenshot folder.
func (p *page) screenshot(name string) {
	p.t.Helper()
	path, err := p.capture(name)
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	p.t.Logf("screenshot: %s", path)
}

func (p *page) capture(name string) (string, error) {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 gives PNG; less gives JPEG
	if err != nil {
		return "", err
	}
	path := filepath.Join(p.shots, name+".png")
	return path, os.WriteFile(path, png, 0o644)
}

// waitForText waits until the text of sel holds want, through a page that
// is still loading: a query made while the document is being replaced
// fails with "No node with given id", which is retried rather than fatal.
func (p *page) waitForText(sel, want string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && document.readyState === "complete" && e.innerText.includes(%q); })()`, sel, want)
	deadline := time.Now().Add(stepTimeout)
	var err error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
		var found bool
		found, err = chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && found {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err == nil {
		err = fmt.Errorf("%q never showed %q", sel, want)
	}
	p.fail("wait for text", err)
}
