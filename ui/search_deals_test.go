package ui_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestDealsInSearchAndPalette: the search page groups deals under their
// own heading, and the palette's search (GET /api/v1/search) returns
// them with their page, found by title, company and contact.
func TestDealsInSearchAndPalette(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	_, stages := salesStages(t, ts)
	co, err := ts.app.CreateCompany(t.Context(), recordActor(t, ts), app.CompanyInput{Name: "Pied Piper"})
	is.NoErr(err)
	richard := createContact(t, ts, app.ContactInput{FirstName: "Richard", LastName: "Hendricks", CompanyID: co.ID})
	d := createDeal(t, ts, app.DealInput{Title: "Compression licence", StageID: stages["demo"].ID, CompanyID: co.ID, ContactIDs: []string{richard.ID}})

	page := admin.get("/search?q=compression")
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, message(ts, "search.kind.deal")))                     // a group of deals
	is.True(strings.Contains(page.Body, `<a href="/deals/`+d.ID+`">Compression licence</a>`)) // linked to the deal
	is.True(strings.Contains(page.Body, "Pied Piper · Richard Hendricks"))                    // with its company and contact
	for _, q := range []string{"compression", "pied piper", "hendricks"} {
		res := admin.get("/api/v1/search?limit=8&q=" + strings.ReplaceAll(q, " ", "+"))
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, `"type":"deal","id":"`+d.ID+`"`)) // the palette finds the deal
		is.True(strings.Contains(res.Body, `"url":"/deals/`+d.ID+`"`))
	}
}
