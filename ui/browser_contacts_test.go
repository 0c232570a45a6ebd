package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserContactStory drives a real Chromium through a contact's life:
// a company, a contact at it with two emails, an edit, a tag from the
// list's bulk form, the trash and back out of it.
func TestBrowserContactStory(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	is := is.New(t)
	ts := newTestServer(t)
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, steps...); err != nil {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			screenshot(t, ctx, shots, "failed")
			t.Fatal(err, loc)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/setup")); err != nil {
		t.Fatal(err)
	}
	run(
		chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Ada Admin"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
	)

	// A company first, from the nav.
	run(
		chromedp.Click(chromedp.CSS(`.nav a[href="/companies"]`)),
		chromedp.WaitVisible(chromedp.CSS("#new-company")),
		chromedp.Click(chromedp.CSS("#new-company")),
		chromedp.WaitVisible(chromedp.CSS("#company-form")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Analytical Engines 주식회사"),
		chromedp.SendKeys(chromedp.CSS("#website"), "engines.example"),
		chromedp.SendKeys(chromedp.CSS("#industry"), "Computing"),
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS("#people-heading")),
	)
	companyID := location()[strings.LastIndex(location(), "/")+1:]
	is.Equal(text("h1"), "Analytical Engines 주식회사")

	// A contact at it, from the company page, with two emails.
	run(
		chromedp.Click(chromedp.CSS("#add-contact")),
		chromedp.WaitVisible(chromedp.CSS("#contact-form")),
		chromedp.SendKeys(chromedp.CSS("#first_name"), "Ada"),
		chromedp.SendKeys(chromedp.CSS("#last_name"), "Lovelace"),
		chromedp.SendKeys(chromedp.CSS("#title"), "Analyst"),
		chromedp.SendKeys(chromedp.CSS(`input[name="emails.0.label"]`), "work"),
		chromedp.SendKeys(chromedp.CSS(`input[name="emails.0.value"]`), "ada@engines.example"),
		chromedp.SendKeys(chromedp.CSS(`input[name="emails.1.label"]`), "home"),
		chromedp.SendKeys(chromedp.CSS(`input[name="emails.1.value"]`), "Ada.Lovelace@Example.org"),
		chromedp.SendKeys(chromedp.CSS(`input[name="phones.0.label"]`), "mobile"),
		chromedp.SendKeys(chromedp.CSS(`input[name="phones.0.value"]`), "+44 20 7946 0958"),
		chromedp.SendKeys(chromedp.CSS(`input[name="social.0.label"]`), "linkedin"),
		chromedp.SendKeys(chromedp.CSS(`input[name="social.0.value"]`), "https://www.linkedin.com/in/ada"),
		chromedp.SendKeys(chromedp.CSS("#address-street"), "12 St James's Square"),
		chromedp.SendKeys(chromedp.CSS("#address-city"), "London"),
		chromedp.SendKeys(chromedp.CSS("#address-country"), "United Kingdom"),
		chromedp.SendKeys(chromedp.CSS("#birthday"), "1985-12-10"),
		chromedp.SendKeys(chromedp.CSS("#lead_source"), "Referral"),
		chromedp.SendKeys(chromedp.CSS("#notes"), "Wrote the first program.\nAsk about the Engine."),
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS("#history-heading")),
	)
	contactURL := location()
	contactID := contactURL[strings.LastIndex(contactURL, "/")+1:]
	details := text(".record-side")
	is.True(strings.Contains(details, "ada@engines.example"))      // both emails
	is.True(strings.Contains(details, "ada.lovelace@example.org")) // normalised
	is.True(strings.Contains(details, "Analytical Engines 주식회사"))  // linked to the company
	companyLink, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".record-sub a"), "href"))
	is.NoErr(err)
	is.Equal(companyLink.Value, "/companies/"+companyID)

	// Edit it.
	run(
		chromedp.Click(chromedp.CSS("#edit")),
		chromedp.WaitVisible(chromedp.CSS("#contact-form")),
		chromedp.SetValue(chromedp.CSS("#title"), "Chief Analyst"),
		chromedp.SetValue(chromedp.CSS("#lifecycle_status"), "customer"),
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS("#history-heading")),
	)
	is.True(strings.Contains(text(".record-sub"), "Chief Analyst"))
	history := text(".timeline")
	is.True(strings.Contains(history, "Analyst"))       // the change, from
	is.True(strings.Contains(history, "Chief Analyst")) // to
	screenshot(t, ctx, shots, "contact")

	// Some neighbours, so the list looks like a list.
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	for _, in := range []app.ContactInput{
		{FirstName: "민수", LastName: "김", Title: "영업 이사", LifecycleStatus: "opportunity", OwnerID: me.ID, Tags: []string{"seoul", "vip"},
			Emails: []app.Labeled{{Value: "minsu.kim@example.kr"}}, Phones: []app.Labeled{{Value: "+82 10-1234-5678"}}},
		{FirstName: "太郎", LastName: "山田", LifecycleStatus: "qualified", Tags: []string{"tokyo"}, Emails: []app.Labeled{{Value: "yamada@example.jp"}}},
		{FirstName: "伟", LastName: "王", LifecycleStatus: "subscriber", Emails: []app.Labeled{{Value: "wang.wei@example.cn"}}},
		{FirstName: "Zoë", LastName: "Kravitz-Fontaine", Title: "Head of Partnerships at a company with a very long name", CompanyID: companyID,
			LifecycleStatus: "churned", Tags: []string{"partner", "renewal-2027", "newsletter"}, Emails: []app.Labeled{{Value: "zoe.kravitz-fontaine@a-very-long-domain-name.example.com"}}},
	} {
		_, err := ts.app.CreateContact(t.Context(), me, in)
		is.NoErr(err)
	}

	run(chromedp.Navigate(ts.URL+"/companies/"+companyID), chromedp.WaitVisible(chromedp.CSS("#people-heading")))
	is.True(strings.Contains(text("#people"), "Ada Lovelace")) // the company lists its people
	screenshot(t, ctx, shots, "company")
	run(chromedp.Navigate(contactURL+"/edit"), chromedp.WaitVisible(chromedp.CSS("#contact-form")))
	screenshot(t, ctx, shots, "contact-form")

	// Tag it from the list's bulk form: tick the row, type the tag, add.
	run(
		chromedp.Click(chromedp.CSS(`.nav a[href="/contacts"]`)),
		chromedp.WaitVisible(chromedp.CSS("#contact-"+contactID)),
		chromedp.Click(chromedp.CSS(".bulk-actions summary")),
		chromedp.Click(chromedp.CSS(`input[name="ids"][value="`+contactID+`"]`)),
		chromedp.SendKeys(chromedp.CSS(`#bulk input[name="tag"]`), "engine-club"),
		chromedp.Click(chromedp.CSS(`#bulk button[value="add_tag"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(text("#contact-"+contactID), "engine-club")) // the chip is on the row
	screenshot(t, ctx, shots, "contacts")

	run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#contact-"+contactID)),
	)
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
	is.NoErr(err)
	is.True(width <= 375) // no sideways scrolling on a phone
	valueSpansRow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		document.querySelector('.filter-builder').open = true;
		const row = document.querySelector('.builder-row'), value = row.querySelector('input');
		return value.getBoundingClientRect().width >= row.getBoundingClientRect().width - 1;
	})()`))
	is.NoErr(err)
	is.True(valueSpansRow) // a condition's value has the line under its field and operator
	screenshot(t, ctx, shots, "contacts-phone")
	run(chromedp.Navigate(contactURL), chromedp.WaitVisible(chromedp.CSS("#history-heading")))
	width, err = chromedp.Run(ctx, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
	is.NoErr(err)
	is.True(width <= 375) // the record page is one column
	screenshot(t, ctx, shots, "contact-phone")
	run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#delete")))

	// Delete it (the confirm dialog says yes), then restore it from the Trash.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool]("window.confirm = function () { return true; }; true"))
	is.NoErr(err)
	run(
		chromedp.Click(chromedp.CSS("#delete")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.HasSuffix(location(), "/contacts"))
	is.Equal(text(".flash"), ts.catalog.T("en", "contacts.trashed"))
	run(
		chromedp.Navigate(ts.URL+"/trash"),
		chromedp.WaitVisible(chromedp.CSS("#trash-contacts #contact-"+contactID+" button")),
		chromedp.Click(chromedp.CSS("#trash-contacts #contact-"+contactID+" button")),
		chromedp.WaitVisible(chromedp.CSS("#history-heading")),
	)
	is.Equal(location(), contactURL) // back on its page
	is.Equal(text(".flash"), ts.catalog.T("en", "contacts.restored"))
	is.True(strings.Contains(text(".record-side"), "engine-club")) // with its tag
	is.True(strings.Contains(text(".timeline"), ts.catalog.T("en", "record.history.restored")))
}
