package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestWebForms(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := context.Background()
	a1, err := ts.app.CreateUser(ctx, nil, app.NewUser{Name: "Rep One", Email: "one@example.com", Role: app.RoleSales, Password: "password1"})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := ts.app.CreateUser(ctx, nil, app.NewUser{Name: "Rep Two", Email: "two@example.com", Role: app.RoleSales, Password: "password2"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := ts.app.CreatePipeline(ctx, nil, "Inbound", []string{"New lead", "Call"})
	if err != nil {
		t.Fatal(err)
	}
	rule, err := ts.app.CreateRule(ctx, nil, app.RuleDefinition{Name: "Form", Enabled: true, Trigger: app.Trigger{Event: "form.submitted"},
		Actions: []app.Action{{Type: "add_tag", Value: "from-form"}}})
	if err != nil {
		t.Fatal(err)
	}
	_ = rule
	res := admin.post("/settings/forms", url.Values{"name": {"Demo request"}, "fields": {"first_name", "message"}, "stage_id": {p.Stages[0].ID},
		"tags": {"demo"}, "owner_ids": {a1.ID, a2.ID}, "origins": {"https://www.example.com"}, "thank_you": {"Thanks, we will call."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create form: %d %s", res.StatusCode, res.Body)
	}
	formPath := strings.Replace(res.Header.Get("Location"), "/settings/forms/", "/f/", 1)
	visitor := func(origin string) *browser {
		b := ts.browser(t)
		if origin != "" {
			b.header.Set("Origin", origin)
			b.header.Set("Sec-Fetch-Site", "cross-site")
		}
		return b
	}

	t.Run("a cross-site post from an allowed origin creates the contact, the deal, tags, owner, and starts automation", func(t *testing.T) {
		is := is.New(t)
		res := visitor("https://www.example.com").post(formPath, url.Values{"email": {"Lead@Example.org"}, "first_name": {"Lea"}, "message": {"Call me"}})
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "Thanks, we will call."))
		is.Equal(res.Header.Get("Access-Control-Allow-Origin"), "https://www.example.com")
		ids, err := ts.app.DB().Reader().QueryContext(ctx, `SELECT contact_id FROM contact_emails WHERE value = 'lead@example.org'`)
		is.NoErr(err)
		var id string
		for ids.Next() {
			is.NoErr(ids.Scan(&id))
		}
		ids.Close()
		c, err := ts.app.Contact(ctx, nil, id)
		is.NoErr(err)
		is.Equal(c.FirstName, "Lea")
		is.Equal(c.OwnerID, a1.ID) // round robin starts with the first owner
		names := map[string]bool{}
		for _, tg := range c.Tags {
			names[tg.Name] = true
		}
		is.True(names["demo"] && names["from-form"]) // the form's tag and the rule's
		var deals int
		is.NoErr(ts.app.DB().Reader().QueryRowContext(ctx, `SELECT count(*) FROM deals WHERE stage_id = ?`, p.Stages[0].ID).Scan(&deals))
		is.Equal(deals, 1)

		// the same email again makes no second contact and changes nothing
		// on the first: an anonymous visitor may not rename a customer. What
		// was sent waits on the contact's timeline for a person to review.
		res = visitor("https://www.example.com").post(formPath, url.Values{"email": {"lead@example.org"}, "first_name": {"Leah"}})
		is.Equal(res.StatusCode, http.StatusOK)
		var n int
		is.NoErr(ts.app.DB().Reader().QueryRowContext(ctx, `SELECT count(*) FROM contact_emails WHERE value = 'lead@example.org'`).Scan(&n))
		is.Equal(n, 1)
		c, _ = ts.app.Contact(ctx, nil, id)
		is.Equal(c.FirstName, "Lea") // not overwritten
		acts, err := ts.app.ListActivities(ctx, nil, app.ActivityQuery{Record: app.RecordRef{Entity: "contact", ID: id}})
		is.NoErr(err)
		var review string
		for _, a := range acts.Activities {
			review += a.Body
		}
		is.True(strings.Contains(review, "Leah")) // the submitted name, to review

		res = visitor("https://www.example.com").post(formPath, url.Values{"email": {"other@example.org"}})
		is.Equal(res.StatusCode, http.StatusOK)
		var owner string
		is.NoErr(ts.app.DB().Reader().QueryRowContext(ctx, `SELECT c.owner_id FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.value = 'other@example.org'`).Scan(&owner))
		is.Equal(owner, a2.ID) // the next owner in turn
	})

	t.Run("a form may fill a known contact's empty fields", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/settings/forms", url.Values{"name": {"Profile"}, "fields": {"first_name", "last_name"}, "fill_empty": {"1"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		page := admin.get(res.Header.Get("Location"))
		is.True(strings.Contains(page.Body, ts.catalog.T("en", "forms.fill_empty"))) // the setting is shown
		id := strings.TrimPrefix(res.Header.Get("Location"), "/settings/forms/")
		f, err := ts.app.WebForm(ctx, id)
		is.NoErr(err)
		is.True(f.FillEmpty) // and kept
	})

	t.Run("other origins are refused", func(t *testing.T) {
		is := is.New(t)
		res := visitor("https://evil.example").post(formPath, url.Values{"email": {"x@example.org"}})
		is.Equal(res.StatusCode, http.StatusForbidden)
		pre := visitor("https://evil.example").do("OPTIONS", formPath, nil)
		is.Equal(pre.StatusCode, http.StatusForbidden)
		pre = visitor("https://www.example.com").do("OPTIONS", formPath, nil)
		is.Equal(pre.StatusCode, http.StatusNoContent)
		is.Equal(pre.Header.Get("Access-Control-Allow-Origin"), "https://www.example.com")
	})

	t.Run("the honeypot swallows bots without storing", func(t *testing.T) {
		is := is.New(t)
		res := visitor("").post(formPath, url.Values{"email": {"bot@spam.example"}, "website_url": {"http://spam"}})
		is.Equal(res.StatusCode, http.StatusOK) // looks accepted
		var n int
		is.NoErr(ts.app.DB().Reader().QueryRowContext(ctx, `SELECT count(*) FROM contact_emails WHERE value = 'bot@spam.example'`).Scan(&n))
		is.Equal(n, 0)
	})

	t.Run("too many posts from one address are refused; big posts too", func(t *testing.T) {
		is := is.New(t)
		codes := map[int]int{}
		retryAfter := ""
		for i := range 8 {
			res := visitor("").post(formPath, url.Values{"email": {"burst" + string(rune('a'+i)) + "@example.org"}})
			codes[res.StatusCode]++
			if res.StatusCode == http.StatusTooManyRequests {
				retryAfter = res.Header.Get("Retry-After")
			}
		}
		is.True(codes[http.StatusTooManyRequests] >= 3) // the limit is 5 per 10 minutes, and earlier subtests used some
		is.True(retryAfter != "")                       // and says when to come back
		big := visitor("").post(formPath, url.Values{"email": {"big@example.org"}, "message": {strings.Repeat("x", 20_000)}})
		is.Equal(big.StatusCode, http.StatusRequestEntityTooLarge)
	})

	t.Run("the form page can be framed by the allowed site only", func(t *testing.T) {
		is := is.New(t)
		res := visitor("").get(formPath)
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors https://www.example.com"))
		is.Equal(res.Header.Get("X-Frame-Options"), "")
		is.True(strings.Contains(res.Body, `name="website_url"`))
		page := admin.get(strings.Replace(formPath, "/f/", "/settings/forms/", 1))
		is.True(strings.Contains(page.Body, "&lt;iframe"))
	})
}
