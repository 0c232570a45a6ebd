package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestWebFormsNeverOverwrite posts a known customer's email to a public
// form with other values: the customer keeps every value, and what was
// sent waits on their timeline for a person to review.
func TestWebFormsNeverOverwrite(t *testing.T) {
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
	_, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "plan", Label: "Plan", Type: "text"})
	must(err)
	_, err = ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "seats", Label: "Seats", Type: "number"})
	must(err)
	fields := []string{"first_name", "last_name", "phone", "title", "message", "custom_fields.plan", "custom_fields.seats"}
	form, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Webinar", Fields: fields, Tags: "webinar"})
	must(err)
	filling, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Profile", Fields: fields, FillEmpty: true})
	must(err)
	customer, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ada", LastName: "Customer", Title: "CTO",
		Emails: []store.Labeled{{Value: "ada@customer.example"}}, CustomFields: app.CustomValues{"plan": "Pro"}})
	must(err)
	sent := map[string]string{"email": "ADA@customer.example", "first_name": "Mallory", "last_name": "Renamer", "title": "Intern",
		"phone": "+1 415 555 0100", "message": "please call", "custom_fields.plan": "Free", "custom_fields.seats": "3"}

	t.Run("a known email changes nothing and is logged for review", func(t *testing.T) {
		is := is.New(t)
		res, err := ta.SubmitForm(ctx, form.ID, app.Submission{Values: sent, Client: "198.51.100.7"})
		is.NoErr(err)
		is.Equal(res.ContactID, customer.ID) // matched by email
		is.True(!res.Created)
		c, err := ta.Contact(ctx, admin, customer.ID)
		is.NoErr(err)
		is.Equal(c.Version, customer.Version) // not written at all
		is.Equal(c.DisplayName, "Ada Customer")
		is.Equal(c.Title, "CTO")
		is.Equal(len(c.Phones), 0)
		is.Equal(len(c.Tags), 0)                // not even the form's tag
		is.Equal(c.CustomFields["plan"], "Pro") // nor a custom field
		is.Equal(c.CustomFields["seats"], nil)
		acts, err := ta.ListActivities(ctx, admin, store.ActivityQuery{Record: app.RecordRef{Entity: "contact", ID: customer.ID}})
		is.NoErr(err)
		is.Equal(len(acts.Activities), 1)
		note := acts.Activities[0]
		is.Equal(note.Outcome, "Webinar") // named after the form
		for _, line := range []string{"first_name: Mallory", "last_name: Renamer", "title: Intern", "phone: +1 415 555 0100",
			"custom_fields.plan: Free", "please call"} {
			is.True(strings.Contains(note.Body, line)) // every value sent, to review
		}
	})

	t.Run("a form set to fill empty fields fills only those", func(t *testing.T) {
		is := is.New(t)
		res, err := ta.SubmitForm(ctx, filling.ID, app.Submission{Values: sent, Client: "198.51.100.8"})
		is.NoErr(err)
		is.Equal(res.ContactID, customer.ID)
		c, err := ta.Contact(ctx, admin, customer.ID)
		is.NoErr(err)
		is.Equal(c.DisplayName, "Ada Customer") // names it had stay
		is.Equal(c.Title, "CTO")
		is.Equal(c.CustomFields["plan"], "Pro")
		is.Equal(len(c.Phones), 1) // the phone it lacked is filled
		is.Equal(c.Phones[0].Value, "+1 415 555 0100")
		is.Equal(c.CustomFields["seats"], 3.0) // and the custom field it lacked
	})

	t.Run("the rate limit counts per target email too", func(t *testing.T) {
		is := is.New(t)
		victim := map[string]string{"email": "victim@customer.example"}
		for i := range 3 {
			_, err := ta.SubmitForm(ctx, []string{form.ID, filling.ID}[i%2], app.Submission{Values: victim, Client: fmt.Sprint("203.0.113.", i)})
			is.NoErr(err)
		}
		_, err := ta.SubmitForm(ctx, form.ID, app.Submission{Values: victim, Client: "203.0.113.99"})
		e := app.AsError(err)
		is.Equal(e.Code, app.ETooMany) // the same address, from anywhere, on any form
		is.True(e.RetryAfter > 0)
		_, err = ta.SubmitForm(ctx, form.ID, app.Submission{Values: map[string]string{"email": "someone.else@example.org"}, Client: "203.0.113.99"})
		is.NoErr(err) // other people may still post
	})

	t.Run("and per form", func(t *testing.T) {
		is := is.New(t)
		busy, err := ta.CreateWebForm(ctx, admin, app.WebFormInput{Name: "Busy"})
		is.NoErr(err)
		refused := 0
		for i := range 201 {
			_, err := ta.SubmitForm(ctx, busy.ID, app.Submission{Values: map[string]string{"email": fmt.Sprintf("lead%d@example.org", i)},
				Client: fmt.Sprintf("10.%d.%d.1", i/250, i%250)})
			if app.AsError(err).Code == app.ETooMany {
				refused++
			} else {
				is.NoErr(err)
			}
		}
		is.Equal(refused, 1) // 200 in ten minutes, from any number of addresses
		ta.clock.Add(11 * time.Minute)
		_, err = ta.SubmitForm(ctx, busy.ID, app.Submission{Values: map[string]string{"email": "later@example.org"}, Client: "10.9.9.9"})
		is.NoErr(err) // the window moves on
	})
}
