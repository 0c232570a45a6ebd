package ui_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserHistoryAndReminders draws the audit log and a contact's
// timeline in English and Korean at 1280 and 375 px (ROLO_SCREENSHOTS
// keeps them): sentences with the real actor (a rule, a web form, a
// user), labels, names, dates and repeat rules in words, and no page wider
// than the phone. Then a reminder's banner stays through a click to
// another page and a reload, and goes when dismissed, for good.
func TestBrowserHistoryAndReminders(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	ada := adminActor(t, ts)
	if _, err := ts.app.CreateRule(ctx, ada, app.RuleDefinition{Name: "VIP tagging", Enabled: true,
		Trigger: app.Trigger{Event: "contact.created"}, Actions: []app.Action{{Type: "add_tag", Value: "vip"}}}); err != nil {
		t.Fatal(err)
	}
	seed := seedHistory(t, ts)
	form, err := ts.app.CreateWebForm(ctx, ada, app.WebFormInput{Name: "Contact us", Fields: []string{"first_name", "email"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.app.SubmitForm(ctx, form.ID, app.Submission{Values: map[string]string{"first_name": "Bo", "email": "bo.park@example.com"}, Client: "192.0.2.1"}); err != nil {
		t.Fatal(err)
	}
	ten := 10
	task, err := ts.app.CreateTask(ctx, ada, app.TaskInput{Title: "Call Ann about the renewal", DueAt: time.Now().Add(5 * time.Minute), RemindMinutes: &ten})
	if err != nil {
		t.Fatal(err)
	}

	p := newPage(t, ts.URL, "/login")
	p.signInAs(admin)
	for _, lang := range []string{"en", "ko"} {
		if _, err := ts.app.UpdateProfile(ctx, ada, app.Profile{Name: ada.Name, Language: lang, TimeZone: "Asia/Seoul"}); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int64{1280, 375} {
			is := is.New(t)
			if width == 375 {
				p.run(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
			} else {
				p.run(chromedp.EmulateViewport(1280, 900))
			}
			p.visit("/settings/audit", "table.audit")
			text := p.text("table.audit")
			is.True(strings.Contains(text, ts.catalog.T(lang, "history.by.rule", ts.catalog.T(lang, "history.quoted", "VIP tagging"))))    // the rule
			is.True(strings.Contains(text, ts.catalog.T(lang, "history.by.web_form", ts.catalog.T(lang, "history.quoted", "Contact us")))) // the form, by name
			is.True(!strings.Contains(text, "FREQ=") && !strings.Contains(text, "custom_fields."))
			is.True(p.scrollWidth() <= int(width)) // nothing wider than the screen
			p.screenshot("history-audit-" + lang + "-" + strconv.FormatInt(width, 10))
			p.visit("/contacts/"+seed.contact, "#timeline")
			timeline := p.text("#timeline")
			is.True(strings.Contains(timeline, "Renewal date")) // the custom field's label
			is.True(strings.Contains(timeline, "Bo Kim"))       // the owner by name
			is.True(p.scrollWidth() <= int(width))
			p.screenshot("history-contact-" + lang + "-" + strconv.FormatInt(width, 10))
		}
	}

	t.Run("the reminder banner stays until dismissed, then stays gone", func(t *testing.T) {
		is := is.New(t)
		p.run(chromedp.EmulateViewport(1280, 900))
		p.visit("/", "#due-banner .due-item")
		is.True(strings.Contains(p.text("#due-banner"), task.Title))
		p.screenshot("reminder-banner-1280")
		p.run(chromedp.Click(chromedp.CSS(`nav a[href="/contacts"]`)), chromedp.WaitVisible(chromedp.CSS("#due-banner .due-item")))
		is.True(strings.HasSuffix(p.location(), "/contacts")) // another page, after a click
		is.True(strings.Contains(p.text("#due-banner"), task.Title))
		p.run(chromedp.Click(chromedp.CSS("#due-banner .due-dismiss")), chromedp.WaitNotVisible(chromedp.CSS("#due-banner")))
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) { // the dismissal reaches the server
			got, err := ts.app.DueReminders(ctx, ada)
			is.NoErr(err)
			if len(got) == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the dismissal did not reach the server")
			}
		}
		p.visit("/", "#today-heading, h1")
		time.Sleep(500 * time.Millisecond)                                               // notify.js asks once on load
		is.Equal(p.eval(`String(document.getElementById("due-banner").hidden)`), "true") // gone after a reload, from the server's list
	})
}
