package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

const consentWords = "Yes, send me news about Rolo. I can unsubscribe at any time."

// TestWebFormCompanyAndConsent posts forms that ask for the company and
// for consent: the company is found whatever its case or created, a
// ticked box becomes consent given through the form with its words and
// moment, a required box refuses an unticked submission, and a known
// contact's recorded consent or company is never replaced.
func TestWebFormCompanyAndConsent(t *testing.T) {
	t.Parallel()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	acme, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "ACME GmbH"})
	must(err)
	fields := []string{"first_name", "company"}
	news, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Newsletter", Fields: fields, ConsentText: consentWords, ConsentRequired: true})
	must(err)
	optional, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Demo", Fields: fields, ConsentText: consentWords, FillEmpty: true})
	must(err)
	plain, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Plain", Fields: []string{"first_name"}})
	must(err)
	submit := func(form app.WebForm, values map[string]string) (app.SubmitResult, error) {
		return ta.SubmitForm(ctx, form.ID, app.Submission{Values: values, Client: "198.51.100." + form.Name})
	}

	t.Run("the company is linked whatever its case, and consent kept with the words and the moment", func(t *testing.T) {
		is := is.New(t)
		res, err := submit(news, map[string]string{"email": "lea@acme.example", "first_name": "Lea", "company": " acme gmbh ", "consent": "true"})
		is.NoErr(err)
		c, err := ta.Contact(ctx, admin, res.ContactID)
		is.NoErr(err)
		is.Equal(c.CompanyID, acme.ID) // the company Rolo has, not a second one
		consent, err := ta.ContactConsent(ctx, admin, res.ContactID)
		is.NoErr(err)
		is.Equal(consent.Status, "granted")
		is.Equal(consent.Wording, consentWords) // the exact words shown
		is.Equal(consent.FormID, news.ID)       // given through this form
		is.Equal(consent.Source, "Newsletter")
		is.True(consent.GivenAt.Equal(ta.clock.Now())) // the moment it was sent
		history, err := ta.History(ctx, admin, "contact", res.ContactID, 10)
		is.NoErr(err)
		var actions []string
		for _, h := range history {
			actions = append(actions, string(h.Action))
		}
		is.True(strings.Contains(strings.Join(actions, " "), string(app.ActionContactConsentChanged))) // in the audit log
	})

	t.Run("a company Rolo lacks is created with the contact's owner", func(t *testing.T) {
		is := is.New(t)
		res, err := submit(optional, map[string]string{"email": "max@globex.example", "first_name": "Max", "company": "Globex Corporation"})
		is.NoErr(err)
		c, err := ta.Contact(ctx, admin, res.ContactID)
		is.NoErr(err)
		is.True(c.CompanyID != "" && c.CompanyID != acme.ID)
		co, err := ta.Company(ctx, admin, c.CompanyID)
		is.NoErr(err)
		is.Equal(co.Name, "Globex Corporation")
		is.Equal(co.OwnerID, c.OwnerID)
		consent, err := ta.ContactConsent(ctx, admin, res.ContactID)
		is.NoErr(err)
		is.Equal(consent.Status, "unknown") // the optional box was left unticked
		res2, err := submit(optional, map[string]string{"email": "eve@globex.example", "company": "GLOBEX corporation"})
		is.NoErr(err)
		c2, err := ta.Contact(ctx, admin, res2.ContactID)
		is.NoErr(err)
		is.Equal(c2.CompanyID, c.CompanyID) // found again, not made twice
	})

	t.Run("a required box refuses an unticked submission and stores nothing", func(t *testing.T) {
		is := is.New(t)
		for _, unticked := range []string{"", "false"} {
			_, err := submit(news, map[string]string{"email": "nobox@example.org", "company": "Initech", "consent": unticked})
			is.Equal(app.AsError(err).Code, app.EInvalid)
			is.Equal(app.AsError(err).Fields["consent"], "error.consent_required")
		}
		var n int
		is.NoErr(ta.DB().Reader().QueryRowContext(ctx, `SELECT count(*) FROM contact_emails WHERE value = 'nobox@example.org'`).Scan(&n))
		is.Equal(n, 0)
		is.NoErr(ta.DB().Reader().QueryRowContext(ctx, `SELECT count(*) FROM companies WHERE name = 'Initech'`).Scan(&n))
		is.Equal(n, 0) // nor the company
	})

	t.Run("a form without a consent box records none, whatever is sent", func(t *testing.T) {
		is := is.New(t)
		res, err := submit(plain, map[string]string{"email": "sneaky@example.org", "consent": "true", "company": "Umbrella"})
		is.NoErr(err)
		consent, err := ta.ContactConsent(ctx, admin, res.ContactID)
		is.NoErr(err)
		is.Equal(consent.Status, "unknown")
		c, err := ta.Contact(ctx, admin, res.ContactID)
		is.NoErr(err)
		is.Equal(c.CompanyID, "") // the form does not ask for a company
	})

	t.Run("a known contact's recorded consent and company stay; what was sent waits for review", func(t *testing.T) {
		is := is.New(t)
		known, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Wanda", Emails: []store.Labeled{{Value: "wanda@example.org"}}, CompanyID: acme.ID})
		is.NoErr(err)
		_, err = ta.SetConsent(ctx, admin, known.ID, app.ConsentInput{Status: "withdrawn", GivenAt: "2026-01-05", Source: "phone call"})
		is.NoErr(err)
		_, err = submit(optional, map[string]string{"email": "wanda@example.org", "company": "Hooli", "consent": "on"})
		is.NoErr(err)
		consent, err := ta.ContactConsent(ctx, admin, known.ID)
		is.NoErr(err)
		is.Equal(consent.Status, "withdrawn") // a stranger may not grant it again
		is.Equal(consent.Source, "phone call")
		c, err := ta.Contact(ctx, admin, known.ID)
		is.NoErr(err)
		is.Equal(c.CompanyID, acme.ID) // fill-empty fills only what is empty
		acts, err := ta.ListActivities(ctx, admin, store.ActivityQuery{Record: app.RecordRef{Entity: "contact", ID: known.ID}})
		is.NoErr(err)
		is.Equal(len(acts.Activities), 1)
		is.True(strings.Contains(acts.Activities[0].Body, "company: Hooli"))
		is.True(strings.Contains(acts.Activities[0].Body, "consent: "+consentWords)) // the ticked box, to review
	})

	t.Run("a known contact with no consent and no company gets both from a fill-empty form", func(t *testing.T) {
		is := is.New(t)
		known, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Otto", Emails: []store.Labeled{{Value: "otto@example.org"}}})
		is.NoErr(err)
		_, err = submit(optional, map[string]string{"email": "otto@example.org", "company": "acme gmbh", "consent": "true"})
		is.NoErr(err)
		c, err := ta.Contact(ctx, admin, known.ID)
		is.NoErr(err)
		is.Equal(c.CompanyID, acme.ID)
		consent, err := ta.ContactConsent(ctx, admin, known.ID)
		is.NoErr(err)
		is.Equal(consent.Status, "granted")
		is.Equal(consent.FormID, optional.ID)

		// Editing the card without touching the consent keeps the form and
		// the exact moment; the card itself knows only the day.
		ta.clock.Add(3 * time.Hour)
		_, err = ta.SetConsent(ctx, admin, known.ID, app.ConsentInput{Status: "granted", GivenAt: consent.GivenAt.Format("2006-01-02"),
			Source: consent.Source, Wording: consent.Wording, DoNotContact: true})
		is.NoErr(err)
		after, err := ta.ContactConsent(ctx, admin, known.ID)
		is.NoErr(err)
		is.True(after.DoNotContact)
		is.Equal(after.FormID, optional.ID)
		is.True(after.GivenAt.Equal(consent.GivenAt))
	})

	t.Run("a required box needs words", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Empty box", ConsentRequired: true})
		is.Equal(fieldProblem(err, "consent_text"), "error.required")
		f, err := ta.UpdateWebForm(ctx, admin, plain.ID, app.WebFormInput{Name: "Plain", Fields: []string{"first_name"}, ConsentText: "  OK to call me.  "})
		is.NoErr(err)
		is.Equal(f.ConsentText, "OK to call me.") // an update carries the box too
		is.True(!f.ConsentRequired)
	})
}
