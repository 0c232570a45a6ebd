package web

import (
	"bytes"
	"html/template"
	"testing"
	"time"

	"github.com/gorilla/mux"

	assets "rolo/embed"
	"rolo/ui/i18n"
)

// Parts of pages written in Go (task_rows.go, layout_chrome.go, …) must
// write what their templates wrote. These tests keep each template as it
// was and compare the two byte for byte, on values that need escaping.

// nasty needs escaping in text, attributes and URLs alike.
const nasty = `<script>alert("x&y")</script> 'quoted' + 100% ?a=b&c=d #frag`

// testViews are the real templates, catalog and routes, without an app.
func testViews(t *testing.T) *views {
	t.Helper()
	catalog, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		t.Fatal(err)
	}
	files, err := loadAssets(assets.Static, false)
	if err != nil {
		t.Fatal(err)
	}
	r := mux.NewRouter()
	v, err := newViews(assets.Templates, false, catalog, r, files)
	if err != nil {
		t.Fatal(err)
	}
	addRoutes(r, &site{views: v, catalog: catalog}, files)
	// The JSON API's routes are ui/api's; the layout names one.
	r.Handle("/api/v1/reminders/due", nil).Name("api.reminders.due")
	return v
}

// oldTemplate parses the partials and layout with old, the template text
// a Go function replaced, in lang and loc.
func oldTemplate(t *testing.T, v *views, lang string, loc *time.Location, old string) *template.Template {
	t.Helper()
	set, err := template.New("old").Funcs(v.funcs(lang, loc)).ParseFS(v.fsys, "partials/*.html")
	if err != nil {
		t.Fatal(err)
	}
	if set, err = set.Parse(old); err != nil {
		t.Fatal(err)
	}
	return set
}

// sameAsTemplate executes name of set with data and fails unless it
// writes got.
func sameAsTemplate(t *testing.T, set *template.Template, name string, data any, got template.HTML) {
	t.Helper()
	var want bytes.Buffer
	if err := set.ExecuteTemplate(&want, name, data); err != nil {
		t.Fatal(err)
	}
	if want.String() != string(got) {
		t.Errorf("%s differs from its template:\ntemplate: %q\ngo:       %q", name, want.String(), got)
	}
}
