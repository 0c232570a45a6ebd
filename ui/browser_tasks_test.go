package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserTaskStory drives a real Chromium through "did I follow up?":
// log a call on a contact, make a weekly follow-up task from it, complete
// it on the Today view, and see the next week's one there.
func TestBrowserTaskStory(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()
	ctxb := t.Context()
	me, err := ts.app.UserByEmail(ctxb, "ada@example.com")
	is.NoErr(err)
	is.True(me.TimeZone != "") // setup took the browser's zone
	loc := app.Location(me)
	today := time.Now().In(loc)
	co, err := ts.app.CreateCompany(ctxb, me, app.CompanyInput{Name: "Analytical Engines", OwnerID: me.ID})
	is.NoErr(err)
	c, err := ts.app.CreateContact(ctxb, me, app.ContactInput{FirstName: "Grace", LastName: "Hopper", Title: "Admiral", CompanyID: co.ID,
		OwnerID: me.ID, Birthday: "--" + today.AddDate(0, 0, 2).Format("01-02")})
	is.NoErr(err)
	// Some history for the Today view to show besides.
	_, err = ts.app.CreateTask(ctxb, me, app.TaskInput{Title: "Send the <b>signed</b> contract", DueDate: today.AddDate(0, 0, -2).Format("2006-01-02"),
		AssigneeID: me.ID, Priority: "high", Links: []app.RecordRef{{Entity: "company", ID: co.ID}}})
	is.NoErr(err)
	_, err = ts.app.CreateTask(ctxb, me, app.TaskInput{Title: "Prepare the quarterly review", DueDate: today.AddDate(0, 0, 3).Format("2006-01-02"), AssigneeID: me.ID})
	is.NoErr(err)
	is.NoErr(ts.app.SetKeepInTouch(ctxb, me, c.ID, 30))

	// Log a call on the contact, asking for a follow-up.
	contactURL := ts.URL + "/contacts/" + c.ID
	p.run(
		chromedp.Navigate(contactURL),
		chromedp.WaitVisible(chromedp.CSS("#log-activity summary")),
		chromedp.Click(chromedp.CSS("#log-activity summary")),
		chromedp.WaitVisible(chromedp.CSS("#log-outcome")),
		chromedp.SendKeys(chromedp.CSS("#log-outcome"), "Agreed on a weekly check-in"),
		chromedp.SendKeys(chromedp.CSS("#log-notes"), "She wants the <script>numbers</script> every Monday."),
		chromedp.SetValue(chromedp.CSS("#log-duration"), "25"),
		chromedp.Click(chromedp.CSS("#log-follow-up")),
		chromedp.Click(chromedp.CSS("#log-save")),
		chromedp.WaitVisible(chromedp.CSS("#task-form")),
	)
	is.Equal(p.value("#title"), "Follow up: Agreed on a weekly check-in") // the form starts from the call

	// Make it weekly, due today at 9:00.
	p.run(
		chromedp.SetValue(chromedp.CSS("#due_date"), today.Format("2006-01-02")),
		chromedp.SetValue(chromedp.CSS("#due_time"), "09:00"),
		chromedp.SetValue(chromedp.CSS("#repeat"), "weekly"),
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS("#timeline")),
	)
	is.Equal(p.location(), contactURL)                                            // back on the contact
	is.True(strings.Contains(p.text("#timeline"), "Agreed on a weekly check-in")) // the call is on the timeline
	is.True(strings.Contains(p.text("#timeline"), "<script>numbers</script>"))    // shown as text
	is.True(strings.Contains(p.text("#tasks"), "Follow up: Agreed on a weekly check-in"))
	is.True(strings.Contains(p.text("#keep-in-touch"), "30")) // the cadence, moved on by the call
	p.screenshot("contact-timeline")
	// The company's page shows the call too (its box was ticked).
	p.visit("/companies/"+co.ID, "#timeline")
	is.True(strings.Contains(p.text("#timeline"), "Agreed on a weekly check-in"))

	// Complete it from the Today view; next week's occurrence appears.
	p.visit("/", "#due-today")
	is.True(strings.Contains(p.text("#due-today"), "Follow up: Agreed on a weekly check-in"))
	is.True(strings.Contains(p.text("#overdue"), "Send the <b>signed</b> contract"))
	is.True(strings.Contains(p.text("#dates"), "Grace Hopper")) // her birthday in two days
	is.True(strings.Contains(p.text("#nav-today"), "2"))        // the badge: overdue + today
	p.screenshot("today")
	p.run(
		chromedp.Click(chromedp.CSS("#due-today .task-check button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.Equal(p.text(".flash"), ts.catalog.T("en", "tasks.completed_next"))
	is.True(!strings.Contains(p.text("#due-today"), "Follow up"))       // done for today
	is.True(strings.Contains(p.text("#upcoming"), "Follow up: Agreed")) // and back next week
	next := today.AddDate(0, 0, 7)
	is.True(strings.Contains(p.text("#upcoming"), next.Format("Jan 2, 2006")+" ("+next.Format("Mon")+") 09:00"))
	p.screenshot("today-after")

	p.run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#upcoming")),
	)
	is.True(p.scrollWidth() <= 375) // no sideways scrolling on a phone
	p.screenshot("today-phone")
	p.run(chromedp.Navigate(contactURL), chromedp.WaitVisible(chromedp.CSS("#timeline")))
	is.True(p.scrollWidth() <= 375)
	p.screenshot("contact-timeline-phone")
	p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900))

	// Without permission for notifications, a task coming due shows a banner.
	_, err = ts.app.CreateTask(ctxb, me, app.TaskInput{Title: "Ring <Grace>", DueAt: time.Now().Add(-time.Minute), AssigneeID: me.ID})
	is.NoErr(err)
	p.visit("/tasks", "#due-banner")
	is.True(strings.Contains(p.text("#due-banner"), "Ring <Grace>"))
	p.screenshot("tasks-banner")

	// The other pages of this story, to look at.
	p.run(chromedp.Click(chromedp.CSS(".task-title")), chromedp.WaitVisible(chromedp.CSS("#task-form")))
	p.screenshot("task-form")
	p.visit("/profile", "#feed-url")
	is.True(strings.HasPrefix(p.value("#feed-url"), ts.URL+"/calendar/")) // the private feed address
	p.screenshot("profile-calendar")
	p.visit("/settings/activities", "#new-type")
	p.screenshot("activity-settings")
}
