package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserRecordPicker links a deal to a company and to the contact
// that comes last by name among 5,000, in a real Chromium: typing
// suggests, the arrow keys move, Enter chooses, Escape closes, the form
// saves the ids under its usual field names. Then the same without
// JavaScript, and the suggestions at 1280 and 375 px in English and
// Korean for screenshots.
func TestBrowserRecordPicker(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	far, _, farEmail := lastOfManyContacts(t, ts)
	actor := recordActor(t, ts)
	co, err := ts.app.CreateCompany(t.Context(), actor, app.CompanyInput{Name: "Hooli"})
	is.NoErr(err)
	_, err = ts.app.CreateCompany(t.Context(), actor, app.CompanyInput{Name: "Hooli Labs"})
	is.NoErr(err)
	kim := createContact(t, ts, app.ContactInput{FirstName: "민수", LastName: "김", CompanyID: co.ID, Emails: []app.Labeled{{Value: "minsu@hooli.example"}}})
	createContact(t, ts, app.ContactInput{FirstName: "민수", LastName: "김", Emails: []app.Labeled{{Value: "kim.minsu@else.example"}}})

	p := newPage(t, ts.URL, "/login")
	p.signInAs(admin)
	p.visit("/deals/new", "#company_id-find")
	is.Equal(p.attr("#company_id-find", "role"), "combobox")                 // the box is an ARIA combobox
	is.Equal(p.attr("#company_id-find", "aria-controls"), "company_id-list") // of its listbox
	is.Equal(p.eval(`document.querySelector('label[for="company_id-find"]') ? "yes" : "no"`), "yes")

	// The company: type, move down and back up, choose with Enter.
	p.run(
		chromedp.SendKeys(chromedp.CSS("#title"), "Picker deal"),
		chromedp.SendKeys(chromedp.CSS("#company_id-find"), "hooli"),
		chromedp.WaitVisible(chromedp.CSS(`#company_id-list[data-q="hooli"] #company_id-list-1`)),
		chromedp.SendKeys(chromedp.CSS("#company_id-find"), kb.ArrowDown),
	)
	is.Equal(p.attr("#company_id-find", "aria-activedescendant"), "company_id-list-1") // the arrow moved
	p.run(chromedp.SendKeys(chromedp.CSS("#company_id-find"), kb.ArrowUp))
	is.Equal(p.attr("#company_id-find", "aria-activedescendant"), "company_id-list-0")
	first := p.eval(`document.querySelector("#company_id-list-0").firstChild.textContent`)
	p.run(chromedp.SendKeys(chromedp.CSS("#company_id-find"), kb.Enter))
	is.Equal(p.value("#company_id-find"), first) // Enter chose the active one
	is.Equal(p.value("#company_id"), co.ID)      // the best match for "hooli" is Hooli itself
	is.Equal(p.attr("#company_id-find", "aria-expanded"), "false")

	// The contact far down the list, by its email.
	p.run(
		chromedp.SendKeys(chromedp.CSS("#contact-0-find"), farEmail),
		chromedp.WaitVisible(chromedp.CSS(`#contact-0-list[data-q="`+farEmail+`"] #contact-0-list-0`)),
	)
	is.True(strings.Contains(p.text("#contact-0-list-0"), farEmail)) // the suggestion shows the email
	p.screenshot("picker-1280-en")
	p.run(chromedp.SendKeys(chromedp.CSS("#contact-0-find"), kb.Enter))
	is.Equal(p.value("#contact-0"), far)
	is.Equal(p.eval(`document.querySelector("#contact-1-find") ? "yes" : "no"`), "yes") // a row for one more

	// Escape closes the suggestions without choosing.
	p.run(
		chromedp.SendKeys(chromedp.CSS("#contact-1-find"), "민수"),
		chromedp.WaitVisible(chromedp.CSS(`#contact-1-list[data-q="민수"] #contact-1-list-1`)),
	)
	is.True(strings.Contains(p.text("#contact-1-list"), "minsu@hooli.example"))    // two people of the same name,
	is.True(strings.Contains(p.text("#contact-1-list"), "kim.minsu@else.example")) // told apart by their emails
	p.run(chromedp.SendKeys(chromedp.CSS("#contact-1-find"), kb.Escape))
	is.Equal(p.eval(`String(document.getElementById("contact-1-list").hidden)`), "true")
	is.Equal(p.value("#contact-1"), "") // nothing chosen

	p.run(
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	id := p.location()[strings.LastIndex(p.location(), "/")+1:]
	d, err := ts.app.Deal(t.Context(), nil, id)
	is.NoErr(err)
	is.Equal(d.CompanyID, co.ID) // saved under company_id
	is.Equal(d.ContactID, far)   // and contact_ids

	// On a phone.
	p.run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/deals/new"),
		chromedp.WaitVisible(chromedp.CSS("#contact-0-find")),
		chromedp.SendKeys(chromedp.CSS("#contact-0-find"), "minsu"),
		chromedp.WaitVisible(chromedp.CSS("#contact-0-list-0")),
	)
	is.True(p.scrollWidth() <= 375) // no sideways scrolling
	p.screenshot("picker-375-en")
	p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900))

	// Without JavaScript: Find searches, the select offers the matches.
	_, err = chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	is.NoErr(err)
	p.run(
		chromedp.Navigate(ts.URL+"/deals/new"),
		chromedp.WaitVisible(chromedp.CSS("#contact-0-find")),
		chromedp.SendKeys(chromedp.CSS("#title"), "Plain deal"),
		chromedp.SendKeys(chromedp.CSS("#contact-0-find"), "minsu@hooli"),
		chromedp.Click(chromedp.CSS(`button[name="find"][value="contact_ids.0"]`)),
		chromedp.WaitVisible(chromedp.CSS(".picker-status")),
	)
	is.Equal(p.value("#title"), "Plain deal") // what was typed came back
	is.True(strings.Contains(p.text("#contact-0"), "minsu@hooli.example"))
	p.screenshot("picker-nojs-1280-en")
	p.run(
		chromedp.SetValue(chromedp.CSS("#contact-0"), kim.ID),
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	id = p.location()[strings.LastIndex(p.location(), "/")+1:]
	d, err = ts.app.Deal(t.Context(), nil, id)
	is.NoErr(err)
	is.Equal(d.ContactID, kim.ID) // chosen without a script
	_, err = chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	is.NoErr(err)

	// In Korean, at 1280 and 375 px.
	p.run(
		chromedp.Navigate(ts.URL+"/profile"),
		chromedp.WaitVisible(chromedp.CSS("#language")),
		chromedp.SetValue(chromedp.CSS("#language"), "ko"),
		chromedp.Click(chromedp.CSS("#save-profile")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Navigate(ts.URL+"/deals/new"),
		chromedp.WaitVisible(chromedp.CSS("#contact-0-find")),
		chromedp.SendKeys(chromedp.CSS("#contact-0-find"), "민수"),
		chromedp.WaitVisible(chromedp.CSS("#contact-0-list-1")),
	)
	is.Equal(p.attr("#contact-0-find", "placeholder"), ts.catalog.T("ko", "picker.placeholder"))
	p.screenshot("picker-1280-ko")
	p.run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/deals/new"),
		chromedp.WaitVisible(chromedp.CSS("#contact-0-find")),
		chromedp.SendKeys(chromedp.CSS("#contact-0-find"), "민수"),
		chromedp.WaitVisible(chromedp.CSS("#contact-0-list-1")),
	)
	is.True(p.scrollWidth() <= 375)
	p.screenshot("picker-375-ko")

	// The contact form's company and the task form's links, on a phone.
	p.run(
		chromedp.Navigate(ts.URL+"/contacts/new"),
		chromedp.WaitVisible(chromedp.CSS("#company_id-find")),
		chromedp.SendKeys(chromedp.CSS("#company_id-find"), "hoo"),
		chromedp.WaitVisible(chromedp.CSS(`#company_id-list[data-q="hoo"] #company_id-list-0`)),
	)
	is.True(p.scrollWidth() <= 375)
	p.screenshot("picker-contact-375-ko")
	p.run(
		chromedp.Navigate(ts.URL+"/tasks/new"),
		chromedp.WaitVisible(chromedp.CSS("#links-pick-find")),
		chromedp.SendKeys(chromedp.CSS("#links-pick-find"), "민수"),
		chromedp.WaitVisible(chromedp.CSS(`#links-pick-list[data-q="민수"] #links-pick-list-0`)),
	)
	best := p.eval(`document.querySelector("#links-pick-list-0").firstChild.textContent`) // "거래: Plain deal", "연락처: 김민수"…
	p.run(
		chromedp.SendKeys(chromedp.CSS("#links-pick-find"), kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`input[name="links"][type="checkbox"]`)),
	)
	is.True(len(parseRefValue(p.attr(`input[name="links"][type="checkbox"]`, "value"))) == 36)                                         // chosen, as a kind:id link to tick
	is.Equal(strings.TrimSpace(p.eval(`document.querySelector('input[name="links"][type="checkbox"]').parentNode.textContent`)), best) // named as suggested
	is.True(p.scrollWidth() <= 375)
	p.screenshot("picker-task-375-ko")
}

// parseRefValue is the id of a kind:id value, "" when it is not one.
func parseRefValue(v string) string {
	kind, id, ok := strings.Cut(v, ":")
	if !ok || (kind != "contact" && kind != "company" && kind != "deal") {
		return ""
	}
	return id
}
