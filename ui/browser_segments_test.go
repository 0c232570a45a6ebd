package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserSegmentsAndMergeUndo drives Chromium over a company list
// with its segment links (their counts filled in after the page), a deal
// list opened from a segment, and a company merge undone from the data
// quality page.
func TestBrowserSegmentsAndMergeUndo(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me := recordActor(t, ts)
	_, err := ts.app.CreateCustomField(t.Context(), me, "company", app.FieldInput{Key: "tier", Label: "Tier", Type: "number"})
	is.NoErr(err)
	for name, tier := range map[string]int{"Analytical Engines": 3, "한빛상사": 2, "富士テック": 1} {
		_, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: name, CustomFields: app.CustomValues{"tier": tier}})
		is.NoErr(err)
	}
	top, err := ts.app.CreateSegment(t.Context(), me, app.SegmentInput{Entity: "company", Name: "Top tier", Query: "tier:>1", Shared: true})
	is.NoErr(err)
	_, err = ts.app.CreateSegment(t.Context(), me, app.SegmentInput{Entity: "company", Name: "Everyone", Query: "has:tier"})
	is.NoErr(err)
	keep, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Globex", Domain: "globex.example"})
	is.NoErr(err)
	lose, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Globex Corp", Domain: "globex.example", Industry: "Energy"})
	is.NoErr(err)
	_, err = ts.app.CreateContact(t.Context(), me, app.ContactInput{FirstName: "Hank", LastName: "Scorpio", CompanyID: lose.ID})
	is.NoErr(err)
	is.NoErr(ts.app.MergeCompanies(t.Context(), me, keep.ID, lose.ID, nil))
	deals, err := ts.app.CreateSegment(t.Context(), me, app.SegmentInput{Entity: "deal", Name: "Big deals", Query: "value:>1000"})
	is.NoErr(err)
	_, err = ts.app.CreateDeal(t.Context(), me, app.DealInput{Title: "Anvils for Acme", Amount: "5000", Currency: "USD"})
	is.NoErr(err)

	p := newPage(t, ts.URL, "/login")
	p.signInAs(admin)

	p.visit("/companies?segment="+top.ID, "#segment-nav")
	count := ""
	for i := 0; i < 50 && count == ""; i++ { // app.js fills the counts in after the page
		count = p.eval(`document.querySelector('.segment-link[aria-current] .segment-count').textContent`)
		time.Sleep(100 * time.Millisecond)
	}
	is.Equal(count, "2") // Top tier: two companies
	is.Equal(p.eval(`document.querySelector('#count').textContent.trim() === '' ? 'empty' : 'ok'`), "ok")
	is.True(strings.Contains(p.eval(`document.querySelector('table.records').textContent`), "한빛상사"))
	is.True(!strings.Contains(p.eval(`document.querySelector('table.records').textContent`), "富士テック")) // tier 1 is not in it
	p.screenshot("segments-companies")

	p.visit("/deals?segment="+deals.ID, "#filter-q")
	is.True(strings.Contains(p.eval(`location.pathname`), "/list"))                   // a deal segment opens as the list
	is.True(strings.Contains(p.eval(`document.body.textContent`), "Anvils for Acme")) // and shows its deals
	p.screenshot("segments-deals")

	p.visit("/data-quality", "#recent-merges")
	p.screenshot("merge-undo")
	p.acceptConfirms()
	p.run(chromedp.Click(chromedp.CSS(`#recent-merges button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	is.True(strings.Contains(p.eval(`location.pathname`), "/companies/"+lose.ID))  // the company that came back
	is.True(strings.Contains(p.eval(`document.body.textContent`), "Hank Scorpio")) // with its person
}
