package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// TestSetupProposesThePhoneRegion: the setup form proposes the region
// from the browser's languages (Accept-Language ko-KR), region.js asks
// for the one of its time zone (Asia/Seoul), and the region chosen is the
// instance's from the first contact on.
func TestSetupProposesThePhoneRegion(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.browser(t)
	b.header.Set("Accept-Language", "ko-KR,ko;q=0.9,en-US;q=0.8")

	res := b.get("/setup")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `<option value="KR" selected>대한민국</option>`)) // from the language
	is.True(strings.Contains(res.Body, "전화번호 지역"))
	is.True(strings.Contains(res.Body, `data-region-propose="/setup/region"`))

	proposal := func(acceptLanguage, zone string) map[string]string {
		t.Helper()
		c := ts.browser(t)
		c.header.Set("Accept-Language", acceptLanguage)
		res := c.get("/setup/region?time_zone=" + url.QueryEscape(zone))
		is.Equal(res.StatusCode, http.StatusOK)
		var got map[string]string
		is.NoErr(json.Unmarshal([]byte(res.Body), &got))
		return got
	}
	is.Equal(proposal("ko-KR,ko;q=0.9", "Asia/Seoul"), map[string]string{"region": "KR", "name": "대한민국"})
	is.Equal(proposal("en-US,en;q=0.9", "Asia/Seoul"), map[string]string{"region": "KR", "name": "South Korea"}) // the zone says where they are
	is.Equal(proposal("ko-KR", "Asia/Tokyo"), map[string]string{"region": "JP", "name": "일본"})
	is.Equal(proposal("en-US", "UTC")["region"], "US")

	// A region the phone library does not know is refused before the admin exists.
	res = b.post("/setup", url.Values{"name": {"김관리"}, "email": {"admin@example.kr"}, "password": {"correct horse"}, "phone_region": {"XX"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	needs, err := ts.app.NeedsSetup(t.Context())
	is.NoErr(err)
	is.True(needs)

	res = b.post("/setup", url.Values{"name": {"김관리"}, "email": {"admin@example.kr"}, "password": {"correct horse"}, "phone_region": {"KR"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(ts.app.PhoneRegion(t.Context()), "KR")
	res = b.post("/contacts", url.Values{"first_name": {"민수"}, "last_name": {"김"}, "phones.0.label": {"mobile"}, "phones.0.value": {"010-1234-5678"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	page := b.get(res.Header.Get("Location"))
	is.True(strings.Contains(page.Body, `href="tel:&#43;821012345678"`)) // read as a Korean mobile
	is.True(!strings.Contains(page.Body, "phone-unread"))
}

// TestPhoneRegionPerUserAndReparse: each user's numbers are read in their
// own region; a number that cannot be read is kept and flagged; a region
// change offers to re-read the unread numbers, their own for a user and
// every record's for an admin; search finds any format of the number.
func TestPhoneRegionPerUserAndReparse(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t) // the instance stays US
	ctx := t.Context()

	// The form says which region numbers are read in.
	is.True(strings.Contains(admin.get("/contacts/new").Body, "Numbers without a country code (&#43;…) are read as numbers of United States, your phone region."))
	is.True(strings.Contains(admin.get("/companies/new").Body, "are read as numbers of United States"))
	// Typed in the US, a Korean mobile cannot be read: kept, and flagged on its page.
	res := admin.post("/contacts", url.Values{"first_name": {"민수"}, "last_name": {"김"}, "phones.0.label": {"mobile"}, "phones.0.value": {"010-1234-5678"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	minsuURL := res.Header.Get("Location")
	page := admin.get(minsuURL)
	is.True(strings.Contains(page.Body, "Saved. A phone number could not be read as a number of the phone region")) // the warning, not "added"
	is.True(strings.Contains(page.Body, "010-1234-5678"))
	is.True(strings.Contains(page.Body, `class="help phone-unread"`))
	is.True(strings.Contains(page.Body, "Not read as a phone number in the phone region"))

	// A sales user in Japan.
	sales := ts.loginAs(t, app.RoleSales)
	users, err := ts.app.Users(ctx, nil)
	is.NoErr(err)
	salesID := users[len(users)-1].ID
	is.Equal(users[len(users)-1].Role, app.RoleSales)
	page = sales.get("/profile")
	is.True(strings.Contains(page.Body, `id="phone-region"`))
	is.True(strings.Contains(page.Body, `<option value="" selected>Same as the team (United States)</option>`))
	res = sales.post("/profile/phone-region", url.Values{"phone_region": {"ZZ"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	res = sales.post("/profile/phone-region", url.Values{"phone_region": {"JP"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), "/profile#phone-region") // nothing of theirs to re-read
	is.True(strings.Contains(sales.get("/profile").Body, `<option value="JP" selected>Japan</option>`))
	res = sales.post("/contacts", url.Values{"first_name": {"陽翔"}, "last_name": {"山田"}, "phones.0.value": {"090-1234-5678"}, "owner_id": {salesID}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(sales.get(res.Header.Get("Location")).Body, `href="tel:&#43;819012345678"`))
	// The API says which region the caller's numbers are read in, and reads them there.
	is.Equal(decode[map[string]any](t, sales.get("/api/v1/me"), http.StatusOK)["phone_region"], "JP")
	created := decode[api.ContactJSON](t, sales.json(http.MethodPost, "/api/v1/contacts", `{"first_name": "Sora", "phones": [{"label": "mobile", "value": "080-2345-6789"}]}`), http.StatusCreated)
	is.Equal(created.Phones[0].E164, "+818023456789")
	is.Equal(created.Phones[0].Value, "080-2345-6789")
	// Their Korean contact, typed in Japan, cannot be read…
	res = sales.post("/contacts", url.Values{"first_name": {"Jiwoo"}, "phones.0.value": {"010-5555-6666"}, "owner_id": {salesID}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	jiwooURL := res.Header.Get("Location")
	// …until they move to Korea: the page offers to re-read their own numbers only.
	res = sales.post("/profile/phone-region", url.Values{"phone_region": {"KR"}})
	is.Equal(res.Header.Get("Location"), "/phones/reparse?region=KR&scope=own")
	page = sales.get(res.Header.Get("Location"))
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, "010-5555-6666"))
	is.True(strings.Contains(page.Body, "&#43;821055556666"))
	is.True(!strings.Contains(page.Body, "민수")) // the admin's contact is not theirs to re-read
	is.True(strings.Contains(page.Body, "Re-read this number"))
	res = sales.post("/phones/reparse", url.Values{"region": {"KR"}, "scope": {"own"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(sales.get(jiwooURL).Body, `href="tel:&#43;821055556666"`))
	is.True(strings.Contains(admin.get(minsuURL).Body, "phone-unread")) // still unread
	// A sales user cannot re-read everyone's: they get their own.
	page = sales.get("/phones/reparse?region=KR&scope=all")
	is.True(strings.Contains(page.Body, "Every phone number of your records is read"))

	// The admin moves the instance to Korea and is offered every record's numbers.
	res = admin.post("/settings/phone-region", url.Values{"phone_region": {"KR"}})
	is.Equal(res.Header.Get("Location"), "/phones/reparse?region=KR&scope=all")
	page = admin.get(res.Header.Get("Location"))
	is.True(strings.Contains(page.Body, "김민수"))
	is.True(strings.Contains(page.Body, "Read as numbers of South Korea, 1 of them can be read"))
	search := admin.get("/search?q=" + url.QueryEscape("+82 10 1234 5678"))
	is.True(!strings.Contains(search.Body, "김민수")) // not before it is re-read
	res = admin.post("/phones/reparse", url.Values{"region": {"KR"}, "scope": {"all"}})
	is.Equal(res.Header.Get("Location"), "/settings#phone-numbers")
	is.True(!strings.Contains(admin.get(minsuURL).Body, "phone-unread"))
	for _, q := range []string{"+82 10 1234 5678", "010-1234-5678", "01012345678"} {
		search := admin.get("/search?q=" + url.QueryEscape(q))
		is.True(strings.Contains(search.Body, "김민수")) // any format of the number
	}
	log := admin.get("/settings/audit")
	is.True(strings.Contains(log.Body, "&#43;821012345678")) // the re-read, with its new form, in the audit log

	// Nothing left: the page says so.
	page = admin.get("/phones/reparse?region=KR")
	is.True(strings.Contains(page.Body, "Every phone number is read"))
}
