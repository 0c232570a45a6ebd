package ui_test

import (
	"strings"
	"testing"

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
	p := newPage(t, ts.URL, "/setup")
	p.setupAdmin()

	// A company first, from the nav.
	p.run(
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
	companyID := p.location()[strings.LastIndex(p.location(), "/")+1:]
	is.Equal(p.text("h1"), "Analytical Engines 주식회사")

	// A contact at it, from the company page, with two emails.
	p.run(
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
	contactURL := p.location()
	contactID := contactURL[strings.LastIndex(contactURL, "/")+1:]
	details := p.text(".record-side")
	is.True(strings.Contains(details, "ada@engines.example"))      // both emails
	is.True(strings.Contains(details, "ada.lovelace@example.org")) // normalised
	is.True(strings.Contains(details, "Analytical Engines 주식회사"))  // linked to the company
	is.Equal(p.attr(".record-sub a", "href"), "/companies/"+companyID)

	// Edit it.
	p.run(
		chromedp.Click(chromedp.CSS("#edit")),
		chromedp.WaitVisible(chromedp.CSS("#contact-form")),
		chromedp.SetValue(chromedp.CSS("#title"), "Chief Analyst"),
		chromedp.SetValue(chromedp.CSS("#lifecycle_status"), "customer"),
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS("#history-heading")),
	)
	is.True(strings.Contains(p.text(".record-sub"), "Chief Analyst"))
	history := p.text(".timeline")
	is.True(strings.Contains(history, "Analyst"))       // the change, from
	is.True(strings.Contains(history, "Chief Analyst")) // to
	p.screenshot("contact")

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

	p.visit("/companies/"+companyID, "#people-heading")
	is.True(strings.Contains(p.text("#people"), "Ada Lovelace")) // the company lists its people
	p.screenshot("company")
	p.run(chromedp.Navigate(contactURL+"/edit"), chromedp.WaitVisible(chromedp.CSS("#contact-form")))
	p.screenshot("contact-form")

	// Tag it from the list's bulk form: tick the row, type the tag, add.
	p.run(
		chromedp.Click(chromedp.CSS(`.nav a[href="/contacts"]`)),
		chromedp.WaitVisible(chromedp.CSS("#contact-"+contactID)),
		chromedp.Click(chromedp.CSS(".bulk-actions summary")),
		chromedp.Click(chromedp.CSS(`input[name="ids"][value="`+contactID+`"]`)),
		chromedp.SendKeys(chromedp.CSS(`#bulk input[name="tag"]`), "engine-club"),
		chromedp.Click(chromedp.CSS(`#bulk button[value="add_tag"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.Contains(p.text("#contact-"+contactID), "engine-club")) // the chip is on the row
	p.screenshot("contacts")

	p.run(
		chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#contact-"+contactID)),
	)
	is.True(p.scrollWidth() <= 375) // no sideways scrolling on a phone
	valueSpansRow := evaluate[bool](p, `(() => {
		document.querySelector('.filter-builder').open = true;
		const row = document.querySelector('.builder-row'), value = row.querySelector('input');
		return value.getBoundingClientRect().width >= row.getBoundingClientRect().width - 1;
	})()`)
	is.True(valueSpansRow) // a condition's value has the line under its field and operator
	p.screenshot("contacts-phone")
	p.run(chromedp.Navigate(contactURL), chromedp.WaitVisible(chromedp.CSS("#history-heading")))
	is.True(p.scrollWidth() <= 375) // the record page is one column
	p.screenshot("contact-phone")
	p.run(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#delete")))

	// Delete it (the confirm dialog says yes), then restore it from the Trash.
	p.acceptConfirms()
	p.run(
		chromedp.Click(chromedp.CSS("#delete")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	is.True(strings.HasSuffix(p.location(), "/contacts"))
	is.Equal(p.text(".flash"), ts.catalog.T("en", "contacts.trashed"))
	p.run(
		chromedp.Navigate(ts.URL+"/trash"),
		chromedp.WaitVisible(chromedp.CSS("#trash-contacts #contact-"+contactID+" button")),
		chromedp.Click(chromedp.CSS("#trash-contacts #contact-"+contactID+" button")),
		chromedp.WaitVisible(chromedp.CSS("#history-heading")),
	)
	is.Equal(p.location(), contactURL) // back on its page
	is.Equal(p.text(".flash"), ts.catalog.T("en", "contacts.restored"))
	is.True(strings.Contains(p.text(".record-side"), "engine-club"))       // with its tag
	is.True(strings.Contains(p.text(".timeline"), "restored the contact")) // the history says so, in a sentence
}
