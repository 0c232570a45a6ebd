// Package i18n is the translation catalog: one set of JSON files per
// language in embed/i18n, the reader's language, and dates in their zone.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"

	"rolo/app"
)

// Catalog holds every UI string in every language, loaded from one folder
// per language (en/, ko/, ja/, zh-Hans/) whose JSON files, one per area of
// the product, are merged.
type Catalog struct {
	messages map[string]map[string]string
	matcher  language.Matcher
	tags     []string
}

// LoadCatalog reads the catalogs for app.Languages from fsys; English comes
// first because it is the fallback.
func LoadCatalog(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{messages: map[string]map[string]string{}}
	var tags []language.Tag
	for _, lang := range app.Languages {
		m, err := loadLanguage(fsys, lang)
		if err != nil {
			return nil, err
		}
		c.messages[lang] = m
		c.tags = append(c.tags, lang)
		tags = append(tags, language.MustParse(lang))
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

func loadLanguage(fsys fs.FS, lang string) (map[string]string, error) {
	files, err := fs.Glob(fsys, lang+"/*.json")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("catalog %s: no files (%v)", lang, err)
	}
	merged := map[string]string{}
	for _, file := range files {
		body, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		part := map[string]string{}
		if err := json.Unmarshal(body, &part); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", file, err)
		}
		for k, v := range part {
			if _, dup := merged[k]; dup {
				return nil, fmt.Errorf("catalog %s: key %q is defined twice", file, k)
			}
			merged[k] = v
		}
	}
	return merged, nil
}

// Keys lists the keys of one language's catalog, for completeness tests.
func (c *Catalog) Keys(lang string) map[string]string { return c.messages[lang] }

// T translates key into lang, filling %s/%d verbs from args. A key missing
// everywhere shows itself, so the gap is visible rather than blank.
func (c *Catalog) T(lang, key string, args ...any) string {
	msg, ok := c.messages[lang][key]
	if !ok {
		if msg, ok = c.messages["en"][key]; !ok {
			msg = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Count translates a message about n things: key's "_one" form (key_one,
// which has no number in it) when n is 1, else key with n filled in.
func (c *Catalog) Count(lang, key string, n int) string {
	if n == 1 {
		if _, ok := c.messages["en"][key+"_one"]; ok {
			return c.T(lang, key+"_one")
		}
	}
	return c.T(lang, key, n)
}

// Language picks the UI language: the user's choice, else the browser's
// Accept-Language, else English.
func (c *Catalog) Language(r *http.Request, user *app.User) string {
	if user != nil && user.Language != "" {
		return user.Language
	}
	prefs, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(prefs) == 0 {
		return "en"
	}
	_, index, confidence := c.matcher.Match(prefs...)
	if confidence == language.No {
		return "en"
	}
	return c.tags[index]
}

// FormatTime renders t in the reader's language and the server's zone.
func (c *Catalog) FormatTime(lang string, t time.Time) string {
	return c.FormatTimeIn(lang, t, time.Local)
}

// FormatTimeIn renders t in the reader's language and zone.
func (c *Catalog) FormatTimeIn(lang string, t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format(c.T(lang, "format.datetime"))
}

// LanguageName is how a language names itself in menus.
func LanguageName(lang string) string {
	switch strings.ToLower(lang) {
	case "en":
		return "English"
	case "ko":
		return "한국어"
	case "ja":
		return "日本語"
	case "zh-hans":
		return "简体中文"
	}
	return lang
}

// PipelineName is a pipeline's name in the reader's language: as typed,
// or the translation of a built-in one that nobody renamed.
func (c *Catalog) PipelineName(lang string, p app.Pipeline) string {
	if p.Name != "" || p.NameKey == "" {
		return p.Name
	}
	return c.T(lang, p.NameKey)
}

// StageName is pipelineName for stages.
func (c *Catalog) StageName(lang string, st app.Stage) string {
	if st.Name != "" || st.NameKey == "" {
		return st.Name
	}
	return c.T(lang, st.NameKey)
}

// ActivityTypeName is pipelineName for activity types.
func (c *Catalog) ActivityTypeName(lang string, t app.ActivityType) string {
	if t.Name != "" {
		return t.Name
	}
	return c.T(lang, "activity.type."+t.ID)
}
