package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// views renders html/template pages in the reader's language.
type views struct {
	fsys    fs.FS
	dev     bool // re-parse on every render so template edits show at once
	catalog *i18n.Catalog
	router  *mux.Router
	assets  *staticFiles

	// Each page is one template set over the layout and every partial,
	// parsed when first shown: the sets of all pages together hold tens of
	// megabytes, more than an idle server may (DESIGN.md: 40 MB resident).
	mu    sync.Mutex
	pages map[string]*template.Template
	// ready holds sets bound to a language and time zone, escaped by
	// their first execution, so a page view neither copies a set nor
	// escapes it again; bounded, as each holds its own copy.
	ready      map[readyKey]*template.Template
	readyOrder []readyKey
	// staticURLs are the paths of routes without variables, by name (url).
	staticURLs sync.Map
	// routeTemplates are the cut path templates of routes with variables,
	// by name (route_url.go).
	routeTemplates sync.Map
	// idRoutes are the paths of routes with one {id}, split around it, by
	// name (routeAroundID).
	idRoutes sync.Map
	// palettes are the command palette's markup by language and whether
	// the reader may create records (paletteHTML).
	palettes sync.Map
}

// readyKey names a page set bound to one reader's language and zone.
type readyKey struct{ page, lang, zone string }

// maxReady bounds the bound sets kept: a few pages in a few languages and
// zones cover an office's day.
const maxReady = 24

func newViews(fsys fs.FS, dev bool, catalog *i18n.Catalog, router *mux.Router, assets *staticFiles) (*views, error) {
	v := &views{fsys: fsys, dev: dev, catalog: catalog, router: router, assets: assets,
		pages: map[string]*template.Template{}, ready: map[readyKey]*template.Template{}}
	if _, err := fs.Stat(fsys, "layout.html"); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	return v, nil
}

// parsePage parses one page's set; its file must exist.
func (v *views) parsePage(name string) (*template.Template, error) {
	t := template.New(name).Funcs(v.funcs("en", time.UTC))
	t, err := t.ParseFS(v.fsys, "layout.html", "partials/*.html", "pages/"+name+".html")
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return t, nil
}

// pageNames lists the page templates, for the test that parses them all.
func (v *views) pageNames() ([]string, error) {
	files, err := fs.Glob(v.fsys, "pages/*.html")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(path.Base(f), ".html")
	}
	return names, err
}

// bound returns page's set bound to lang and loc. Sets are kept and
// shared: html/template escapes a set once, under its own lock, and then
// executes it from many goroutines at once.
func (v *views) bound(page, lang string, loc *time.Location) (*template.Template, error) {
	key := readyKey{page, lang, loc.String()}
	v.mu.Lock()
	defer v.mu.Unlock()
	if t := v.ready[key]; t != nil && !v.dev {
		return t, nil
	}
	base := v.pages[page]
	if base == nil || v.dev {
		if _, err := fs.Stat(v.fsys, "pages/"+page+".html"); err != nil {
			panic("no template embed/templates/pages/" + page + ".html") // a programming mistake, caught by any test of the page
		}
		var err error
		if base, err = v.parsePage(page); err != nil {
			return nil, err
		}
		v.pages[page] = base
	}
	t, err := base.Clone()
	if err != nil {
		return nil, err
	}
	t = t.Funcs(v.funcs(lang, loc))
	if len(v.readyOrder) == maxReady {
		delete(v.ready, v.readyOrder[0])
		v.readyOrder = v.readyOrder[1:]
	}
	v.ready[key] = t
	v.readyOrder = append(v.readyOrder, key)
	return t, nil
}

