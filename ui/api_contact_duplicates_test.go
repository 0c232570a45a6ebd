package ui_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

type duplicatesAnswer struct {
	Data []struct {
		Contact struct {
			ID string `json:"id"`
		} `json:"contact"`
		Reasons []string `json:"reasons"`
	} `json:"data"`
}

// TestAPIContactDuplicates: a client asks before saving; creating through
// the API stays as it was (no hold), and the answers follow the document.
func TestAPIContactDuplicates(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	ana, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Ana", LastName: "Lima",
		Emails: []app.Labeled{{Value: "ana.lima@example.com"}}, Phones: []app.Labeled{{Value: "(415) 555-0134"}}})
	is.NoErr(err)
	ask := func(q url.Values) duplicatesAnswer {
		t.Helper()
		return decode[duplicatesAnswer](t, admin.get("/api/v1/contacts/duplicates?"+q.Encode()), http.StatusOK)
	}

	got := ask(url.Values{"email": {"ANA.LIMA@example.com"}, "name": {"ana LIMA"}})
	is.Equal(len(got.Data), 1)
	is.Equal(got.Data[0].Contact.ID, ana.ID)
	is.Equal(got.Data[0].Reasons, []string{"email", "name"})

	got = ask(url.Values{"phone": {"+1 415 555 0134"}})
	is.Equal(len(got.Data), 1)
	is.Equal(got.Data[0].Reasons, []string{"phone"})

	got = ask(url.Values{"email": {"someone@example.com"}, "name": {"Someone Else"}})
	is.Equal(len(got.Data), 0) // an empty list, not null

	// Creating stays as it was: no check, no hold.
	res := admin.json(http.MethodPost, "/api/v1/contacts", `{"first_name": "ana", "last_name": "LIMA", "emails": [{"value": "ANA.LIMA@example.com"}]}`)
	is.Equal(res.StatusCode, http.StatusCreated)
	twin := decode[struct {
		ID string `json:"id"`
	}](t, res, http.StatusCreated)

	// Editing the twin: it is left out, and an unchanged name is not a match.
	got = ask(url.Values{"except": {twin.ID}})
	is.Equal(len(got.Data), 0)
	got = ask(url.Values{"except": {twin.ID}, "phone": {"415-555-0134"}})
	is.Equal(len(got.Data), 1)
	is.Equal(got.Data[0].Contact.ID, ana.ID)

	problemOf(t, admin.get("/api/v1/contacts/duplicates?except=nope"), http.StatusNotFound)
	viewer := ts.loginAs(t, app.RoleViewer)
	problemOf(t, viewer.get("/api/v1/contacts/duplicates?email=ana.lima@example.com"), http.StatusForbidden) // viewers add nothing
}
