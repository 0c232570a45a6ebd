package ui_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// Issue 23, items 6 and 10–12: a board that fits and drops onto Won, Lost
// and the trash; forms that show what the chosen type needs; import and
// segment editing within reach; a phone's first screen with the page's
// primary action. Screenshots at 1280 and 375 px, English and Korean.

// useLanguage switches the signed-in user's language on the profile page.
func useLanguage(p *page, lang string) {
	p.t.Helper()
	p.run(
		chromedp.Navigate(p.base+"/profile"),
		chromedp.WaitVisible(chromedp.CSS("#language")),
		chromedp.SetValue(chromedp.CSS("#language"), lang),
		chromedp.Click(chromedp.CSS("#save-profile")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
}

// visible tells whether the element sel is laid out (not display: none).
func visible(p *page, sel string) bool {
	p.t.Helper()
	return evaluate[bool](p, fmt.Sprintf(`(function () { var e = document.querySelector(%q); return !!e && e.getClientRects().length > 0; })()`, sel))
}

// textNow is the trimmed text of sel as the page has it now ("" when it is
// not there): one script, holding no node, so polling it while the board
// re-renders a column cannot fail with "No node with given id" as a
// query through the DOM does.
func textNow(p *page, sel string) string {
	p.t.Helper()
	return strings.TrimSpace(evaluate[string](p, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel)))
}

// rect is the element's box in the viewport: left, top, right, bottom.
func rect(p *page, sel string) [4]float64 {
	p.t.Helper()
	v := evaluate[[]float64](p, fmt.Sprintf(`(function () { var r = document.querySelector(%q).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()`, sel))
	return [4]float64{v[0], v[1], v[2], v[3]}
}

// dragOntoZone drags card with the mouse onto one of the board's drop
// zones, which show only once the drag has begun: where it will be is
// read with the zones shown for a moment.
func dragOntoZone(p *page, card, zone string) {
	p.t.Helper()
	from := rect(p, card)
	p.exec(`document.getElementById("board").classList.add("is-dragging")`)
	to := rect(p, zone)
	p.exec(`document.getElementById("board").classList.remove("is-dragging")`)
	p.run(chromedp.DragAndDropXY((from[0]+from[2])/2, (from[1]+from[3])/2, (to[0]+to[2])/2, (to[1]+to[3])/2, 12))
}

func TestBrowserBoardFitsAndDropsOnZones(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	pipeline, stages := salesStages(t, ts)
	first, won := stages["first_outreach"], stages["won"]
	for i := 1; i <= 30; i++ {
		createDeal(t, ts, app.DealInput{Title: fmt.Sprintf("Outreach deal %02d", i), Amount: "1,000", Currency: "USD", StageID: first.ID})
	}
	createDeal(t, ts, app.DealInput{Title: "Closed before", Amount: "500", Currency: "USD", StageID: won.ID})
	createDeal(t, ts, app.DealInput{Title: "서울 지사 라이선스", Amount: "30,000,000", Currency: "KRW", StageID: stages["demo"].ID})
	board := "/pipelines/" + pipeline.ID + "/board"

	// Every status: the seven stages as columns, within 1280 px.
	p.run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+board+"?status=all"), chromedp.WaitVisible(chromedp.CSS("#board")))
	is.Equal(evaluate[int](p, `document.querySelectorAll("#board .board-column").length`), 7)
	is.True(evaluate[bool](p, `(function () { var b = document.getElementById("board"); return b.scrollWidth <= b.clientWidth; })()`)) // no sideways scroll in the board
	is.True(p.scrollWidth() <= 1280)                                                                                                   // nor of the page
	p.screenshot("board-1280-all")

	// Open deals: the closed stages are drop zones, out of sight until a drag.
	p.visit(board, "#board")
	is.Equal(evaluate[int](p, `document.querySelectorAll("#board .board-column").length`), 5)
	is.True(!visible(p, "#zone-"+won.ID))
	column := "#column-" + first.ID
	is.Equal(p.text(column+" .board-count"), "30")
	sent := ts.loginAs(t, app.RoleAdmin).get(board)
	is.Equal(strings.Count(sent.Body, `<li class="deal-card`), app.BoardColumnCards+1) // only the first cards of a column are sent (and the demo deal)

	// Scrolling the column to its end loads the rest, each card once.
	waitFor(t, func() bool {
		p.exec(`(function () { var l = document.querySelector("` + column + ` .board-cards"); l.scrollTop = l.scrollHeight; })()`)
		return evaluate[int](p, `document.querySelectorAll("`+column+` .deal-card").length`) == 30
	})
	is.Equal(evaluate[int](p, `new Set(Array.from(document.querySelectorAll("`+column+` .deal-card")).map(function (c) { return c.id; })).size`), 30)
	is.True(!visible(p, column+" .board-more")) // nothing left to load

	// While a card is dragged the zones are on the screen, at its bottom.
	card := column + " .deal-card"
	p.exec(`document.querySelector("` + card + `").dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: new DataTransfer()}))`)
	waitFor(t, func() bool { return visible(p, "#zone-"+won.ID) })
	zone := rect(p, "#zone-"+won.ID)
	is.True(zone[1] > 900/2 && zone[3] <= 900 && zone[0] >= 0 && zone[2] <= 1280) // in the lower half of the window, wholly
	is.True(visible(p, "#zone-"+stages["lost"].ID))
	is.True(visible(p, "#zone-trash"))
	p.screenshot("board-1280-dragging")
	p.exec(`document.querySelector("` + card + `").dispatchEvent(new DragEvent("dragend", {bubbles: true}))`)
	waitFor(t, func() bool { return !visible(p, "#zone-"+won.ID) })

	// Dropping on Won: the deal is won, and the counts follow without a reload.
	p.exec(`window.notReloaded = true`)
	zoneCount := func() string {
		return p.eval(`document.querySelector("#zone-` + won.ID + ` .board-zone-count").textContent`)
	} // out of sight: no innerText
	is.Equal(zoneCount(), "1")
	p.exec(`document.querySelector("` + column + ` .board-cards").scrollTop = 0`)
	topCard := func() string { return p.eval(`document.querySelector("` + column + ` .deal-card").dataset.dealId`) }
	winning := topCard()
	dragOntoZone(p, "#deal-"+winning, "#zone-"+won.ID)
	waitFor(t, func() bool {
		d, err := ts.app.Deal(t.Context(), nil, winning)
		return err == nil && d.Status == app.DealWon
	})
	waitFor(t, func() bool { return textNow(p, column+" .board-count") == "29" })
	is.Equal(zoneCount(), "2")
	is.True(strings.Contains(p.text("#board-summary"), "30")) // 29 + the demo deal
	is.True(evaluate[bool](p, `window.notReloaded === true`))
	is.Equal(evaluate[int](p, `document.querySelectorAll("#deal-`+winning+`").length`), 0)

	// Dropping on Delete moves the deal to the trash.
	trashed := topCard()
	dragOntoZone(p, "#deal-"+trashed, "#zone-trash")
	waitFor(t, func() bool {
		d, err := ts.app.Deal(t.Context(), nil, trashed)
		return err == nil && d.Trashed()
	})
	waitFor(t, func() bool { return textNow(p, column+" .board-count") == "28" })

	// The move form, the way without a mouse, is still on every card.
	is.Equal(evaluate[int](p, `document.querySelectorAll("#board .deal-card .card-move select[name=stage_id]").length`),
		evaluate[int](p, `document.querySelectorAll("#board .deal-card").length`))

	// Phone and Korean.
	p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+board), chromedp.WaitVisible(chromedp.CSS("#board")))
	is.True(p.scrollWidth() <= 375)
	p.screenshot("board-375")
	p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900))
	useLanguage(p, "ko")
	p.visit(board+"?status=all", "#board")
	is.True(p.scrollWidth() <= 1280)
	p.screenshot("board-1280-ko")
	p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+board), chromedp.WaitVisible(chromedp.CSS("#board")))
	p.screenshot("board-375-ko")
}

func TestBrowserFormsShowWhatTheTypeNeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()

	// The rule form: an action shows only the inputs its type uses.
	p.run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/settings/automation"), chromedp.WaitVisible(chromedp.CSS("#rule-form")))
	is.True(!visible(p, "#action-0-value")) // no type chosen: nothing but the type
	p.run(chromedp.SetValue(chromedp.CSS("#action-0-type"), "add_tag"))
	is.True(visible(p, "#action-0-value"))
	for _, hidden := range []string{"field", "users", "mode", "routes", "stage", "text", "due", "webhook"} {
		is.True(!visible(p, "#action-0-"+hidden)) // add_tag does not use it
	}
	height := evaluate[float64](p, `document.getElementById("rule-form").getBoundingClientRect().height`)
	t.Logf("rule form with one action: %.0f px tall", height)
	is.True(height < 1500) // was 4,254 px with every input of three actions
	p.screenshot("rule-form-1280")
	p.run(chromedp.SetValue(chromedp.CSS("#action-0-type"), "create_task"))
	is.True(visible(p, "#action-0-text") && visible(p, "#action-0-due") && !visible(p, "#action-0-value"))
	p.run(chromedp.SetValue(chromedp.CSS("#action-0-type"), "set_owner"))
	is.True(visible(p, "#action-0-users") && visible(p, "#action-0-mode") && visible(p, "#action-0-routes") && !visible(p, "#action-0-text"))

	// A rule saved with its action still shows that action's inputs.
	p.run(
		chromedp.SendKeys(chromedp.CSS("#rule-name"), "VIP tagging"),
		chromedp.SetValue(chromedp.CSS("#action-0-type"), "add_tag"),
		chromedp.SendKeys(chromedp.CSS("#action-0-value"), "vip"),
		chromedp.Submit(chromedp.CSS("#rule-name")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	rules, err := ts.app.Rules(t.Context(), nil)
	is.NoErr(err)
	is.Equal(len(rules), 1)
	is.Equal(rules[0].Actions[0].Value, "vip")

	// The task form: no repeat options for "Does not repeat".
	p.visit("/tasks/new", "#task-form")
	for _, sel := range []string{"#interval", ".weekdays", "input[name=last_day]", "input[name=ends]", "#custom"} {
		is.True(!visible(p, sel))
	}
	p.screenshot("task-form-1280")
	p.run(chromedp.SetValue(chromedp.CSS("#repeat"), "weekly"))
	is.True(visible(p, "#interval") && visible(p, ".weekdays") && visible(p, "input[name=ends]"))
	is.True(!visible(p, "#custom") && !visible(p, "input[name=last_day]"))
	p.run(chromedp.SetValue(chromedp.CSS("#repeat"), "monthly"))
	is.True(visible(p, "input[name=last_day]") && !visible(p, ".weekdays"))
	p.run(chromedp.SetValue(chromedp.CSS("#repeat"), "custom"))
	is.True(visible(p, "#custom") && !visible(p, "#interval"))

	// Korean and a phone.
	useLanguage(p, "ko")
	p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+"/settings/automation"), chromedp.WaitVisible(chromedp.CSS("#rule-form")))
	p.run(chromedp.SetValue(chromedp.CSS("#action-0-type"), "notify"))
	is.True(p.scrollWidth() <= 375)
	p.screenshot("rule-form-375-ko")
	p.visit("/tasks/new", "#task-form")
	p.screenshot("task-form-375-ko")
}

