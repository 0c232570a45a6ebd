package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestUserAdministration(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	res := admin.post("/settings/users", url.Values{"name": {"Bo"}, "email": {"bo@example"}, "role": {"sales"}, "password": {"12345678"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, "Not a valid email address.")) // beside the field
	is.True(strings.Contains(res.Body, `value="Bo"`))                 // values kept

	res = admin.post("/settings/users", url.Values{"name": {"Bo"}, "email": {"bo@example.com"}, "role": {"sales"}, "password": {"12345678"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	bo, err := ts.app.UserByEmail(t.Context(), "bo@example.com")
	is.NoErr(err)

	res = admin.post("/settings/users/"+bo.ID+"/role", url.Values{"role": {"manager"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	bo, _ = ts.app.UserByEmail(t.Context(), "bo@example.com")
	is.Equal(bo.Role, app.RoleManager)

	adminUser, _ := ts.app.UserByEmail(t.Context(), "ada@example.com")
	res = admin.post("/settings/users/"+adminUser.ID+"/role", url.Values{"role": {"viewer"}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, "at least one active administrator")) // the last admin stays

	res = admin.post("/settings/users/"+bo.ID+"/disable", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = ts.browser(t).post("/login", url.Values{"email": {"bo@example.com"}, "password": {"12345678"}})
	is.Equal(res.StatusCode, http.StatusUnauthorized) // disabled users cannot log in

	res = admin.post("/settings/users/"+bo.ID+"/enable", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = admin.post("/settings/users/"+bo.ID+"/password", url.Values{"password": {"brand new pw"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = ts.browser(t).post("/login", url.Values{"email": {"bo@example.com"}, "password": {"brand new pw"}})
	is.Equal(res.StatusCode, http.StatusSeeOther) // the reset password works

	res = admin.get("/settings/users")
	is.True(strings.Contains(res.Body, "bo@example.com"))
	is.Equal(admin.post("/settings/users/no-such-id/role", url.Values{"role": {"sales"}}).StatusCode, http.StatusNotFound)
}

func TestSettingsShowsTheDatabaseFile(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.get("/settings")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, "rolo.db")) // the one file to copy is named
}

// TestAdminUnlocksALockedLogin: failed logins lock the account for the
// address that made them; the users page shows it and an admin lets the
// person in again at once.
func TestAdminUnlocksALockedLogin(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.post("/settings/users", url.Values{"name": {"Bo"}, "email": {"bo@example.com"}, "role": {"sales"}, "password": {"bo-password-1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	bo, err := ts.app.UserByEmail(t.Context(), "bo@example.com")
	is.NoErr(err)

	b := ts.browser(t)
	for range 11 {
		res = b.post("/login", url.Values{"email": {"bo@example.com"}, "password": {"wrong"}})
	}
	is.Equal(res.StatusCode, http.StatusTooManyRequests) // locked from here
	res = b.post("/login", url.Values{"email": {"bo@example.com"}, "password": {"bo-password-1"}})
	is.Equal(res.StatusCode, http.StatusTooManyRequests) // even with the right password

	page := admin.get("/settings/users")
	is.True(strings.Contains(page.Body, ts.catalog.T("en", "users.locked_badge"))) // the page says so
	is.True(strings.Contains(page.Body, "/settings/users/"+bo.ID+"/unlock"))       // and offers the way out

	res = admin.post("/settings/users/"+bo.ID+"/unlock", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = b.post("/login", url.Values{"email": {"bo@example.com"}, "password": {"bo-password-1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)                            // in at once
	is.True(!strings.Contains(admin.get("/settings/users").Body, "/unlock")) // nobody is locked now
}
