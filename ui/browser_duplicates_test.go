package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserDuplicatesAndMergeScreen drives issue 23's story in
// Chromium: "ana LIMA" with ANA.LIMA@example.com is held with Ana Lima
// shown, "save and merge" saves and opens the merge screen, a field is
// taken from the new record, the merge is made and undone; then the same
// pages in Korean. Each page is shot at 1280 px and 375 px.
func TestBrowserDuplicatesAndMergeScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	ctx := t.Context()
	acme, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Acme Trading 주식회사"})
	is.NoErr(err)
	ana, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima", Title: "Head of Procurement", CompanyID: acme.ID,
		LifecycleStatus: "customer", Emails: []app.Labeled{{Value: "ana.lima@example.com"}}, Phones: []app.Labeled{{Value: "+1 415 555 0134"}},
		Tags: []string{"vip"}, Address: app.Address{City: "Lisbon", Country: "Portugal"}})
	is.NoErr(err)

	// shoot saves the page at both widths, checking the phone one does
	// not scroll sideways.
	shoot := func(name, waitFor string) {
		t.Helper()
		p.screenshot(name + "-1280")
		p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.WaitVisible(chromedp.CSS(waitFor)))
		is.True(p.scrollWidth() <= 375) // no sideways scrolling on a phone
		p.screenshot(name + "-375")
		p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900))
	}
	typeDuplicate := func(first, last, email, title string) {
		t.Helper()
		p.run(
			chromedp.Navigate(ts.URL+"/contacts/new"),
			chromedp.WaitVisible(chromedp.CSS("#contact-form")),
			chromedp.SendKeys(chromedp.CSS("#first_name"), first),
			chromedp.SendKeys(chromedp.CSS("#last_name"), last),
			chromedp.SendKeys(chromedp.CSS("#title"), title),
			chromedp.SendKeys(chromedp.CSS(`input[name="emails.0.value"]`), email),
			chromedp.Click(chromedp.CSS("#save")),
			chromedp.WaitVisible(chromedp.CSS("#duplicates")),
		)
	}

	// As one types (duplicates.js): leaving the email field asks already.
	p.run(
		chromedp.Navigate(ts.URL+"/contacts/new"),
		chromedp.WaitVisible(chromedp.CSS("#contact-form")),
		chromedp.SendKeys(chromedp.CSS(`input[name="emails.0.value"]`), "Ana.Lima@Example.com"),
		chromedp.Click(chromedp.CSS("#website")),
		chromedp.WaitVisible(chromedp.CSS("#duplicates-live")),
	)
	is.True(strings.Contains(p.text("#duplicates-live"), "Ana Lima"))
	is.Equal(p.attr("#duplicates-live a", "href"), "/contacts/"+ana.ID)
	p.screenshot("duplicates-live-en-1280")

	typeDuplicate("ana", "LIMA", "ANA.LIMA@example.com", "Buyer")
	is.True(strings.Contains(p.text("#candidate-"+ana.ID), "Ana Lima"))
	is.True(strings.Contains(p.text("#candidate-"+ana.ID), ts.catalog.T("en", "duplicates.reason.email")))
	is.Equal(p.value("#title"), "Buyer") // what was typed stays
	shoot("duplicates-en", "#duplicates")

	// "Save and merge": the new contact is saved, the merge screen opens.
	p.run(
		chromedp.Click(chromedp.CSS(`button[name="merge_with"][value="`+ana.ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#merge-fields")),
	)
	newID := p.eval(`document.querySelectorAll('#merge-form input[name="ids"]')[1].value`)
	is.True(newID != "" && newID != ana.ID)
	p.run(
		chromedp.Click(chromedp.CSS(`input[name="pick.title"][value="`+newID+`"]`)),
		chromedp.Click(chromedp.CSS("#merge-preview-button")),
		chromedp.WaitVisible(chromedp.CSS("#merge-preview[data-previewed]")),
	)
	is.True(strings.Contains(p.text("#merge-preview"), "Buyer"))
	is.True(!strings.Contains(p.text("#merge-preview"), "Head of Procurement"))
	shoot("merge-screen-en", "#merge-fields")

	p.acceptConfirms()
	p.run(
		chromedp.Click(chromedp.CSS("#merge-run")),
		chromedp.WaitVisible(chromedp.CSS("#merge-undo")),
	)
	kept, err := ts.app.Contact(ctx, nil, ana.ID)
	is.NoErr(err)
	is.Equal(kept.Title, "Buyer")
	shoot("merge-done-en", "#merge-undo")
	p.acceptConfirms()
	p.run(
		chromedp.Click(chromedp.CSS("#merge-undo button")),
		chromedp.WaitVisible(chromedp.CSS("#history-heading")), // the contact kept, with its fields back
	)
	kept, err = ts.app.Contact(ctx, nil, ana.ID)
	is.NoErr(err)
	is.Equal(kept.Title, "Head of Procurement") // undone

	// In Korean.
	p.run(
		chromedp.Navigate(ts.URL+"/profile"),
		chromedp.WaitVisible(chromedp.CSS("#language")),
		chromedp.SetValue(chromedp.CSS("#language"), "ko"),
		chromedp.Click(chromedp.CSS("#save-profile")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	typeDuplicate("아나", "리마", "Ana.Lima@Example.com", "구매 담당")
	is.True(strings.Contains(p.text("#duplicates-heading"), ts.catalog.Count("ko", "duplicates.found", 2)))
	is.True(strings.Contains(p.text("#candidate-"+ana.ID), ts.catalog.T("ko", "duplicates.reason.email")))
	shoot("duplicates-ko", "#duplicates")
	p.visit("/contacts/merge?ids="+ana.ID+"&ids="+newID, "#merge-fields")
	is.True(strings.Contains(p.text("h1"), ts.catalog.T("ko", "merge.heading")))
	shoot("merge-screen-ko", "#merge-fields")
}