func TestBrowserImportAndSegmentEditing(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()

	// The empty contact list links to the import, which opens on contacts.
	p.run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/contacts"), chromedp.WaitVisible(chromedp.CSS("#empty-import")))
	is.True(visible(p, "#nav-import"))
	p.screenshot("contacts-empty-1280")
	p.run(chromedp.Click(chromedp.CSS("#empty-import")), chromedp.WaitVisible(chromedp.CSS("#entity")))
	is.True(strings.HasSuffix(strings.SplitN(p.location(), "?", 2)[0], "/imports"))
	is.Equal(p.value("#entity"), "contact")
	p.visit("/companies", "#empty-import")
	p.run(chromedp.Click(chromedp.CSS("#empty-import")), chromedp.WaitVisible(chromedp.CSS("#entity")))
	is.Equal(p.value("#entity"), "company")

	// A segment is renamed and its filter changed on its own page.
	me := recordActor(t, ts)
	createContact(t, ts, app.ContactInput{FirstName: "Ana", LastName: "Lima", Tags: []string{"vip"}, LifecycleStatus: "customer"})
	createContact(t, ts, app.ContactInput{FirstName: "Kim", LastName: "Minsu", Tags: []string{"vip"}, LifecycleStatus: "lead"})
	seg, err := ts.app.CreateSegment(t.Context(), me, app.SegmentInput{Entity: "contact", Name: "VIP", Query: "tag:vip"})
	is.NoErr(err)
	p.visit("/segments", "#edit-segment-"+seg.ID)
	p.run(chromedp.Click(chromedp.CSS("#edit-segment-"+seg.ID)), chromedp.WaitVisible(chromedp.CSS("#segment-form")))
	is.True(strings.Contains(p.text("#segment-facts"), "2"))
	p.screenshot("segment-edit-1280")
	p.run(
		chromedp.SetValue(chromedp.CSS("#segment-name"), "VIP customers"),
		chromedp.SetValue(chromedp.CSS("#segment-query"), "tag:vip status:customer"),
		chromedp.Click(chromedp.CSS("#segment-save")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(p.location(), "segment="+seg.ID)) // opens the segment's list
	saved, err := ts.app.Segment(t.Context(), me, seg.ID)
	is.NoErr(err)
	is.Equal(saved.Name, "VIP customers")
	is.Equal(saved.Query, "tag:vip status:customer")
	is.True(strings.Contains(p.text("table.records"), "Lima") && !strings.Contains(p.text("table.records"), "Minsu"))

	// A filter that does not read comes back with the reason, unsaved.
	p.visit("/segments/"+seg.ID+"/edit", "#segment-form")
	p.run(
		chromedp.SetValue(chromedp.CSS("#segment-query"), "status:"),
		chromedp.Click(chromedp.CSS("#segment-save")),
		chromedp.WaitVisible(chromedp.CSS(".form-error")),
	)
	again, err := ts.app.Segment(t.Context(), me, seg.ID)
	is.NoErr(err)
	is.Equal(again.Query, "tag:vip status:customer")

	useLanguage(p, "ko")
	p.visit("/segments/"+seg.ID+"/edit", "#segment-form")
	p.screenshot("segment-edit-1280-ko")
	p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+"/segments"), chromedp.WaitVisible(chromedp.CSS("#edit-segment-"+seg.ID)))
	is.True(p.scrollWidth() <= 375)
	p.screenshot("segments-375-ko")
}

