package ui_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui"
	"rolo/ui/i18n"
)

// testServer is the real handler on a real temp database behind httptest.
type testServer struct {
	*httptest.Server
	app     *app.App
	catalog *i18n.Catalog
}

func newTestServer(tb testing.TB) *testServer {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "rolo.db")
	a, err := app.Open(context.Background(), path, app.Config{Sleep: func(context.Context, time.Duration) {}})
	if err != nil {
		tb.Fatal(err)
	}
	h, err := ui.NewServer(a, ui.Config{DBPath: path, Addr: "127.0.0.1:0", Version: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(validateAPI(tb, h)) // every /api/v1 exchange is checked against the OpenAPI document (openapi_validate_test.go)
	tb.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	catalog, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		tb.Fatal(err)
	}
	return &testServer{Server: srv, app: a, catalog: catalog}
}

// browser is an HTTP client with its own cookie jar that does not follow
// redirects, so tests can assert on them.
type browser struct {
	tb     testing.TB
	srv    *testServer
	client *http.Client
	header http.Header // sent with every request
}

func (ts *testServer) browser(tb testing.TB) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{tb: tb, srv: ts, header: http.Header{}, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type response struct {
	*http.Response
	Body string
}

func (b *browser) do(method, path string, form url.Values) response {
	b.tb.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.srv.URL+path, body)
	if err != nil {
		b.tb.Fatal(err)
	}
	for k, v := range b.header {
		req.Header[k] = v
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return response{Response: res, Body: string(data)}
}

func (b *browser) get(path string) response { return b.do(http.MethodGet, path, nil) }

func (b *browser) post(path string, form url.Values) response {
	if form == nil {
		form = url.Values{}
	}
	return b.do(http.MethodPost, path, form)
}

// postFiles posts sample files from testdata/dir as the field of a
// multipart form, with the other fields, as a browser sends chosen or
// dropped files.
func (b *browser) postFiles(path, field, dir string, files []string, fields map[string]string) response {
	b.tb.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	for _, name := range files {
		part, err := w.CreateFormFile(field, name)
		if err != nil {
			b.tb.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join("..", "testdata", dir, name))
		if err != nil {
			b.tb.Fatal(err)
		}
		_, _ = part.Write(data)
	}
	w.Close()
	return b.send(http.MethodPost, path, w.FormDataContentType(), body.String())
}

// setupAdmin runs first-run setup and returns the logged-in admin's browser.
func (ts *testServer) setupAdmin(tb testing.TB) *browser {
	tb.Helper()
	b := ts.browser(tb)
	res := b.post("/setup", url.Values{"name": {"Ada Admin"}, "email": {"ada@example.com"}, "password": {"correct horse"}})
	if res.StatusCode != http.StatusSeeOther {
		tb.Fatalf("setup: %d %s", res.StatusCode, res.Body)
	}
	return b
}

// loginAs creates a user with role (through the app, as the CLI would)
// and returns a browser logged in as them.
func (ts *testServer) loginAs(tb testing.TB, role app.Role) *browser {
	tb.Helper()
	email := string(role) + "-" + time.Now().Format("150405.000000") + "@example.com"
	if _, err := ts.app.CreateUser(context.Background(), nil, app.NewUser{Name: "User " + string(role), Email: email, Role: role, Password: "password " + string(role)}); err != nil {
		tb.Fatal(err)
	}
	b := ts.browser(tb)
	res := b.post("/login", url.Values{"email": {email}, "password": {"password " + string(role)}})
	if res.StatusCode != http.StatusSeeOther {
		tb.Fatalf("login as %s: %d", role, res.StatusCode)
	}
	return b
}

func (b *browser) cookie(name string) *http.Cookie {
	u, _ := url.Parse(b.srv.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}
