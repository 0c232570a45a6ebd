package web

import (
	"testing"

	"github.com/gorilla/mux"

	assets "rolo/embed"
	"rolo/ui/i18n"
)

// Pages are parsed when first shown; this parses every one, so a broken
// template fails the tests rather than a page view.
func TestEveryPageTemplateParses(t *testing.T) {
	t.Parallel()
	catalog, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		t.Fatal(err)
	}
	v, err := newViews(assets.Templates, false, catalog, mux.NewRouter(), nil)
	if err != nil {
		t.Fatal(err)
	}
	names, err := v.pageNames()
	if err != nil || len(names) < 40 {
		t.Fatalf("pages: %v %v", names, err)
	}
	for _, name := range names {
		if _, err := v.parsePage(name); err != nil {
			t.Error(err)
		}
	}
}
