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

func TestCompanyMergeAndUndoPages(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	keep, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Globex", Domain: "globex.example"})
	is.NoErr(err)
	lose, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Globex Corp", Domain: "globex.example", Industry: "Energy"})
	is.NoErr(err)
	person, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Hank", CompanyID: lose.ID})
	is.NoErr(err)

	res := b.get("/data-quality")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `id="company-duplicates"`))
	is.True(strings.Contains(res.Body, "Globex Corp")) // the group is offered

	res = b.post("/duplicates/merge", url.Values{"entity": {"company"}, "keep": {keep.ID}, "ids": {keep.ID, lose.ID}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	p, err := ts.app.Contact(ctx, nil, person.ID)
	is.NoErr(err)
	is.Equal(p.CompanyID, keep.ID) // Hank moved with the merge

	res = b.get("/data-quality")
	is.True(strings.Contains(res.Body, `id="recent-merges"`)) // the merge can be undone from here
	merges, err := ts.app.RecentMerges(ctx, nil, "company")
	is.NoErr(err)
	is.Equal(len(merges), 1)
	is.True(strings.Contains(res.Body, "/merges/"+merges[0].ID+"/undo"))

	res = b.get("/settings/audit?action=company.merged")
	is.True(strings.Contains(res.Body, "/merges/"+merges[0].ID+"/undo")) // and from the audit log

	viewer := ts.loginAs(t, app.RoleViewer)
	res = viewer.post("/merges/"+merges[0].ID+"/undo", nil)
	is.Equal(res.StatusCode, http.StatusForbidden) // viewers cannot undo

	res = b.post("/merges/"+merges[0].ID+"/undo", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), "/companies/"+lose.ID) // to the record that came back
	back, err := ts.app.Company(ctx, nil, lose.ID)
	is.NoErr(err)
	is.True(!back.Trashed())
	p, err = ts.app.Contact(ctx, nil, person.ID)
	is.NoErr(err)
	is.Equal(p.CompanyID, lose.ID) // Hank is back at his company

	res = b.post("/merges/"+merges[0].ID+"/undo", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther) // a second undo is refused with a message
	is.Equal(res.Header.Get("Location"), "/data-quality")
}
