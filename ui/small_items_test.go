package ui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestPluralsInEveryLanguage: one of a thing is said in the singular
// ("1 result", "1 row has a problem"), and every _one form exists in the
// four languages without a number to fill in.
func TestPluralsInEveryLanguage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	for _, key := range []string{"search.count", "imports.would_failed", "imports.would_warned", "trash.emptied", "today.rotting_days",
		"pipelines.delete_moves", "pipelines.stage_move_deals"} {
		for _, lang := range app.Languages {
			one, ok := ts.catalog.Keys(lang)[key+"_one"]
			is.True(ok)                           // key: its singular in every language
			is.True(!strings.Contains(one, "%d")) // with nothing to fill in
		}
	}
	is.Equal(ts.catalog.Count("en", "search.count", 1), "1 result")
	is.Equal(ts.catalog.Count("en", "search.count", 2), "2 results, best first")
	is.Equal(ts.catalog.Count("en", "imports.would_failed", 1), "1 row has a problem.")

	_, err := ts.app.CreateContact(context.Background(), nil, app.ContactInput{FirstName: "Zebulon", LastName: "Quist"})
	is.NoErr(err)
	page := admin.get("/search?q=Zebulon")
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, ">1 result<"))
	is.True(!strings.Contains(page.Body, "1 results"))
}

// TestSmallWordings: a won deal on a contact page is not followed by its
// stage "Won" (which read as "₩12,000,000 Won"), a Japanese web form and
// the contact form ask for the family name first, and the call icon is
// drawn, not a glyph the system may lack.
func TestSmallWordings(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := context.Background()
	ada, err := ts.app.UserByEmail(ctx, "ada@example.com")
	is.NoErr(err)

	c, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "민수", LastName: "김"})
	is.NoErr(err)
	p, err := ts.app.DefaultPipeline(ctx, nil)
	is.NoErr(err)
	d, err := ts.app.CreateDeal(ctx, nil, app.DealInput{Title: "라이선스", StageID: p.Stages[1].ID, Value: 12_000_000, Currency: "KRW", ContactIDs: []string{c.ID}})
	is.NoErr(err)
	_, err = ts.app.CloseDeal(ctx, nil, d.ID, "won", "")
	is.NoErr(err)
	page := admin.get("/contacts/" + c.ID).Body
	is.True(strings.Contains(page, `<span class="record-deal-value">₩12,000,000</span></span>`)) // no stage after the amount
	deal := admin.get("/deals/" + d.ID).Body
	is.True(strings.Index(deal, `class="status deal-status-won"`) < strings.Index(deal, `id="deal-value"`)) // "Won ₩12,000,000", not "₩12,000,000 Won"

	form, err := ts.app.CreateWebForm(ctx, ada, app.WebFormInput{Name: "お問い合わせ", Fields: []string{"first_name", "last_name", "email"}})
	is.NoErr(err)
	visitor := ts.browser(t)
	for lang, familyFirst := range map[string]bool{"ja": true, "ko": true, "zh-Hans": true, "en": false} {
		visitor.header.Set("Accept-Language", lang)
		body := visitor.get("/f/" + form.ID).Body
		last, first := strings.Index(body, `name="last_name"`), strings.Index(body, `name="first_name"`)
		is.True(last > 0 && first > 0)
		is.Equal(last < first, familyFirst) // lang: family name first in Korean, Japanese and Chinese
	}

	for lang, familyFirst := range map[string]bool{"ja": true, "en": false} {
		admin.header.Set("Accept-Language", lang)
		body := admin.get("/contacts/new").Body
		is.Equal(strings.Index(body, `id="last_name"`) < strings.Index(body, `id="first_name"`), familyFirst) // the contact form too
	}
	admin.header.Del("Accept-Language")

	_, err = ts.app.LogActivity(ctx, ada, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	page = admin.get("/contacts/" + c.ID).Body
	is.True(strings.Contains(page, `<svg class="type-glyph"`)) // the call icon, drawn
	is.True(!strings.Contains(page, "<span>📞</span>"))
}
