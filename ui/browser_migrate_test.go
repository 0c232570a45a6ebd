package ui_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserMigratePipedrive moves a Pipedrive export's zip into Rolo
// through the pages: the plan lists the stages to create and the owners
// to map; one owner goes to a user; the import brings a deal with its
// contact and company; the undo takes it all away again.
func TestBrowserMigratePipedrive(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	zipPath := filepath.Join(t.TempDir(), "pipedrive-export-2026-12-07.zip")
	is.NoErr(os.WriteFile(zipPath, zipExport(t, pipedriveExport, nil), 0o600))
	title, person, org := linkedDeal(t, filepath.Join("..", "testdata", pipedriveExport))

	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	bo := addBo(t, ts)
	p.run(
		chromedp.Navigate(ts.URL+"/imports"),
		chromedp.WaitVisible(chromedp.CSS("#migrate-upload")),
		chromedp.SetValue(chromedp.CSS("#migrate-source"), "pipedrive"),
		chromedp.SetUploadFiles(chromedp.CSS("#migrate-files"), []string{zipPath}),
	)
	p.screenshot("migrate-upload")
	p.run(
		chromedp.Click(chromedp.CSS("#migrate-submit")),
		chromedp.WaitVisible(chromedp.CSS("#migrate-stages")),
	)
	is.True(p.eval(`String(document.querySelectorAll("#migrate-stages tr.to-create").length)`) != "0")   // stages to create
	is.True(p.eval(`String(document.querySelectorAll("#migrate-owners tr[data-owner]").length)`) != "0") // owners to map
	p.screenshot("migrate-preview")
	p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#migrate-owners")))
	is.True(p.scrollWidth() <= 375) // name: the plan never scrolls sideways on a phone
	p.screenshot("migrate-preview-phone")
	p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#migrate-owners")))

	// The first owner no user matched goes to Bo.
	i := p.eval(`(() => { const tr = [...document.querySelectorAll("#migrate-owners tr[data-owner]")].find(tr => tr.querySelector(".matched .badge")); return tr ? tr.querySelector("select").id.replace("owner-", "") : ""; })()`)
	is.True(i != "") // an owner of the export is no Rolo user
	sel, owner := "#owner-"+i, p.attr(`input[name="owner.`+i+`.key"]`, "value")
	p.run(
		chromedp.SetValue(chromedp.CSS(sel), bo.ID),
		chromedp.Click(chromedp.CSS("#migrate-replan")),
	)
	p.waitForText(`#migrate-owners tr[data-owner="`+owner+`"] .matched`, "chosen by you")
	is.Equal(p.value(sel), bo.ID) // the plan keeps the choice

	p.run(chromedp.Click(chromedp.CSS("#migrate-run")), chromedp.WaitVisible(chromedp.CSS("#migrate-undo")))
	p.screenshot("migrate-result")
	result := p.location()

	// The deal came with its contact and company.
	deals, err := ts.app.ListDeals(t.Context(), nil, app.DealQuery{Limit: 500})
	is.NoErr(err)
	var deal app.DealRow
	for _, d := range deals.Rows {
		if d.Title == title {
			deal = d
		}
	}
	is.True(deal.ID != "") // the deal was imported
	p.visit("/deals/"+deal.ID, "h1")
	is.True(strings.Contains(p.text(`a[href="/companies/`+deal.CompanyID+`"]`), org))   // its company
	is.True(strings.Contains(p.text(`a[href="/contacts/`+deal.ContactID+`"]`), person)) // its contact
	bosDeals, err := ts.app.ListDeals(t.Context(), nil, app.DealQuery{Owner: bo.ID, Limit: 500})
	is.NoErr(err)
	bosContacts, err := ts.app.ListContacts(t.Context(), nil, app.ListQuery{Owner: bo.ID, Limit: 500})
	is.NoErr(err)
	is.True(bosDeals.Total+bosContacts.Total > 0) // the mapped owner's records are Bo's

	// Undo from the result page: the deal is gone.
	p.run(chromedp.Navigate(result), chromedp.WaitVisible(chromedp.CSS("#migrate-undo-submit")))
	p.acceptConfirms()
	p.run(chromedp.Click(chromedp.CSS("#migrate-undo-submit")))
	deadline := time.Now().Add(30 * time.Second)
	for {
		deals, err = ts.app.ListDeals(t.Context(), nil, app.DealQuery{Limit: 500})
		is.NoErr(err)
		if deals.Total == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	is.Equal(deals.Total, 0) // the undo took the deals away
	p.run(chromedp.WaitReady(chromedp.CSS("body")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	_, err = ts.app.Deal(t.Context(), nil, deal.ID)
	is.Equal(app.ErrorCode(err), app.ENotFound) // the deal is gone for good
	p.visit("/deals/"+deal.ID, "h1")
	is.True(!strings.Contains(p.text("main"), deal.Title)) // its page is no more
}

// linkedDeal reads the export's deals file for a deal naming both a
// person and an organisation, as a person reads the CSV.
func linkedDeal(t *testing.T, dir string) (title, person, org string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "deals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimPrefix(h, "\ufeff"))
		switch {
		case strings.HasSuffix(h, "title"):
			col["title"] = i
		case strings.Contains(h, "organization") && !strings.Contains(h, "id"):
			col["org"] = i
		case strings.Contains(h, "person") && !strings.Contains(h, "id"):
			col["person"] = i
		}
	}
	for _, r := range rows[1:] {
		if r[col["title"]] != "" && r[col["org"]] != "" && r[col["person"]] != "" {
			return r[col["title"]], r[col["person"]], r[col["org"]]
		}
	}
	t.Fatal("no deal of the export names a person and an organisation")
	return
}
