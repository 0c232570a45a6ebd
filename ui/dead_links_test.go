package ui_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// recordLink matches a link to a contact, company or deal page.
var recordLink = regexp.MustCompile(`href="(/(?:contacts|companies|deals)/[0-9a-f-]{36})"`)

// TestNoLinkLeadsToA404 walks the pages where records name other records
// (the contact and deal pages, the contact and deal lists, the board,
// search, tasks) for each kind of reader, and opens every record link
// they show: none may answer 404. A sales user limited to their own
// records sees their contact's and deal's company, owned by a colleague,
// named as plain text instead (issue 23).
func TestNoLinkLeadsToA404(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	is.New(t).NoErr(ts.app.SetPermissions(ctx, nil, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	sales := ts.loginAs(t, app.RoleSales)
	viewer := ts.loginAs(t, app.RoleViewer)
	var salesUser *app.User
	users, err := ts.app.Users(ctx, nil)
	is.New(t).NoErr(err)
	for _, u := range users {
		if u.Role == app.RoleSales {
			salesUser = u
		}
	}
	owner := recordActor(t, ts)
	p, stages := salesStages(t, ts)
	umbrella, err := ts.app.CreateCompany(ctx, owner, app.CompanyInput{Name: "Umbrella Corporation", OwnerID: owner.ID})
	is.New(t).NoErr(err)
	colleagues, err := ts.app.CreateContact(ctx, owner, app.ContactInput{FirstName: "Albert", LastName: "Wesker", OwnerID: owner.ID, CompanyID: umbrella.ID})
	is.New(t).NoErr(err)
	mine, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Jill", LastName: "Valentine", OwnerID: salesUser.ID, CompanyID: umbrella.ID})
	is.New(t).NoErr(err)
	deal, err := ts.app.CreateDeal(ctx, nil, app.DealInput{Title: "Raccoon contract", StageID: stages["demo"].ID, OwnerID: salesUser.ID,
		CompanyID: umbrella.ID, ContactIDs: []string{colleagues.ID, mine.ID}})
	is.New(t).NoErr(err)
	_, err = ts.app.CreateTask(ctx, nil, app.TaskInput{Title: "Call Umbrella", AssigneeID: salesUser.ID,
		Links: []app.RecordRef{{Entity: "company", ID: umbrella.ID}, {Entity: "contact", ID: mine.ID}}})
	is.New(t).NoErr(err)

	pages := []string{"/contacts/" + mine.ID, "/deals/" + deal.ID, "/contacts", "/pipelines/" + p.ID + "/list?status=all",
		"/pipelines/" + p.ID + "/board", "/search?q=umbrella", "/search?q=raccoon", "/tasks", "/"}
	for _, reader := range []struct {
		name string
		b    *browser
	}{{"admin", admin}, {"sales limited to own records", sales}, {"viewer", viewer}} {
		t.Run(reader.name, func(t *testing.T) {
			is := is.New(t)
			checked := map[string]bool{}
			for _, path := range pages {
				res := reader.b.get(path)
				is.Equal(res.StatusCode, http.StatusOK) // the page itself
				for _, m := range recordLink.FindAllStringSubmatch(res.Body, -1) {
					link := m[1]
					if checked[link] {
						continue
					}
					checked[link] = true
					target := reader.b.get(link)
					if target.StatusCode != http.StatusOK {
						t.Errorf("%s links to %s, which answers %d", path, link, target.StatusCode)
					}
				}
			}
			is.True(len(checked) > 0) // links were followed
			page := reader.b.get("/contacts/" + mine.ID)
			is.True(strings.Contains(page.Body, "Umbrella Corporation")) // the company is named on the contact's page
			page = reader.b.get("/deals/" + deal.ID)
			is.True(strings.Contains(page.Body, "Umbrella Corporation")) // and on the deal's
			list := reader.b.get("/contacts")
			is.True(strings.Contains(list.Body, "Umbrella Corporation")) // and in the list
			if reader.b == sales {
				is.True(!strings.Contains(page.Body, `href="/companies/`+umbrella.ID+`"`)) // as text, not a link
				is.True(!checked["/companies/"+umbrella.ID])
			} else {
				is.True(checked["/companies/"+umbrella.ID]) // readers who may open it get the link
			}
		})
	}
}
