package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserImportStory uploads a CSV whose company and birthday columns
// have German headers the guesser does not know, maps them by hand, sees the preview with
// the bad birthday on line 3 left out (the row kept), imports every row and
// undoes it all.
func TestBrowserImportStory(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	file, err := filepath.Abs(filepath.Join("..", "testdata", "import", "browser.csv"))
	is.NoErr(err)

	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	p.run(
		chromedp.Navigate(ts.URL+"/imports"),
		chromedp.WaitVisible(chromedp.CSS("#import-upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.SendKeys(chromedp.CSS("#tag"), "import-2026-11-webinar"),
	)
	p.screenshot("import-upload")
	p.run(
		chromedp.Click(chromedp.CSS("#upload-submit")),
		chromedp.WaitVisible(chromedp.CSS("#mapping")),
	)
	p.screenshot("import-preview-guessed")

	// "Firma" and "Geburtstag" were not guessed: map them, refresh.
	p.run(
		chromedp.SetValue(chromedp.CSS("#map-2"), "company"),
		chromedp.SetValue(chromedp.CSS("#map-3"), "birthday"),
		chromedp.Click(chromedp.CSS("#preview-refresh")),
		chromedp.WaitVisible(chromedp.CSS("#warnings")),
	)
	is.True(strings.Contains(p.text("#preview"), "Müller & Söhne")) // the company shows in the preview now
	is.True(strings.Contains(p.text(`#warnings li[data-line="3"]`), "1990-02-30"))
	p.screenshot("import-preview-mapped")

	// The bad birthday is left out; 김민수 is imported with the others.
	p.run(
		chromedp.Click(chromedp.CSS("#import-submit")),
		chromedp.WaitVisible(chromedp.CSS("#batches .badge")),
	)
	p.screenshot("import-done")
	list, err := ts.app.ListContacts(context.Background(), nil, app.ListQuery{Limit: 10})
	is.NoErr(err)
	is.Equal(list.Total, 3)
	is.True(strings.Contains(p.text("#batches"), "import-2026-11-webinar"))

	p.acceptConfirms()
	p.run(chromedp.Click(chromedp.CSS("#batches button.danger")))
	// The import page already shows a flash, so wait for the undo itself:
	// until the contacts are gone, then for the page it leads to.
	deadline := time.Now().Add(30 * time.Second)
	for {
		list, err = ts.app.ListContacts(context.Background(), nil, app.ListQuery{Limit: 10})
		is.NoErr(err)
		if list.Total == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	is.Equal(list.Total, 0) // all went to the trash
	p.run(chromedp.WaitReady(chromedp.CSS("body")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	p.screenshot("import-undone")
}
