package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestCrossOriginWritesRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	for name, header := range map[string][2]string{
		"fetch metadata says cross-site": {"Sec-Fetch-Site", "cross-site"},
		"origin is another site":         {"Origin", "http://evil.example"},
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			admin.header.Set(header[0], header[1])
			defer admin.header.Del(header[0])
			res := admin.post("/settings/users", url.Values{"name": {"Eve"}, "email": {"eve@example.com"}, "role": {"admin"}, "password": {"12345678"}})
			is.Equal(res.StatusCode, http.StatusForbidden)
			_, err := ts.app.UserByEmail(t.Context(), "eve@example.com")
			is.True(err != nil) // nothing was written
		})
	}
	t.Run("same-origin posts work", func(t *testing.T) {
		is := is.New(t)
		admin.header.Set("Origin", ts.URL)
		admin.header.Set("Sec-Fetch-Site", "same-origin")
		defer admin.header.Del("Origin")
		defer admin.header.Del("Sec-Fetch-Site")
		res := admin.post("/settings/users", url.Values{"name": {"Bo"}, "email": {"bo@example.com"}, "role": {"sales"}, "password": {"12345678"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
	})
}

func TestSecurityHeadersAndHostCheck(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	b := ts.browser(t)
	for _, path := range []string{"/setup", "/no-such-page", "/api/v1/me"} {
		t.Run(path, func(t *testing.T) {
			is := is.New(t)
			res := b.get(path)
			csp := res.Header.Get("Content-Security-Policy")
			is.True(strings.Contains(csp, "script-src 'self'"))
			is.True(strings.Contains(csp, "frame-ancestors 'none'"))
			is.Equal(res.Header.Get("X-Content-Type-Options"), "nosniff")
			is.Equal(res.Header.Get("Referrer-Policy"), "same-origin")
		})
	}
	t.Run("a rebinding host name is refused", func(t *testing.T) {
		is := is.New(t)
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/setup", nil)
		req.Host = "attacker.example:8080"
		res, err := http.DefaultClient.Do(req)
		is.NoErr(err)
		res.Body.Close()
		is.Equal(res.StatusCode, http.StatusMisdirectedRequest)
	})
}

func TestAPIAuth(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	anon := ts.browser(t)
	res := anon.get("/api/v1/me")
	is.Equal(res.StatusCode, http.StatusUnauthorized)
	is.Equal(res.Header.Get("Content-Type"), "application/problem+json")
	var p struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
	}
	is.NoErr(json.Unmarshal([]byte(res.Body), &p))
	is.Equal(p.Code, "unauthorized")

	res = admin.get("/api/v1/me")
	is.Equal(res.StatusCode, http.StatusOK)
	var me struct{ Email, Role string }
	is.NoErr(json.Unmarshal([]byte(res.Body), &me))
	is.Equal(me.Email, "ada@example.com")
	is.Equal(me.Role, "admin")

	res = admin.get("/api/v1/nothing-here")
	is.Equal(res.StatusCode, http.StatusNotFound)
	is.Equal(res.Header.Get("Content-Type"), "application/problem+json")
}

// TestEveryRouteAsEveryRole walks each page as an anonymous visitor and as
// each role; admin pages and actions must refuse everyone but admins.
func TestEveryRouteAsEveryRole(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.setupAdmin(t)
	target, err := ts.app.CreateUser(t.Context(), nil, app.NewUser{Name: "Target", Email: "target@example.com", Role: app.RoleSales, Password: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	type route struct {
		method, path string
		form         url.Values
		adminOnly    bool
	}
	routes := []route{
		{"GET", "/", nil, false},
		{"GET", "/settings", nil, false},
		{"GET", "/profile", nil, false},
		{"GET", "/api/v1/me", nil, false},
		{"GET", "/settings/users", nil, true},
		{"POST", "/settings/users", url.Values{"name": {"N"}, "email": {"n@example.com"}, "role": {"admin"}, "password": {"12345678"}}, true},
		{"POST", "/settings/users/" + target.ID + "/role", url.Values{"role": {"admin"}}, true},
		{"POST", "/settings/users/" + target.ID + "/password", url.Values{"password": {"taken over"}}, true},
		{"POST", "/settings/users/" + target.ID + "/disable", url.Values{}, true},
	}
	for _, role := range append([]app.Role{""}, app.Roles[1:]...) {
		name := string(role)
		if name == "" {
			name = "anonymous"
		}
		t.Run(name, func(t *testing.T) {
			var b *browser
			if role == "" {
				b = ts.browser(t)
			} else {
				b = ts.loginAs(t, role)
			}
			for _, rt := range routes {
				is := is.New(t)
				res := b.do(rt.method, rt.path, rt.form)
				switch {
				case role == "" && strings.HasPrefix(rt.path, "/api/"):
					is.Equal(res.StatusCode, http.StatusUnauthorized) // API wants a login
				case role == "":
					is.Equal(res.StatusCode, http.StatusSeeOther) // sent to login
					is.True(strings.HasPrefix(res.Header.Get("Location"), "/login"))
				case rt.adminOnly:
					is.Equal(res.StatusCode, http.StatusForbidden) // not for this role
				default:
					is.Equal(res.StatusCode, http.StatusOK)
				}
			}
			u, err := ts.app.UserByEmail(t.Context(), "target@example.com")
			is.New(t).NoErr(err)
			is.New(t).Equal(u.Role, app.RoleSales) // the target was not changed
			is.New(t).True(!u.Disabled)
		})
	}
}

func TestValuesAreEscaped(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	hostile := `<script>alert("x")</script><img src=x onerror=alert(1)>`
	res := admin.post("/settings/users", url.Values{"name": {hostile}, "email": {"h@example.com"}, "role": {"viewer"}, "password": {"12345678"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = admin.get("/settings/users")
	is.True(!strings.Contains(res.Body, hostile))                           // never raw
	is.True(strings.Contains(res.Body, "&lt;script&gt;alert(&#34;x&#34;)")) // shown as text
}

func TestStaticFilesAreCachedByHash(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.browser(t)
	page := b.get("/setup").Body
	start := strings.Index(page, `href="/static/`)
	is.True(start > 0)
	href := page[start+6:]
	href = href[:strings.Index(href, `"`)]
	res := b.get(href)
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Header.Get("Cache-Control"), "immutable"))
	is.True(strings.HasPrefix(res.Header.Get("Content-Type"), "text/css"))
	is.Equal(b.get("/static/abc/nope.css").StatusCode, http.StatusNotFound)
	is.True(b.get("/static/abc/..%2f..%2fmain.go").StatusCode != http.StatusOK) // no way out of static/
}
