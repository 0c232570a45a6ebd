package ui_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserMoneyAndSettings opens the dashboard, the win rate report,
// Settings → Currencies, Settings and the permission matrix in Chromium at
// 1280 and 375 px, in English and Korean, with deals in four currencies
// (three with dated rates, yen without), and checks what people saw go
// wrong: no amount wraps, chart text renders at 11px or more, no page
// scrolls sideways, the user's name is not cut, Settings has no stray "·"
// lines, the permission matrix's selects show their whole choice, and a
// skip link leads to the content. ROLO_SCREENSHOTS=/tmp/shots23f keeps
// the screenshots.
func TestBrowserMoneyAndSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	// Headless Chromium has no window focus, so :focus would never match.
	_, err := chromedp.Call(p.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	is.NoErr(err)
	ctx := t.Context()
	me := recordActor(t, ts)
	is.NoErr(ts.app.SetHomeCurrency(ctx, me, "USD"))
	for _, r := range []app.CurrencyRateInput{
		{Currency: "EUR", EffectiveOn: "2020-01-01", Rate: "1.08"},
		{Currency: "EUR", EffectiveOn: time.Now().AddDate(0, 0, -3).Format(time.DateOnly), Rate: "1.10"},
		{Currency: "KRW", EffectiveOn: "2020-01-01", Rate: "0.00074"},
		{Currency: "CNY", EffectiveOn: "2020-01-01", Rate: "0.138"},
	} {
		_, err := ts.app.AddCurrencyRate(ctx, me, r)
		is.NoErr(err)
	}
	_, stages := salesStages(t, ts)
	for i, d := range []struct {
		currency string
		value    int64
		won      bool
	}{
		{"USD", 125_000_00, true}, {"EUR", 98_500_00, true}, {"KRW", 1_161_993_000, true}, {"CNY", 1_161_993_00, false},
		{"JPY", 38_060_800, false}, {"USD", 76_976_600, false}, {"KRW", 96_365_000, false}, {"EUR", 21_114_400, true},
	} {
		deal, err := ts.app.CreateDeal(ctx, me, app.DealInput{Title: fmt.Sprintf("Deal %d", i+1), StageID: stages["proposal"].ID, Value: d.value,
			Currency: d.currency, OwnerID: me.ID, ExpectedCloseDate: time.Now().AddDate(0, i%5, 0).Format(time.DateOnly)})
		is.NoErr(err)
		if d.won {
			_, err = ts.app.CloseDeal(ctx, me, deal.ID, "won", "")
			is.NoErr(err)
		}
	}
	pages := []struct{ name, path, ready string }{
		{"dashboard", "/dashboard", "#forecast"},
		{"report-win-rate", "/reports/win_rate", ".report-table"},
		{"report-pipeline", "/reports/pipeline", ".report-table"},
		{"currencies", "/settings/currencies", "#new-rate"},
		{"settings", "/settings", "#currencies-link"},
		{"permissions", "/settings/permissions", ".permissions-matrix"},
	}
	for _, lang := range []string{"en", "ko"} {
		_, err := ts.app.UpdateProfile(ctx, me, app.Profile{Name: "Augusta Ada King", Language: lang})
		is.NoErr(err)
		for _, width := range []int64{1280, 375} {
			if width == 375 {
				p.run(chromedp.EmulateViewport(width, 812, chromedp.EmulateMobile))
			} else {
				p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(width, 900))
			}
			for _, pg := range pages {
				name := fmt.Sprintf("%s-%s-%d", pg.name, lang, width)
				p.visit(pg.path, pg.ready)
				p.screenshot(name)
				is.True(p.scrollWidth() <= int(width)) // name: the page never scrolls sideways
				// No amount wraps: each is one line box.
				is.Equal(p.eval(`String([...document.querySelectorAll(".money")].filter(e => e.getClientRects().length > 1).length)`), "0")
				// Chart text as rendered: font size × the drawing's scale.
				smallest := p.eval(`String(Math.min(999, ...[...document.querySelectorAll("svg.chart-svg")].filter(s => s.getBoundingClientRect().width > 0).flatMap(s =>
					[...s.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize) * s.getBoundingClientRect().width / s.viewBox.baseVal.width))))`)
				px, err := strconv.ParseFloat(smallest, 64)
				is.NoErr(err)
				is.True(px >= 11) // chart text readable
				// The user's name is whole in the top bar.
				if width == 1280 {
					is.Equal(p.eval(`String(document.querySelector(".nav-user").scrollWidth <= document.querySelector(".nav-user").clientWidth)`), "true")
				}
			}
			p.visit("/dashboard", "#forecast")
			is.True(strings.Contains(p.eval(`document.querySelector(".report-stats").innerText`), "¥")) // yen, without a rate, shown apart
			// Settings: one link per line, no line holding only "·".
			p.visit("/settings", "#currencies-link")
			is.Equal(p.eval(`String([...document.querySelectorAll("ul.links li")].filter(li => li.querySelectorAll("a").length != 1).length)`), "0")
			// The permission matrix's selects are as wide as their longest choice.
			p.visit("/settings/permissions", ".permissions-matrix")
			is.Equal(p.eval(`String([...document.querySelectorAll(".permissions-matrix select")].filter(s => {
				const c = document.createElement("canvas").getContext("2d"); c.font = getComputedStyle(s).font;
				const widest = Math.max(...[...s.options].map(o => c.measureText(o.text).width));
				return s.clientWidth < widest + 16; }).length)`), "0")
			// The skip link is first, hidden until focused, and leads to the content.
			is.Equal(p.eval(`document.querySelector("body a").className`), "skip-link")
			is.True(p.eval(`String(document.querySelector(".skip-link").getBoundingClientRect().bottom <= 0)`) == "true") // out of sight
			// The first Tab from the top of the page lands on it.
			p.exec(`window.scrollTo(0, 0); document.activeElement.blur()`)
			p.run(chromedp.KeyEvent(kb.Tab))
			is.Equal(p.eval(`String(document.activeElement.className)`), "skip-link")
			is.Equal(p.eval(`String(document.querySelector(".skip-link").getBoundingClientRect().top >= 0)`), "true") // in sight when focused
			is.Equal(p.eval(`document.querySelector(".skip-link").getAttribute("href")`), "#main")
		}
	}
}