func TestBrowserPhonePrimaryActionOnFirstScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	me := recordActor(t, ts)

	// A contact with a full record, a long history and many contacts around.
	co, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Analytical Engines"})
	is.NoErr(err)
	c := createContact(t, ts, app.ContactInput{FirstName: "Ana", LastName: "Lima", Title: "Head of purchasing", CompanyID: co.ID,
		Emails: []app.Labeled{{Label: "work", Value: "ana@example.com"}, {Label: "home", Value: "ana.lima@example.org"}},
		Phones: []app.Labeled{{Label: "work", Value: "+55 11 91234 5678"}}, Website: "https://example.com",
		Address: app.Address{Street: "Rua Augusta 100", City: "São Paulo", Country: "BR"}, LeadSource: "Referral",
		Tags: []string{"vip", "brazil"}, Notes: strings.Repeat("Met at the fair; wants a demo of the reports. ", 8)})
	for i := range 6 {
		_, err := ts.app.LogActivity(t.Context(), me, app.ActivityInput{TypeID: "note", Body: fmt.Sprintf("Call %d: talked about the pilot.", i+1),
			Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		is.NoErr(err)
	}
	for i := range 12 {
		createContact(t, ts, app.ContactInput{FirstName: fmt.Sprintf("Person %02d", i), LastName: "Example"})
	}

	for _, lang := range []string{"en", "ko"} {
		if lang != "en" {
			p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900))
			useLanguage(p, lang)
		}
		p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+"/contacts/"+c.ID), chromedp.WaitVisible(chromedp.CSS("h1")))
		// Log activity: within the first screen, and one tap opens its form.
		jump := rect(p, "#jump-log-activity")
		is.True(jump[1] >= 0 && jump[3] <= 812)
		is.True(p.scrollWidth() <= 375)
		p.screenshot("contact-375-" + lang)
		p.run(chromedp.Click(chromedp.CSS("#jump-log-activity")), chromedp.WaitVisible(chromedp.CSS("#log-activity form")))
		is.True(evaluate[bool](p, `document.getElementById("log-activity").open`))

		// The contact list: filters folded, the list on the first screen.
		p.visit("/contacts", "table.records")
		is.True(!visible(p, "form.filters"))
		is.True(rect(p, "#new-contact")[3] <= 812)
		is.True(rect(p, "table.records")[1] < 812)
		p.screenshot("contacts-375-" + lang)
		p.run(chromedp.Click(chromedp.CSS("label[for=filters-toggle]")))
		is.True(visible(p, "form.filters"))

		// The dashboard: its period and filters folded too, the first figure on the first screen.
		p.visit("/reports", ".stat")
		is.True(!visible(p, "form.report-filters"))
		is.True(rect(p, ".stat")[3] <= 812)
		p.screenshot("dashboard-375-" + lang)
		// Its tables as cards as wide as the screen: the caption is not squeezed into a column.
		is.True(rect(p, ".report-table caption")[2]-rect(p, ".report-table caption")[0] > 250)
		is.True(rect(p, ".report-table tfoot tr")[2]-rect(p, ".report-table tfoot tr")[0] > 250)
		p.run(chromedp.Click(chromedp.CSS("label[for=filters-toggle]")))
		is.True(visible(p, "form.report-filters"))
	}

	// On a desktop the filters show as before, and the jump button does not.
	p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/contacts"), chromedp.WaitVisible(chromedp.CSS("form.filters")))
	is.True(!visible(p, "label[for=filters-toggle]"))
	p.visit("/reports", "form.report-filters")
	p.visit("/contacts/"+c.ID, "#log-activity")
	is.True(!visible(p, "#jump-log-activity"))
	p.screenshot("contact-1280-ko")
}
