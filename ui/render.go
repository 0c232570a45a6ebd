package ui

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
)

// views renders html/template pages in the reader's language.
type views struct {
	fsys    fs.FS
	dev     bool // re-parse on every render so template edits show at once
	catalog *Catalog
	router  *mux.Router
	assets  *staticFiles

	pages map[string]*template.Template // one set per file in pages/, over the layout and partials
}

func newViews(fsys fs.FS, dev bool, catalog *Catalog, router *mux.Router, assets *staticFiles) (*views, error) {
	v := &views{fsys: fsys, dev: dev, catalog: catalog, router: router, assets: assets}
	pages, err := v.parse()
	if err != nil {
		return nil, err
	}
	v.pages = pages
	return v, nil
}

func (v *views) parse() (map[string]*template.Template, error) {
	files, err := fs.Glob(v.fsys, "pages/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".html")
		t := template.New(name).Funcs(v.funcs("en", time.UTC))
		t, err := t.ParseFS(v.fsys, "layout.html", "partials/*.html", "pages/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// funcs are the template functions; t and date are bound to lang, and
// date shows times in the reader's zone.
func (v *views) funcs(lang string, loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"t":    func(key string, args ...any) string { return v.catalog.T(lang, key, args...) },
		"date": func(t any) string { return formatAny(v.catalog, lang, loc, t) },
		"url":  v.url,
		"asset": func(name string) string {
			return v.assets.URL(name)
		},
		"languageName": LanguageName,
		"bytes":        formatBytes,
		// canWrite hides create and edit links from roles that only read;
		// the app refuses their writes anyway.
		"canWrite": app.CanWriteRecords,
		// canDo asks the permission matrix for an area and level by name
		// ("automation" "manage"), to show links only to those who may follow them.
		"canDo": func(u *app.User, area, level string) bool {
			l, ok := app.ParseLevel(level)
			return ok && app.CanDo(u, app.Area(area), l)
		},
	}
}

// url builds the path of a named route, so renaming a path breaks no link.
func (v *views) url(name string, pairs ...string) (string, error) {
	route := v.router.Get(name)
	if route == nil {
		return "", fmt.Errorf("no route named %q", name)
	}
	u, err := route.URLPath(pairs...)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// render writes page with data and status. It renders into a buffer
// first, so a template error never sends half a page.
func (v *views) render(w http.ResponseWriter, r *http.Request, status int, page string, lang string, data any) {
	pages := v.pages
	if v.dev {
		var err error
		if pages, err = v.parse(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	base, ok := pages[page]
	if !ok {
		panic("no template embed/templates/pages/" + page + ".html") // a programming mistake, caught by any test of the page
	}
	t, err := base.Clone()
	if err == nil {
		var buf bytes.Buffer
		if err = t.Funcs(v.funcs(lang, app.Location(currentUser(r)))).ExecuteTemplate(&buf, "layout", data); err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_, _ = buf.WriteTo(w)
			return
		}
	}
	slog.Error("render", "page", page, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// errorPage is the data of the error page.
type errorPage struct {
	Base
	Status  int
	Message string
}

// statusOf maps an app error code to an HTTP status, in one place.
func statusOf(code app.Code) int {
	switch code {
	case app.ENotFound:
		return http.StatusNotFound
	case app.EInvalid:
		return http.StatusUnprocessableEntity
	case app.EConflict:
		return http.StatusConflict
	case app.EUnauthorized:
		return http.StatusUnauthorized
	case app.EForbidden:
		return http.StatusForbidden
	case app.ETooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// renderError shows an error page for err in the reader's language.
func (v *views) renderError(w http.ResponseWriter, r *http.Request, base Base, err error) {
	e := app.AsError(err)
	status := statusOf(e.Code)
	if status == http.StatusInternalServerError {
		slog.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	base.Title = "error.title"
	v.render(w, r, status, "error", base.Lang, errorPage{Base: base, Status: status, Message: e.Message})
}
