package ui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserReports takes screenshots of the dashboard (team view, with
// a goal) and of the funnel in the light and the dark theme
// (ROLO_SCREENSHOTS=/tmp/shots-reports keeps them), and checks that the
// charts' colours come from the stylesheet in both.
func TestBrowserReports(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()

	// A month of work: deals through the stages, won and lost, in two
	// currencies; contacts from several sources; activities; a goal.
	ctx0 := t.Context()
	me := recordActor(t, ts)
	_, stages := salesStages(t, ts)
	sam, err := ts.app.CreateUser(ctx0, nil, app.NewUser{Name: "Sam Seller", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	order := []string{"first_outreach", "qualifying_call", "demo", "proposal", "contract_review"}
	for i := range 24 {
		owner := me.ID
		if i%3 == 0 {
			owner = sam.ID
		}
		currency := "USD"
		if i%5 == 0 {
			currency = "KRW"
		}
		value := int64(1500_00 + i*250_00)
		if currency == "KRW" {
			value = int64(2_000_000 + i*100_000)
		}
		d, err := ts.app.CreateDeal(ctx0, me, app.DealInput{Title: fmt.Sprintf("Deal %d", i+1), StageID: stages["first_outreach"].ID, Value: value,
			Currency: currency, OwnerID: owner, Source: []string{"Website", "Referral", "Webinar"}[i%3],
			ExpectedCloseDate: time.Now().AddDate(0, i%4, 0).Format(time.DateOnly)})
		is.NoErr(err)
		for _, next := range order[1 : 1+i%5] {
			_, err := ts.app.MoveDeal(ctx0, me, d.ID, stages[next].ID, app.Place{}, "")
			is.NoErr(err)
		}
		switch i % 6 {
		case 4:
			_, err = ts.app.CloseDeal(ctx0, me, d.ID, "won", "")
		case 5:
			_, err = ts.app.CloseDeal(ctx0, me, d.ID, "lost", "Price")
		}
		is.NoErr(err)
	}
	for i := range 12 {
		c, err := ts.app.CreateContact(ctx0, me, app.ContactInput{FirstName: fmt.Sprintf("Lead %d", i+1), OwnerID: me.ID,
			LeadSource: []string{"Website", "Referral", "Webinar", "Trade show"}[i%4]})
		is.NoErr(err)
		_, err = ts.app.LogActivity(ctx0, me, app.ActivityInput{TypeID: []string{"call", "email", "meeting", "note"}[i%4],
			Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		is.NoErr(err)
	}
	_, err = ts.app.CreateGoal(ctx0, me, app.GoalInput{Name: "Twenty new leads", Metric: app.MetricNewContacts, Target: "20",
		Deadline: time.Now().AddDate(0, 1, 0).Format(time.DateOnly)})
	is.NoErr(err)

	for _, theme := range []string{"light", "dark"} {
		_, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}})
		is.NoErr(err)
		p.run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/dashboard?owner=team"), chromedp.WaitVisible(chromedp.CSS("#forecast svg")))
		p.screenshot("dashboard-" + theme)
		// Bars take their colour from the theme's stylesheet.
		fill := p.eval(`getComputedStyle(document.querySelector("#forecast rect.s0")).fill`)
		text := p.eval(`getComputedStyle(document.querySelector("#forecast text.label")).fill`)
		if theme == "light" {
			is.Equal(fill, "rgb(36, 87, 166)") // --chart-0, light
			is.Equal(text, "rgb(28, 35, 48)")  // --text, light
		} else {
			is.Equal(fill, "rgb(138, 180, 255)") // --chart-0, dark
			is.Equal(text, "rgb(229, 232, 237)") // --text, dark: readable on the dark surface
		}
		is.True(strings.Contains(p.eval(`document.querySelector("#dashboard-goals").innerText`), "Twenty new leads")) // the goal is shown
		p.visit("/reports/funnel?period=this_month&owner=team", "#funnel svg")
		p.screenshot("funnel-" + theme)
		is.Equal(p.eval(`document.querySelector("#funnel svg title").textContent`), "Funnel of Sales")
		is.Equal(p.eval(`String(document.querySelectorAll("#funnel svg.chart-wide rect.funnel").length)`), "6") // five stages and Won, in the drawing a 1280 px screen shows
	}
	p.visit("/reports/activity?period=this_month&owner=team", "#activity-period svg")
	p.screenshot("activity-dark")
	p.run(chromedp.Navigate(ts.URL+"/goals"), chromedp.WaitVisible(chromedp.CSS(".goal-name")), chromedp.Click(chromedp.CSS(".goal-name")),
		chromedp.WaitVisible(chromedp.CSS("#goal-progress svg")))
	p.screenshot("goal-dark")
}
