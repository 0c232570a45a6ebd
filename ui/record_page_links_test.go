package ui_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestRecordPageNamesTheOtherRecords: on a contact's page, its activities
// and tasks name the other records they are linked to, with links, and
// never the contact itself again.
func TestRecordPageNamesTheOtherRecords(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	engines, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Engines Ltd"})
	is.NoErr(err)
	looms, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Looms & Sons"})
	is.NoErr(err)
	c, err := ts.app.CreateContact(t.Context(), me, app.ContactInput{FirstName: "Ada"})
	is.NoErr(err)
	self := `href="/contacts/` + c.ID + `"`
	before := admin.get("/contacts/" + c.ID)
	is.Equal(before.StatusCode, http.StatusOK)

	res := admin.json("POST", "/api/v1/activities", `{"type": "call", "outcome": "Demo agreed",
		"contact_ids": ["`+c.ID+`"], "company_ids": ["`+engines.ID+`"]}`)
	is.Equal(res.StatusCode, http.StatusCreated)
	_, err = ts.app.CreateTask(t.Context(), me, app.TaskInput{Title: "Send the loom quote", DueDate: "2030-01-02",
		Links: []app.RecordRef{{Entity: "contact", ID: c.ID}, {Entity: "company", ID: looms.ID}}})
	is.NoErr(err)

	page := admin.get("/contacts/" + c.ID)
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, "Demo agreed"))
	is.True(strings.Contains(page.Body, "Send the loom quote"))
	is.True(strings.Contains(page.Body, `href="/companies/`+engines.ID+`"`)) // the activity's company
	is.True(strings.Contains(page.Body, "Engines Ltd"))
	is.True(strings.Contains(page.Body, `href="/companies/`+looms.ID+`"`)) // the task's company
	is.True(strings.Contains(page.Body, "Looms &amp; Sons"))
	is.Equal(strings.Count(page.Body, self), strings.Count(before.Body, self)) // no row links the page to itself
	is.True(strings.Contains(page.Body, "contact="+c.ID))                      // the task's log form still carries the contact
}
