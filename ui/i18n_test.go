package ui_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui/i18n"
)

var verb = regexp.MustCompile(`%[sdv]`)

// TestCatalogsAreComplete fails when any language misses a key that
// English has, has one English lacks, or changes the printf verbs.
func TestCatalogsAreComplete(t *testing.T) {
	t.Parallel()
	c, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		t.Fatal(err)
	}
	en := c.Keys("en")
	for _, lang := range app.Languages[1:] {
		t.Run(lang, func(t *testing.T) {
			is := is.New(t)
			other := c.Keys(lang)
			for key, english := range en {
				msg, ok := other[key]
				if !ok {
					t.Errorf("%s: missing key %q", lang, key)
					continue
				}
				if key != "format.datetime" && strings.TrimSpace(msg) == "" {
					t.Errorf("%s: empty %q", lang, key)
				}
				is.Equal(verb.FindAllString(msg, -1), verb.FindAllString(english, -1)) // same printf verbs
			}
			for key := range other {
				if _, ok := en[key]; !ok {
					t.Errorf("%s: key %q is not in en.json", lang, key)
				}
			}
		})
	}
}

// TestTemplatesUseKnownKeys fails when a template asks for a catalog key
// that English does not have.
func TestTemplatesUseKnownKeys(t *testing.T) {
	t.Parallel()
	c, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		t.Fatal(err)
	}
	en := c.Keys("en")
	key := regexp.MustCompile(`\bt "([a-z_.]+)"`)
	err = fs.WalkDir(assets.Templates, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(assets.Templates, path)
		if err != nil {
			return err
		}
		for _, m := range key.FindAllStringSubmatch(string(body), -1) {
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s uses unknown key %q", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range app.Roles {
		if _, ok := en["role."+string(role)]; !ok {
			t.Errorf("role %s has no name in the catalog", role)
		}
	}
}

// TestAppErrorsHaveMessages fails when app returns an error key that the
// catalog cannot show.
func TestAppErrorsHaveMessages(t *testing.T) {
	t.Parallel()
	c, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		t.Fatal(err)
	}
	en := c.Keys("en")
	files, err := filepath.Glob("../app/*.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no app sources found", err)
	}
	key := regexp.MustCompile(`"(error\.[a-z_]+)"`)
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(body), -1) {
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s returns %q, which en.json lacks", file, m[1])
			}
		}
	}
}
