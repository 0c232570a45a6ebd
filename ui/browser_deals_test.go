package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserBoard drives a real Chromium over the kanban board: drag a
// card to another column and reload (it stays), drag one onto Lost (the
// dialog asks why), then move a card with the stage selector while
// JavaScript is off. It takes screenshots of the board on a desktop and a
// phone, and of a deal's page.
func TestBrowserBoard(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()

	// A realistic board: deals in several stages, currencies and scripts.
	me := recordActor(t, ts)
	pipeline, stages := salesStages(t, ts)
	sam, err := ts.app.CreateUser(t.Context(), nil, app.NewUser{Name: "Sam Seller", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	companies := map[string]string{}
	for _, name := range []string{"Analytical Engines", "한빛상사", "富士テック", "长城科技"} {
		co, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: name})
		is.NoErr(err)
		companies[name] = co.ID
	}
	person := createContact(t, ts, app.ContactInput{FirstName: "Charles", LastName: "Babbage", CompanyID: companies["Analytical Engines"], Title: "Inventor"})
	seed := []app.DealInput{
		{Title: "Difference engine No. 2", Amount: "125,000", Currency: "USD", StageID: stages["first_outreach"].ID, CompanyID: companies["Analytical Engines"],
			ContactIDs: []string{person.ID}, OwnerID: me.ID, ExpectedCloseDate: "2027-03-31", Tags: []string{"engines"}, Source: "Referral",
			Notes: "Wants a demo in March.\nAsk about the printer."},
		{Title: "서울 지사 라이선스", Amount: "30,000,000", Currency: "KRW", StageID: stages["first_outreach"].ID, CompanyID: companies["한빛상사"], OwnerID: sam.ID},
		{Title: "年間サポート契約", Amount: "1,200,000", Currency: "JPY", StageID: stages["qualifying_call"].ID, CompanyID: companies["富士テック"], OwnerID: me.ID},
		{Title: "华东区试点", Amount: "88,000", Currency: "CNY", StageID: stages["demo"].ID, CompanyID: companies["长城科技"], OwnerID: sam.ID},
		{Title: "Renewal with a rather long name that has to wrap inside its card", Amount: "4,800", Currency: "EUR", StageID: stages["proposal"].ID, OwnerID: me.ID},
		{Title: "Training workshop", Amount: "2,500", Currency: "USD", StageID: stages["contract_review"].ID},
		{Title: "Pilot for the analytics team", Amount: "9,900", Currency: "USD", StageID: stages["demo"].ID, OwnerID: me.ID},
	}
	ids := map[string]string{}
	for _, in := range seed {
		ids[in.Title] = createDeal(t, ts, in).ID
	}
	// One deal waited in its stage for three weeks: it shows as stalled.
	is.NoErr(ts.app.DB().Write(t.Context(), func(tx *app.Tx) error {
		_, err := tx.ExecContext(t.Context(), `UPDATE deals SET stage_entered_at = ? WHERE id = ?`,
			app.FormatTime(time.Now().Add(-21*24*time.Hour)), ids["서울 지사 라이선스"])
		return err
	}))

	p.run(
		chromedp.Click(chromedp.CSS(`.nav a[href="/deals"]`)),
		chromedp.WaitVisible(chromedp.CSS("#board")),
	)
	is.True(strings.Contains(p.text("#column-"+stages["first_outreach"].ID), "₩30,000,000"))
	is.True(strings.Contains(p.text("#deal-"+ids["서울 지사 라이선스"]), ts.catalog.T("en", "deals.rotting")))
	is.Equal(p.eval(`document.getElementById("board").classList.contains("js-board") ? "yes" : "no"`), "yes") // board.js runs under the CSP
	p.screenshot("board")

	// Drag a card to the next column; the server is told, and a reload
	// finds it there.
	card := "#deal-" + ids["Difference engine No. 2"]
	p.run(
		chromedp.DragAndDrop(chromedp.CSS(card), chromedp.CSS("#column-"+stages["qualifying_call"].ID+" .board-cards")),
		chromedp.WaitVisible(chromedp.CSS("#column-"+stages["qualifying_call"].ID+" "+card)),
	)
	waitFor(t, func() bool {
		d, err := ts.app.Deal(t.Context(), nil, ids["Difference engine No. 2"])
		return err == nil && d.StageID == stages["qualifying_call"].ID
	})
	p.run(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#board")))
	is.True(strings.Contains(p.text("#column-"+stages["qualifying_call"].ID), "Difference engine No. 2")) // it stayed
	is.True(!strings.Contains(p.text("#column-"+stages["first_outreach"].ID), "Difference engine No. 2"))
	is.True(strings.Contains(p.text("#column-"+stages["qualifying_call"].ID+" .board-total"), "$125,000.00")) // totals follow

	// Drag a card onto the Lost zone: the dialog asks why, and the deal is lost.
	dragOntoZone(p, "#deal-"+ids["Training workshop"], "#zone-"+stages["lost"].ID)
	p.run(chromedp.WaitVisible(chromedp.CSS("#lost-dialog-reason")))
	p.screenshot("board-lost-dialog")
	p.run(
		chromedp.SendKeys(chromedp.CSS("#lost-dialog-reason"), "Chose a competitor"),
		chromedp.Click(chromedp.CSS(`#lost-dialog button[value="ok"]`)),
	)
	waitFor(t, func() bool {
		d, err := ts.app.Deal(t.Context(), nil, ids["Training workshop"])
		return err == nil && d.Status == "lost" && d.LostReason == "Chose a competitor"
	})

	// Without JavaScript, the stage selector on the card does the same.
	_, err = chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	is.NoErr(err)
	pilot := "#deal-" + ids["Pilot for the analytics team"]
	p.run(
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(pilot+" .card-move summary")),
		chromedp.Click(chromedp.CSS(pilot+" .card-move summary")),
		chromedp.SetValue(chromedp.CSS(pilot+` select[name="stage_id"]`), stages["proposal"].ID),
		chromedp.Click(chromedp.CSS(pilot+" .card-move button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(p.text("#column-"+stages["proposal"].ID), "Pilot for the analytics team"))
	is.Equal(p.text(".flash"), ts.catalog.T("en", "deals.moved"))
	_, err = chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	is.NoErr(err)

	// The deal's page, then the board and the deal on a phone.
	p.run(
		chromedp.Navigate(ts.URL+"/deals/"+ids["Difference engine No. 2"]),
		chromedp.WaitVisible(chromedp.CSS("#stage-history")),
	)
	is.True(strings.Contains(p.text("#stage-history"), ts.catalog.T("en", "pipeline.default.first_outreach")))
	p.screenshot("deal")
	p.run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/pipelines/"+pipeline.ID+"/board"),
		chromedp.WaitVisible(chromedp.CSS("#board")),
	)
	is.True(p.scrollWidth() <= 375) // the board scrolls inside itself, not the page
	p.screenshot("board-phone")
	p.visit("/deals/"+ids["Difference engine No. 2"], "#stage-history")
	is.True(p.scrollWidth() <= 375)
	p.screenshot("deal-phone")
	p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900))
	p.run(
		chromedp.Navigate(ts.URL+"/profile"),
		chromedp.WaitVisible(chromedp.CSS("#language")),
		chromedp.SetValue(chromedp.CSS("#language"), "ko"),
		chromedp.Click(chromedp.CSS("#save-profile")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Navigate(ts.URL+"/pipelines/"+pipeline.ID+"/board"),
		chromedp.WaitVisible(chromedp.CSS("#board")),
	)
	is.True(strings.Contains(p.text("#column-"+stages["first_outreach"].ID), ts.catalog.T("ko", "pipeline.default.first_outreach"))) // the built-in names follow the reader
	p.screenshot("board-ko")
	for name, path := range map[string]string{"deals-list": "/pipelines/" + pipeline.ID + "/list?status=all", "pipelines": "/settings/pipelines",
		"pipeline-stages": "/settings/pipelines/" + pipeline.ID, "deal-form": "/deals/" + ids["华东区试点"] + "/edit"} {
		p.visit(path, "main h1")
		p.screenshot(name)
	}
}

// waitFor polls cond for up to ten seconds: the board posts moves in the
// background.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 10 s")
}
