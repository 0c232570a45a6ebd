package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"
)

func TestSetupFlow(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.browser(t)

	res := b.get("/")
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), "/setup") // a new install lands on setup
	res = b.get("/login")
	is.Equal(res.Header.Get("Location"), "/setup") // so does the login page

	res = b.get("/setup")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(!strings.Contains(res.Body, `name="code"`)) // no code on loopback

	res = b.post("/setup", url.Values{"name": {"Ada"}, "email": {"bad"}, "password": {"short"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, "Not a valid email address.")) // message beside the field
	is.True(strings.Contains(res.Body, `value="Ada"`))                // entered values kept

	b = ts.setupAdmin(t)
	c := b.cookie("rolo_session")
	is.True(c != nil) // logged in right after setup
	res = b.get("/")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, "Ada Admin"))

	other := ts.browser(t)
	res = other.get("/setup")
	is.Equal(res.Header.Get("Location"), "/login") // setup is gone once done
	res = other.post("/setup", url.Values{"name": {"Mallory"}, "email": {"m@example.com"}, "password": {"12345678"}})
	is.Equal(res.Header.Get("Location"), "/login") // and cannot be replayed
	_, err := ts.app.UserByEmail(t.Context(), "m@example.com")
	is.True(err != nil) // no second admin was made
}

func TestSetupCodeOnLAN(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	ts.app.RequireSetupCode("ABCD-EFGH")
	b := ts.browser(t)
	res := b.get("/setup")
	is.True(strings.Contains(res.Body, `name="code"`)) // the form asks for the code
	res = b.post("/setup", url.Values{"code": {"ZZZZ-ZZZZ"}, "name": {"Eve"}, "email": {"eve@example.com"}, "password": {"12345678"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // wrong code refused
	res = b.post("/setup", url.Values{"code": {"ABCD-EFGH"}, "name": {"Ada"}, "email": {"ada@example.com"}, "password": {"12345678"}})
	is.Equal(res.StatusCode, http.StatusSeeOther) // right code accepted
}

func TestLoginLogout(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.setupAdmin(t)

	t.Run("success sets a safe cookie and follows next", func(t *testing.T) {
		is := is.New(t)
		b := ts.browser(t)
		res := b.get("/settings")
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), "/login?next=%2Fsettings") // sent to log in first

		res = b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse"}, "next": {"/settings"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), "/settings") // back where they wanted to go
		var set *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == "rolo_session" {
				set = c
			}
		}
		is.True(set != nil)
		is.True(set.HttpOnly)                        // not readable by scripts
		is.Equal(set.SameSite, http.SameSiteLaxMode) // not sent on cross-site posts
		is.True(!set.Expires.IsZero())               // absolute expiry
		is.Equal(b.get("/settings").StatusCode, http.StatusOK)

		res = b.post("/logout", nil)
		is.Equal(res.Header.Get("Location"), "/login")
		is.Equal(b.get("/settings").StatusCode, http.StatusSeeOther) // logged out
	})

	t.Run("a foreign next is ignored", func(t *testing.T) {
		is := is.New(t)
		b := ts.browser(t)
		res := b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse"}, "next": {"//evil.example/"}})
		is.Equal(res.Header.Get("Location"), "/") // open redirect refused
	})

	t.Run("failures say so and then lock the account", func(t *testing.T) {
		is := is.New(t)
		b := ts.browser(t)
		res := b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"nope"}})
		is.Equal(res.StatusCode, http.StatusUnauthorized)
		is.True(strings.Contains(res.Body, "The email or password is not correct."))
		is.True(strings.Contains(res.Body, `value="ada@example.com"`)) // email kept
		for range 10 {
			res = b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"nope"}})
		}
		is.Equal(res.StatusCode, http.StatusTooManyRequests)
		is.True(res.Header.Get("Retry-After") != "")
		res = b.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse"}})
		is.Equal(res.StatusCode, http.StatusTooManyRequests) // even the right password waits
	})
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	for lang, want := range map[string]string{"ko-KR,ko;q=0.9": "한국어", "ja": "日本語", "zh-CN": "简体中文", "fr": "English"} {
		t.Run(lang, func(t *testing.T) {
			is := is.New(t)
			b := ts.browser(t)
			b.header.Set("Accept-Language", lang)
			res := b.get("/login")
			is.Equal(res.StatusCode, http.StatusOK)
			htmlLang := map[string]string{"한국어": "ko", "日本語": "ja", "简体中文": "zh-Hans", "English": "en"}[want]
			is.True(strings.Contains(res.Body, `<html lang="`+htmlLang+`"`)) // browser language picked
		})
	}

	t.Run("the profile choice wins over the browser", func(t *testing.T) {
		is := is.New(t)
		admin.header.Set("Accept-Language", "en")
		res := admin.post("/profile", url.Values{"name": {"Ada Admin"}, "language": {"ko"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		res = admin.get("/settings")
		is.True(strings.Contains(res.Body, `<html lang="ko"`))
		res = admin.post("/profile", url.Values{"name": {"Ada Admin"}, "language": {"klingon"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	})
}
