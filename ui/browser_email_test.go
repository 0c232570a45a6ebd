package ui_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"
)

// TestBrowserDropEmail drops an .eml file on a contact's timeline, as a
// file dragged out of a mail program, and sees it there: subject, from →
// to, the text, the quote folded away.
func TestBrowserDropEmail(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	bob, _ := mailContacts(t, ts)
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "email", "gmail-reply.eml"))
	is.NoErr(err)
	text, err := json.Marshal(string(raw))
	is.NoErr(err)

	p := newPage(t, ts.URL, "/login")
	p.signInAs(admin)
	p.visit("/contacts/"+bob.ID, "#email-drop")
	is.True(strings.Contains(p.attr("#timeline", "class"), "timeline"))
	is.True(strings.Contains(p.eval(`document.querySelector(".record-main").className`), "email-drop-zone")) // the script took the timeline as its drop zone
	// What a drag out of a mail program delivers: a DataTransfer holding a file.
	p.exec(`(function () {
		var dt = new DataTransfer();
		dt.items.add(new File([` + string(text) + `], "Re Quote for 20 seats.eml", {type: "message/rfc822"}));
		var zone = document.querySelector(".record-main");
		zone.dispatchEvent(new DragEvent("dragenter", {dataTransfer: dt, bubbles: true, cancelable: true}));
		zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`)
	p.run(chromedp.WaitVisible(chromedp.CSS(".timeline-email")))
	is.True(strings.Contains(p.text(".timeline-email .activity-outcome"), "Re: Quote for 20 seats"))
	is.True(strings.Contains(p.text(".timeline-email .email-people"), "Bob Baker"))
	is.True(strings.Contains(p.text(".timeline-email .email-people"), "ada@example.com"))
	is.True(strings.Contains(p.text(".timeline-email .email-text"), "the price works for us"))
	is.True(!strings.Contains(p.text(".timeline-email .email-text"), "here is the quote")) // folded away
	p.screenshot("email-dropped")
	p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".timeline-email")))
	is.True(p.scrollWidth() <= 375) // the drop zone and the message fit a phone
	p.screenshot("email-phone")
}