// funcs are the template functions; t and date are bound to lang, and
// date shows times in the reader's zone.
func (v *views) funcs(lang string, loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"t":    func(key string, args ...any) string { return v.catalog.T(lang, key, args...) },
		"tn":   func(key string, n int) string { return v.catalog.Count(lang, key, n) },
		"date": func(t any) string { return formatAny(v.catalog, lang, loc, t) },
		"url":  v.url,
		// contactRows writes the contact list's rows (contact_rows.go).
		"contactRows": func(p contactsPage) (template.HTML, error) { return v.contactRows(lang, loc, p) },
		// The contact list's filter and bulk forms (contact_list_forms.go).
		"contactFilters": func(p contactsPage) (template.HTML, error) { return v.contactFiltersHTML(lang, p) },
		"contactBulk":    func(p contactsPage) (template.HTML, error) { return v.contactBulkHTML(lang, p) },
		// The filter builder's menus (filter_builder_options.go).
		"builderFieldOptions": func(fields []builderField) template.HTML { return v.builderFieldOptions(lang, fields) },
		"builderOpOptions":    func(ops []string) template.HTML { return v.builderOpOptions(lang, ops) },
		// The layout's top bar, reminders banner and command palette
		// (layout_chrome.go); topbar takes the page's data.
		"topbar":      func(data any) (template.HTML, error) { return v.topbarHTML(lang, data) },
		"dueBanner":   func(u *app.User) (template.HTML, error) { return v.dueBannerHTML(lang, u) },
		"palette":     func(u *app.User) (template.HTML, error) { return v.paletteHTML(lang, u) },
		"headLinks":   v.headLinks,
		"headScripts": v.headScripts,
		// A record page's custom fields (custom_values_html.go).
		"customValues": func(groups []app.FieldGroup) template.HTML { return v.customValuesHTML(lang, groups) },
		// A contact's head, facts and side cards (contact_head.go,
		// contact_facts.go, contact_side_cards.go).
		"contactFacts":     func(p contactPage) (template.HTML, error) { return v.contactFactsHTML(lang, p) },
		"contactSideCards": func(p contactPage) (template.HTML, error) { return v.contactSideCardsHTML(lang, p) },
		"contactHead":      func(p contactPage) (template.HTML, error) { return v.contactHeadHTML(lang, loc, p) },
		// The deals, tasks and stamps cards of record pages (record_cards.go).
		"recordDeals": func(deals []recordDealView, canWrite bool, newDeal string) (template.HTML, error) {
			return v.recordDealsHTML(lang, deals, canWrite, newDeal)
		},
		"recordTasksCard": func(tasks []taskRow, tl recordTimeline) (template.HTML, error) {
			return v.recordTasksCardHTML(lang, tasks, tl)
		},
		"recordStamps": func(stamp app.Stamp, team recordTeam) template.HTML {
			return v.recordStampsHTML(lang, loc, stamp, team)
		},
		// A contact's privacy card (privacy_card.go).
		"privacyCard": func(p *privacyView) (template.HTML, error) { return v.privacyCardHTML(lang, loc, p) },
		// The quick log form above a record's timeline (activity_log_form.go).
		"activityLogForm": func(tl recordTimeline) (template.HTML, error) { return v.activityLogFormHTML(lang, tl) },
		// taskRows writes the rows of a task list (task_rows.go).
		"taskRows": func(rows []taskRow) (template.HTML, error) { return v.taskRowsHTML(lang, rows) },
		"asset": func(name string) string {
			return v.assets.URL(name)
		},
		"languageName": i18n.LanguageName,
		"typeIcon":     typeIcon,
		// familyNameFirst orders name inputs as the reader's language
		// writes names: family name first in Korean, Japanese and Chinese.
		"familyNameFirst": func() bool { return familyFirstLanguage(lang) },
		// chosen tells whether a multi select's submitted value (options
		// joined with ";") includes option, to show a refused form as sent.
		"chosen": func(option, value string) bool { return slices.Contains(strings.Split(value, ";"), option) },
		"bytes":  formatBytes,
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
// Paths without variables are kept: a page asks for twenty or so (the top
// bar's alone), and building one walks the route's regexps.
func (v *views) url(name string, pairs ...string) (string, error) {
	if len(pairs) == 0 {
		if u, ok := v.staticURLs.Load(name); ok {
			return u.(string), nil
		}
	}
	if t, ok := v.routeTemplates.Load(name); ok {
		if p, ok := t.(routeTemplate).build(pairs); ok {
			return p, nil
		}
	}
	route := v.router.Get(name)
	if route == nil {
		return "", fmt.Errorf("no route named %q", name)
	}
	if len(pairs) > 0 {
		if tpl, err := route.GetPathTemplate(); err == nil {
			if t, ok := parseRouteTemplate(tpl); ok {
				v.routeTemplates.Store(name, t)
			}
		}
	}
	u, err := route.URLPath(pairs...)
	if err != nil {
		return "", err
	}
	if len(pairs) == 0 {
		v.staticURLs.Store(name, u.String())
	}
	return u.String(), nil
}

// render writes page with data and status. It renders into a buffer
// first, so a template error never sends half a page.
func (v *views) render(w http.ResponseWriter, r *http.Request, status int, page string, lang string, data any) {
	loc := app.Location(request.CurrentUser(r))
	t, err := v.bound(page, lang, loc)
	if err == nil {
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer putPageBuffer(buf)
		if err = t.ExecuteTemplate(buf, "layout", data); err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_, _ = buf.WriteTo(w)
			return
		}
	}
	slog.Error("render", "page", page, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// pageBuffers keep the buffers pages are rendered into: a page is tens of
// kilobytes, and growing a new buffer to that size for every view was a
// dozen allocations and copies of it (issue 18).
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns buf to the pool, unless an unusually large page
// grew it: kept, it would hold that memory for every later page.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		buf.Reset()
		pageBuffers.Put(buf)
	}
}

// errorPage is the data of the error page.
type errorPage struct {
	Base
	Status  int
	Message string
	// Fields are the catalog keys of what each named field got wrong, for
	// a page that has no form to show them beside (a search too long).
	Fields []string
}

// renderError shows an error page for err in the reader's language.
func (v *views) renderError(w http.ResponseWriter, r *http.Request, base Base, err error) {
	if request.ClientGone(r, err) {
		request.AnswerClientGone(w, r, err)
		return
	}
	e := app.AsError(err)
	status := request.StatusOf(e.Code)
	if status == http.StatusInternalServerError {
		slog.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if e.RetryAfter > 0 { // a limit: say when to come back
		w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
	}
	base.Title = "error.title"
	page := errorPage{Base: base, Status: status, Message: e.Message}
	for _, field := range slices.Sorted(maps.Keys(e.Fields)) {
		page.Fields = append(page.Fields, e.Fields[field])
	}
	v.render(w, r, status, "error", base.Lang, page)
}
