package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestChangesAreCreditedToTheRealActor: what a rule does is the rule's,
// what a web form brings in is the form's (by name), what an import
// writes names its batch (the batch's one audit entry, each record's
// history) and in webhook payloads — never "Command line", which is kept for the
// command line (TestCommandLineIsCredited, package main).
func TestChangesAreCreditedToTheRealActor(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ada := adminActor(t, ts)
	ctx := t.Context()
	rule, err := ts.app.CreateRule(ctx, ada, app.RuleDefinition{Name: "VIP tagging", Enabled: true,
		Trigger: app.Trigger{Event: "contact.created"}, Actions: []app.Action{{Type: "add_tag", Value: "vip"}}})
	if err != nil {
		t.Fatal(err)
	}
	hook, err := ts.app.CreateWebhook(ctx, ada, app.WebhookInput{URL: "https://hooks.example.com/rolo", Events: []string{"contact.created", "tag.added"}})
	if err != nil {
		t.Fatal(err)
	}
	res := admin.post("/contacts", url.Values{"first_name": {"Ann"}, "last_name": {"Lee"}, "owner_id": {ada.ID}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add contact: %d", res.StatusCode)
	}
	ann := res.Header.Get("Location")
	ruleWords := `<span class="history-actor">Rule “VIP tagging”</span> changed the contact`
	command := ts.catalog.T("en", "history.by.command_line")

	t.Run("a rule's change is the rule's, in the audit log and the timeline", func(t *testing.T) {
		is := is.New(t)
		log := admin.get("/settings/audit?entity=contact").Body
		is.True(strings.Contains(log, ruleWords))                                              // the tag the rule added
		is.True(strings.Contains(log, `<span class="history-actor">Ada Admin</span> created`)) // the contact Ada added
		is.True(!strings.Contains(log, command))
		page := admin.get(ann).Body
		is.True(strings.Contains(page, ruleWords))
		is.True(!strings.Contains(page, command))
	})

	t.Run("webhook payloads say who: the user, or the rule by id and name", func(t *testing.T) {
		is := is.New(t)
		msgs, err := ts.app.WebhookMessages(ctx, ada, hook.Webhook.ID, 10)
		is.NoErr(err)
		actors := map[string]*app.EventActor{}
		for _, m := range msgs {
			var p struct {
				Data app.Event `json:"data"`
			}
			is.NoErr(json.Unmarshal([]byte(m.Payload), &p))
			actors[p.Data.Type] = p.Data.Actor
		}
		is.Equal(len(actors), 2)
		is.Equal(*actors["contact.created"], app.EventActor{Kind: "user", ID: ada.ID})
		is.Equal(*actors["tag.added"], app.EventActor{Kind: app.OriginRule, ID: rule.ID, Name: "VIP tagging"})
	})

	t.Run("a web form's contact is the form's, by name", func(t *testing.T) {
		is := is.New(t)
		form, err := ts.app.CreateWebForm(ctx, ada, app.WebFormInput{Name: "Contact us", Fields: []string{"first_name", "email"}})
		is.NoErr(err)
		got, err := ts.app.SubmitForm(ctx, form.ID, app.Submission{Values: map[string]string{"first_name": "Bo", "email": "bo@example.com"}, Client: "192.0.2.1"})
		is.NoErr(err)
		page := admin.get("/contacts/" + got.ContactID).Body
		is.True(strings.Contains(page, `<span class="history-actor">Web form “Contact us”</span> created the contact`))
		is.True(strings.Contains(page, ruleWords)) // the rule it started is still the rule's
		log := admin.get("/settings/audit?entity=contact").Body
		is.True(strings.Contains(log, `<span class="history-actor">Web form “Contact us”</span> created the contact`))
	})

	t.Run("an import's rows name the batch and who ran it", func(t *testing.T) {
		is := is.New(t)
		// The contact.created rule stays: it edits each new contact inside
		// the import, which once made the import fail on the search index.
		csv := "First name,Last name,Email\nCy,Park,cy@example.com\n"
		rep, err := ts.app.Import(ctx, ada, strings.NewReader(csv), app.ImportOptions{Entity: "contact", FileName: "leads.csv"})
		is.NoErr(err)
		is.Equal(rep.Created, 1)
		// An import's rows share one audit entry, the batch's; each record's
		// own history reads its line of the batch back (issue 18).
		page := admin.get("/contacts/" + onlyContact(t, admin, "cy@example.com")).Body
		is.True(strings.Contains(page, `<span class="history-actor">Ada Admin, importing “leads.csv”</span> created the contact`))
		log := admin.get("/settings/audit?entity=import").Body
		is.True(strings.Contains(log, "leads.csv"))
		csv = "First name,Email\nDee,dee@example.com\n"
		_, err = ts.app.Import(app.WithOrigin(ctx, app.Origin{Kind: app.OriginCLI}), nil, strings.NewReader(csv), app.ImportOptions{Entity: "contact", FileName: "cli.csv"})
		is.NoErr(err)
		page = admin.get("/contacts/" + onlyContact(t, admin, "dee@example.com")).Body
		is.True(strings.Contains(page, `<span class="history-actor">Import batch “cli.csv” (`)) // from the command line: the batch and its day
	})
}

// onlyContact is the id of the one contact the list finds for q.
func onlyContact(t *testing.T, b *browser, q string) string {
	t.Helper()
	ids := contactIDs(b.get("/contacts?q=" + url.QueryEscape(q)).Body)
	if len(ids) != 1 {
		t.Fatalf("contacts for %q: %v", q, ids)
	}
	return ids[0]
}
