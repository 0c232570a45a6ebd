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

// TestBrowserImportOddFiles imports, through the upload page, a vCard
// whose cards carry an address that is not an email and a birthday that
// is not a date, then Outlook's CSV with 0/0/00 dates, an impossible
// birthday and a bad second email: the preview lists each bad value as
// left out with its line, and every card and row is stored.
func TestBrowserImportOddFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()

	total := 0
	for _, f := range []struct {
		path, entity, warnings string
		line, field            string // a warning's line and field
		rows                   int
	}{
		{filepath.Join("vcard", "bad-values.vcf"), "vcard", "x@invalid", "1", "emails.0", 2},
		{"outlook-odd.csv", "contact", "1975-13-45", "3", "birthday", 2},
	} {
		file, err := filepath.Abs(filepath.Join("..", "testdata", "import", f.path))
		is.NoErr(err)
		p.run(
			chromedp.Navigate(ts.URL+"/imports"),
			chromedp.WaitVisible(chromedp.CSS("#import-upload")),
			chromedp.SetValue(chromedp.CSS("#entity"), f.entity),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
			chromedp.Click(chromedp.CSS("#upload-submit")),
			chromedp.WaitVisible(chromedp.CSS("#warnings")),
		)
		is.True(strings.Contains(p.text(`#warnings li[data-line="`+f.line+`"][data-field="`+f.field+`"]`), f.warnings)) // the bad value, on its line, left out
		p.screenshot("import-odd-" + f.entity)
		// Wait for the imports page the run leads to: navigating away while
		// that page still loads aborts one of the two (net::ERR_ABORTED).
		p.run(chromedp.Click(chromedp.CSS("#import-submit")), chromedp.WaitVisible(chromedp.CSS("#batches")))
		total += f.rows
		deadline := time.Now().Add(30 * time.Second)
		var list app.ContactList
		for {
			list, err = ts.app.ListContacts(context.Background(), nil, app.ListQuery{Limit: 20})
			is.NoErr(err)
			if list.Total >= total || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		is.Equal(list.Total, total) // every card and row stored
	}
	p.screenshot("import-odd-done")
}
