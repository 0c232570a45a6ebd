package ui_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// historySeed is a contact, its company and a deal whose histories hold
// what people used to read as keys: a custom field's change, owner,
// company, status and stage changes, a weekly task and a custom rule.
type historySeed struct{ contact, company, deal string }

func seedHistory(t *testing.T, ts *testServer) historySeed {
	t.Helper()
	ctx := t.Context()
	ada := adminActor(t, ts)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := ts.app.CreateCustomField(ctx, ada, "contact", app.FieldInput{Key: "renewal_date", Label: "Renewal date", Type: "date"})
	must(err)
	bo, err := ts.app.CreateUser(ctx, ada, app.NewUser{Name: "Bo Kim", Email: "bo@example.com", Role: app.RoleSales, Password: "bo's password"})
	must(err)
	acme, err := ts.app.CreateCompany(ctx, ada, app.CompanyInput{Name: "Acme Ltd"})
	must(err)
	ann, err := ts.app.CreateContact(ctx, ada, app.ContactInput{FirstName: "Ann", LastName: "Lima", LifecycleStatus: "lead",
		CustomFields: app.CustomValues{"renewal_date": "2027-01-01"}})
	must(err)
	in := app.InputOf(ann)
	in.CompanyID, in.OwnerID, in.LifecycleStatus = acme.ID, bo.ID, "customer"
	in.CustomFields = app.CustomValues{"renewal_date": "2027-02-01"}
	_, err = ts.app.UpdateContact(ctx, ada, ann.ID, ann.Version, in)
	must(err)
	pipeline, err := ts.app.CreatePipeline(ctx, ada, "Sales", []string{"Qualified", "Proposal"})
	must(err)
	deal, err := ts.app.CreateDeal(ctx, ada, app.DealInput{Title: "Acme renewal", StageID: pipeline.Stages[0].ID, ContactIDs: []string{ann.ID}, CompanyID: acme.ID})
	must(err)
	_, err = ts.app.MoveDeal(ctx, ada, deal.ID, pipeline.Stages[1].ID, app.Place{}, "")
	must(err)
	for _, rule := range []string{"FREQ=WEEKLY;BYDAY=TU,FR", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=2"} {
		_, err = ts.app.CreateTask(ctx, ada, app.TaskInput{Title: "Call Ann", DueDate: "2026-12-08", DueTime: "09:30", TimeZone: "Asia/Seoul",
			Recurrence: rule, Links: []app.RecordRef{{Entity: "contact", ID: ann.ID}}})
		must(err)
	}
	return historySeed{contact: ann.ID, company: acme.ID, deal: deal.ID}
}

// visibleText is what a reader sees of a page: text outside tags,
// scripts, styles and templates, unescaped.
func visibleText(body string) string {
	body = regexp.MustCompile(`(?s)<(script|style|template|datalist)\b.*?</(script|style|template|datalist)>`).ReplaceAllString(body, " ")
	body = regexp.MustCompile(`(?s)</?(span|a|time|strong|em|b|i)\b[^>]*>`).ReplaceAllString(body, "") // inline: part of the sentence
	body = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(body, " ")
	return strings.Join(strings.Fields(html.UnescapeString(body)), " ")
}

var uuidInText = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// TestHistoryReadsAsSentences reads the audit log and the timelines of a
// contact, a company and a deal in every language and finds no catalog
// key, no raw ID, no RRULE and no stored field name; each entry is a
// sentence with the actor's name, labels, names and dates in words.
func TestHistoryReadsAsSentences(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	seed := seedHistory(t, ts)
	keys := ts.catalog.Keys("en")
	pages := map[string]string{"audit log": "/settings/audit", "contact": "/contacts/" + seed.contact,
		"company": "/companies/" + seed.company, "deal": "/deals/" + seed.deal}
	for _, lang := range []string{"en", "ko", "ja", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			admin.header.Set("Accept-Language", lang)
			tr := func(key string, args ...any) string { return ts.catalog.T(lang, key, args...) }
			for name, path := range pages {
				res := admin.get(path)
				if res.StatusCode != 200 {
					t.Fatalf("%s: %d", name, res.StatusCode)
				}
				text := visibleText(res.Body)
				if found := rawKeys(text, keys); len(found) > 0 {
					t.Errorf("%s in %s shows catalog keys %v", name, lang, found)
				}
				if ids := uuidInText.FindAllString(text, -1); len(ids) > 0 {
					t.Errorf("%s in %s shows ids %v", name, lang, ids)
				}
				for _, raw := range []string{"FREQ=", "BYDAY", "custom_fields.", "renewal_date", "owner_id", "company_id", "stage_id", "contact.created", "task.created"} {
					if strings.Contains(text, raw) {
						t.Errorf("%s in %s shows %q", name, lang, raw)
					}
				}
			}
			is := is.New(t)
			audit := visibleText(admin.get("/settings/audit").Body)
			weekly := tr("history.rrule.on_days", tr("history.rrule.weekly"), tr("history.rrule.list_two", tr("history.rrule.TU"), tr("history.rrule.FR")))
			is.True(strings.Contains(audit, weekly))                           // "every week on Tuesday and Friday"
			is.True(strings.Contains(audit, tr("history.rrule.custom")))       // a rule with parts the formatter does not say
			is.True(strings.Contains(audit, "Bo Kim"))                         // the new owner by name
			is.True(strings.Contains(audit, "“Acme Ltd”") || lang != "en")     // the company by name
			is.True(strings.Contains(audit, tr("history.quoted", "Acme Ltd"))) // in the language's quotes
			contact := visibleText(admin.get("/contacts/" + seed.contact).Body)
			is.True(strings.Contains(contact, "Renewal date")) // the custom field's label
			is.True(strings.Contains(contact, dateIn(lang)))   // the reader's date, not the stored 2027-02-01 (but in zh-Hans, whose form it is)
			is.True(strings.Contains(contact, tr("lifecycle.customer")))
			deal := visibleText(admin.get("/deals/" + seed.deal).Body)
			is.True(strings.Contains(deal, "Proposal")) // the stage by name
			is.True(strings.Contains(deal, tr("history.action.deal.moved", "Ada Admin", "", tr("history.quoted", "Acme renewal"))))
		})
	}
}

// dateIn is 1 February 2027 as lang writes a date.
func dateIn(lang string) string {
	return map[string]string{"en": "Feb 1, 2027", "ko": "2027. 2. 1.", "ja": "2027/02/01", "zh-Hans": "2027-02-01"}[lang]
}
