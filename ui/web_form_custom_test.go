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

func TestWebFormCustomFields(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	for _, in := range []app.FieldInput{
		{Key: "plan", Label: "Plan", Type: "select", Required: true, Options: []app.FieldOption{{Label: "Basic"}, {Label: "Pro"}}},
		{Key: "seats", Label: "Seats", Type: "number"},
		{Key: "renewal", Label: "Renewal", Type: "date"},
		{Key: "newsletter", Label: "Newsletter", Type: "bool"},
		{Key: "channels", Label: "Channels", Type: "multi_select", Options: []app.FieldOption{{Label: "Email"}, {Label: "Phone"}, {Label: "Chat"}}},
	} {
		_, err := ts.app.CreateCustomField(ctx, nil, "contact", in)
		is.NoErr(err)
	}
	builder := admin.get("/settings/forms")
	is.True(strings.Contains(builder.Body, `value="custom_fields.plan"`)) // the builder offers custom fields

	res := admin.post("/settings/forms", url.Values{"name": {"Trial"}, "fields": {"first_name", "custom_fields.plan", "custom_fields.seats",
		"custom_fields.renewal", "custom_fields.newsletter", "custom_fields.channels"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	formID := strings.TrimPrefix(res.Header.Get("Location"), "/settings/forms/")
	is.Equal(admin.post("/settings/forms", url.Values{"name": {"Bad"}, "fields": {"custom_fields.nope"}}).StatusCode, http.StatusUnprocessableEntity)

	snippet := admin.get("/settings/forms/" + formID)
	is.True(strings.Contains(snippet.Body, "custom_fields.seats"))              // the snippet asks for them
	is.True(strings.Contains(snippet.Body, "&lt;option&gt;Pro&lt;/option&gt;")) // with the select's options

	form := ts.browser(t).get("/f/" + formID)
	is.True(strings.Contains(form.Body, `name="custom_fields.seats" type="number"`))
	is.True(strings.Contains(form.Body, `name="custom_fields.renewal" type="date"`))
	is.True(strings.Contains(form.Body, `name="custom_fields.newsletter" value="true"`))
	is.True(strings.Contains(form.Body, `<option>Pro</option>`))

	bad := ts.browser(t).post("/f/"+formID, url.Values{"email": {"a@example.org"}, "custom_fields.seats": {"many"}, "custom_fields.renewal": {"2027-02-30"},
		"custom_fields.channels": {"Email", "Chat"}})
	is.Equal(bad.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(bad.Body, `value="many"`))                                                                        // kept
	is.True(strings.Contains(bad.Body, `<option selected>Email</option><option>Phone</option><option selected>Chat</option>`)) // the choices too
	for _, key := range []string{"error.required", "error.number_invalid", "error.date_invalid"} {
		is.True(strings.Contains(bad.Body, ts.catalog.T("en", key))) // each problem beside its input
	}
	is.Equal(rowCount(t, ts, `SELECT count(*) FROM contacts`), 0) // nothing saved

	ok := ts.browser(t).post("/f/"+formID, url.Values{"email": {"b@example.org"}, "first_name": {"Bo"}, "custom_fields.plan": {"Pro"},
		"custom_fields.seats": {"12"}, "custom_fields.renewal": {"2027-03-01"}, "custom_fields.newsletter": {"true"}})
	is.Equal(ok.StatusCode, http.StatusOK)
	var id string
	is.NoErr(ts.app.DB().Reader().QueryRowContext(ctx, `SELECT contact_id FROM contact_emails WHERE value = 'b@example.org'`).Scan(&id))
	c, err := ts.app.Contact(ctx, nil, id)
	is.NoErr(err)
	is.Equal(c.CustomFields["plan"], "Pro")
	is.Equal(c.CustomFields["seats"], 12.0)
	is.Equal(c.CustomFields["renewal"], "2027-03-01")
	is.Equal(c.CustomFields["newsletter"], true)

	// A second submission with another value changes nothing on the
	// contact; the value waits on its timeline for a person to review.
	again := ts.browser(t).post("/f/"+formID, url.Values{"email": {"b@example.org"}, "custom_fields.plan": {"Basic"}})
	is.Equal(again.StatusCode, http.StatusOK)
	c, err = ts.app.Contact(ctx, nil, id)
	is.NoErr(err)
	is.Equal(c.CustomFields["plan"], "Pro") // kept
	acts, err := ts.app.ListActivities(ctx, nil, app.ActivityQuery{Record: app.RecordRef{Entity: "contact", ID: id}})
	is.NoErr(err)
	var review string
	for _, a := range acts.Activities {
		review += a.Body
	}
	is.True(strings.Contains(review, "Basic")) // what was sent, to review
}

func rowCount(t *testing.T, ts *testServer, query string) int {
	t.Helper()
	var n int
	if err := ts.app.DB().Reader().QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
