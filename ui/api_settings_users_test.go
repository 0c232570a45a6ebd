package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// Users are for admins alone, as on the users page; no answer carries a
// password or its hash.
func TestAPIUserSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	manager := ts.loginAs(t, app.RoleManager)
	sales := ts.loginAs(t, app.RoleSales)
	reader := readKey(t, ts, admin)

	t.Run("an admin adds an account, changes its role, disables it and sets a password", func(t *testing.T) {
		is := is.New(t)
		res := admin.json("POST", "/api/v1/users", `{"name": "Grace Hopper", "email": "Grace@Example.com", "role": "sales", "password": "first password"}`)
		u := decode[api.UserJSON](t, res, http.StatusCreated)
		is.Equal(res.Header.Get("Location"), "/api/v1/users/"+u.ID)
		is.Equal(u.Email, "grace@example.com")
		is.Equal(u.Role, "sales")
		is.True(u.LastLoginAt == nil) // never logged in
		is.True(!strings.Contains(res.Body, "password") && !strings.Contains(res.Body, "argon2"))

		u = decode[api.UserJSON](t, admin.json("PATCH", "/api/v1/users/"+u.ID, `{"role": "manager"}`), http.StatusOK)
		is.Equal(u.Role, "manager")
		grace := ts.browser(t)
		is.Equal(grace.post("/login", url.Values{"email": {"grace@example.com"}, "password": {"first password"}}).StatusCode, http.StatusSeeOther)
		is.Equal(admin.json("POST", "/api/v1/users/"+u.ID+"/reset-password", `{"password": "second password"}`).StatusCode, http.StatusNoContent)
		is.Equal(grace.get("/api/v1/me").StatusCode, http.StatusUnauthorized) // her sessions ended
		is.Equal(grace.post("/login", url.Values{"email": {"grace@example.com"}, "password": {"second password"}}).StatusCode, http.StatusSeeOther)

		u = decode[api.UserJSON](t, admin.json("PATCH", "/api/v1/users/"+u.ID, `{"disabled": true}`), http.StatusOK)
		is.True(u.Disabled)
		is.Equal(grace.get("/api/v1/me").StatusCode, http.StatusUnauthorized)
		u = decode[api.UserJSON](t, admin.json("PATCH", "/api/v1/users/"+u.ID, `{"disabled": false}`), http.StatusOK)
		is.True(!u.Disabled)
		is.Equal(admin.json("POST", "/api/v1/users/"+u.ID+"/unlock", ``).StatusCode, http.StatusNoContent)

		list := decode[struct{ Data []api.UserJSON }](t, admin.get("/api/v1/users"), http.StatusOK)
		is.True(len(list.Data) >= 4)
		listed := admin.get("/api/v1/users")
		is.True(!strings.Contains(listed.Body, "argon2")) // no hash, anywhere
	})

	t.Run("the last active admin keeps the role; bad input names its fields", func(t *testing.T) {
		is := is.New(t)
		me := decode[map[string]any](t, admin.get("/api/v1/me"), http.StatusOK)
		id := me["id"].(string)
		p := problemOf(t, admin.json("PATCH", "/api/v1/users/"+id, `{"role": "viewer"}`), http.StatusConflict)
		is.Equal(p.Code, "conflict")
		problemOf(t, admin.json("PATCH", "/api/v1/users/"+id, `{"disabled": true}`), http.StatusConflict)
		p = problemOf(t, admin.json("PATCH", "/api/v1/users/"+id, `{"role": "king"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["role"] != "")
		p = problemOf(t, admin.json("POST", "/api/v1/users", `{"name": "", "email": "not an address", "role": "sales", "password": "short"}`), http.StatusUnprocessableEntity)
		for _, field := range []string{"name", "email", "password"} {
			is.True(p.Errors[field] != "")
		}
		p = problemOf(t, admin.json("POST", "/api/v1/users", `{"name": "Ada again", "email": "ada@example.com", "role": "sales", "password": "long enough"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["email"] != "") // taken
		p = problemOf(t, admin.json("POST", "/api/v1/users/"+id+"/reset-password", `{"password": "short"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["password"] != "")
		problemOf(t, admin.json("PATCH", "/api/v1/users/nope", `{"role": "sales"}`), http.StatusNotFound)
		problemOf(t, admin.get("/api/v1/users/nope"), http.StatusNotFound)
		problemOf(t, admin.json("POST", "/api/v1/users/nope/reset-password", `{"password": "long enough"}`), http.StatusNotFound)
	})

	t.Run("managers, sales and read-only keys may not read or change accounts", func(t *testing.T) {
		me := decode[map[string]any](t, admin.get("/api/v1/me"), http.StatusOK)
		id := me["id"].(string)
		for name, c := range map[string]*browser{"manager": manager, "sales": sales, "read key": reader} {
			for _, req := range [][3]string{
				{"POST", "/api/v1/users", `{"name": "Nope", "email": "nope@example.com", "role": "admin", "password": "long enough"}`},
				{"PATCH", "/api/v1/users/" + id, `{"role": "sales"}`},
				{"POST", "/api/v1/users/" + id + "/reset-password", `{"password": "long enough"}`},
				{"POST", "/api/v1/users/" + id + "/unlock", ``},
			} {
				if res := c.json(req[0], req[1], req[2]); res.StatusCode != http.StatusForbidden {
					t.Errorf("%s: %s %s: %d %s", name, req[0], req[1], res.StatusCode, res.Body)
				}
			}
		}
		for _, c := range []*browser{manager, sales} {
			problemOf(t, c.get("/api/v1/users"), http.StatusForbidden)
			problemOf(t, c.get("/api/v1/users/"+id), http.StatusForbidden)
		}
		decode[struct{ Data []api.UserJSON }](t, reader.get("/api/v1/users"), http.StatusOK) // an admin's read key reads
	})
}
