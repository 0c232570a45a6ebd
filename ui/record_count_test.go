package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// A list filtered on custom fields shows its rows at once and its total
// from the count request: exact, and only what the user may see.
func TestFilteredListCountsLater(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	is := is.New(t)
	res := admin.post("/settings/fields", url.Values{"entity": {"contact"}, "label": {"Seats"}, "type": {"number"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	sales := ts.loginAs(t, app.RoleSales)
	var salesID string
	users, err := ts.app.Team(t.Context(), nil)
	is.NoErr(err)
	for _, u := range users {
		if u.Role == app.RoleSales {
			salesID = u.ID
		}
	}
	// 1,203 contacts with seats > 10 (more than the old cap of 1,000), a
	// few of them the sales user's, and some without enough seats.
	for i := range 1210 {
		in := app.ContactInput{FirstName: fmt.Sprintf("Person %d", i), CustomFields: app.CustomValues{"seats": float64(11 + i%5)}}
		if i >= 1203 {
			in.CustomFields["seats"] = float64(2)
		}
		if i < 7 {
			in.OwnerID = salesID
		}
		_, err := ts.app.CreateContact(t.Context(), nil, in)
		is.NoErr(err)
	}
	query := url.Values{"q": {"seats:>10"}}.Encode()

	page := admin.get("/contacts?" + query)
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, `data-count-url="/contacts/count?q=seats%3A%3E10"`)) // the page asks for its total later
	is.True(strings.Contains(page.Body, `href="/contacts?q=seats%3A%3E10&amp;count=exact"`)) // or, without scripts, by this link

	count := decode[struct {
		Total int
		Text  string
	}](t, admin.get("/contacts/count?"+query), http.StatusOK)
	is.Equal(count.Total, 1203) // every match, not capped
	is.Equal(count.Text, "1203 contacts")

	exact := admin.get("/contacts?count=exact&" + query)
	is.True(strings.Contains(exact.Body, ">1203 contacts<")) // the page with its total

	api := decode[struct{ Total int }](t, admin.get("/api/v1/contacts?"+query), http.StatusOK)
	is.Equal(api.Total, 1203) // the API counts every match too

	// A sales user limited to own records counts only those.
	is.NoErr(ts.app.SetPermissions(t.Context(), nil, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	own := decode[struct{ Total int }](t, sales.get("/contacts/count?"+query), http.StatusOK)
	is.Equal(own.Total, 7)

	one := decode[struct{ Text string }](t, sales.get("/contacts/count?q="+url.QueryEscape("seats:>14")), http.StatusOK)
	is.Equal(one.Text, "1 contact") // the message for one has no number to fill in

	bad := sales.get("/contacts/count?q=" + url.QueryEscape("colour:red"))
	is.Equal(bad.StatusCode, http.StatusUnprocessableEntity) // a query it does not understand is refused, as on the list
}
