package ui_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/matryer/is"

	"rolo/app"
)

// TestBrowserPhoneRegion drives Chromium through phones by region in
// English and Korean, at 1280 and 375 px (ROLO_SCREENSHOTS=/tmp/shots23c
// keeps the screenshots): a browser in Seoul is proposed South Korea on
// the setup form, by its language (ko-KR) and, through region.js, by its
// time zone even when its language says en-US; the profile sets one's own
// region; a region change leads to the re-read offer.
func TestBrowserPhoneRegion(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			is := is.New(t)
			ts := newTestServer(t)
			p := newPage(t, ts.URL, "/healthz")
			acceptLanguage := map[string]string{"en": "en-US,en;q=0.9", "ko": "ko-KR,ko;q=0.9"}[lang]
			_, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{})
			is.NoErr(err)
			_, err = chromedp.Call(p.ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": acceptLanguage}})
			is.NoErr(err)
			_, err = chromedp.Call(p.ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Seoul"})
			is.NoErr(err)
			shot := func(name string) {
				for _, width := range []int64{1280, 375} {
					p.run(chromedp.EmulateViewport(width, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("h1")))
					if width == 375 {
						is.True(p.scrollWidth() <= 375) // no sideways scrolling on a phone
					}
					p.screenshot(fmt.Sprintf("%s-%s-%d", name, lang, width))
				}
				p.run(chromedp.EmulateViewport(1280, 900))
			}

			// Setup: South Korea, from the zone (and, in Korean, the language too).
			p.visit("/setup", "#phone_region")
			p.run(chromedp.WaitVisible(chromedp.CSS("#phone-region-proposed")))
			is.Equal(p.value("#phone_region"), "KR")
			is.True(strings.Contains(p.text("#phone-region-proposed"), "Asia/Seoul"))
			is.Equal(p.text("label[for=phone_region]"), ts.catalog.T(lang, "phones.setup_region"))
			shot("setup")
			p.setupAdmin()
			is.Equal(ts.app.PhoneRegion(t.Context()), "KR")

			// The profile: one's own region, the team's by default.
			p.visit("/profile", "#phone_region")
			is.Equal(p.value("#phone_region"), "")
			is.True(strings.Contains(p.eval(`document.querySelector("#phone_region option[value='']").textContent`), ts.catalog.T(lang, "phone_region.KR")))
			shot("profile")
			// Typed by Ada while her own region is the US, a Korean mobile is kept unread…
			p.run(chromedp.SetValue(chromedp.CSS("#phone_region"), "US"), chromedp.Click(chromedp.CSS("#save-phone-region")), chromedp.WaitVisible(chromedp.CSS(".flash")))
			ada, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
			is.NoErr(err)
			c, err := ts.app.CreateContact(t.Context(), ada, app.ContactInput{FirstName: "민수", LastName: "김", Phones: []app.Labeled{{Label: "mobile", Value: "010-1234-5678"}}})
			is.NoErr(err)
			is.Equal(c.Phones[0].E164, "")
			p.visit("/contacts/"+c.ID, ".phone-unread")
			shot("contact-unread")
			// …until she follows the team's region again: the page offers to re-read it.
			p.visit("/profile", "#phone_region")
			p.run(chromedp.SetValue(chromedp.CSS("#phone_region"), ""), chromedp.Click(chromedp.CSS("#save-phone-region")), chromedp.WaitVisible(chromedp.CSS("#reparse-run")))
			is.True(strings.Contains(p.location(), "/phones/reparse?region=KR&scope=own"))
			is.True(strings.Contains(p.text("#phones-reparse"), "+821012345678"))
			shot("reparse")
			p.run(chromedp.Click(chromedp.CSS("#reparse-run")), chromedp.WaitVisible(chromedp.CSS(".flash")))
			is.Equal(p.text(".flash"), ts.catalog.T(lang, "phones.reparse_done"))
			got, err := ts.app.Contact(t.Context(), ada, c.ID)
			is.NoErr(err)
			is.Equal(got.Phones[0].E164, "+821012345678")
		})
	}
}
