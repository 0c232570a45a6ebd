package app

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	assets "rolo/embed"
	"rolo/store"
)

// The cells of Rolo's own CSV that need more than the value as text: a
// list whose items may hold the separator (tags, options of a
// multi-select), the built-in pipeline's translated names, record times.

// tagSeparators are the characters an import splits a tag cell at;
// ":::" (Google's groups) splits too.
const tagSeparators = ",;，、"

// joinTagList writes names as one tag cell, ", " between them. A
// separator inside a name gets a backslash ("Acme\, Inc."), and so do a
// backslash, the colons of a ":::" and a leading "*" (Google's system
// groups start "* "), so that splitImportTags reads the same names back.
func joinTagList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		var b strings.Builder
		colons := strings.Contains(n, ":::")
		for j, r := range n {
			if strings.ContainsRune(tagSeparators+`\`, r) || (r == ':' && colons) || (r == '*' && j == 0) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		out[i] = b.String()
	}
	return strings.Join(out, ", ")
}

// splitImportTags reads the tag cells of every vendor: commas,
// semicolons, Google's " ::: " groups; Google's system groups ("*
// myContacts", "* starred") are dropped. A backslash before a separator,
// a colon, a "*" or a backslash keeps that character in the tag (Rolo's
// export, joinTagList); any other backslash is itself.
func splitImportTags(s string) []string {
	var out []string
	var raw, tag strings.Builder // as written (to spot "* "), and as read
	flush := func() {
		t := strings.TrimSpace(tag.String())
		if t != "" && !strings.HasPrefix(strings.TrimSpace(raw.String()), "* ") {
			out = append(out, t)
		}
		raw.Reset()
		tag.Reset()
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && strings.ContainsRune(tagSeparators+`\:*`, rs[i+1]):
			i++
			raw.WriteRune(r)
			raw.WriteRune(rs[i])
			tag.WriteRune(rs[i])
		case strings.ContainsRune(tagSeparators, r):
			flush()
		case r == ':' && i+2 < len(rs) && rs[i+1] == ':' && rs[i+2] == ':':
			flush()
			i += 2
		default:
			raw.WriteRune(r)
			tag.WriteRune(r)
		}
	}
	flush()
	return out
}

// tagList is the names of tags.
func tagList(tags []Tag) []string {
	names := make([]string, len(tags))
	for i, t := range tags {
		names[i] = t.Name
	}
	return names
}

// languageKey carries the language an export writes built-in names in.
type languageKey struct{}

// WithLanguage makes exports under ctx name the built-in pipeline and its
// stages in lang (the page's language), over the actor's own setting.
func WithLanguage(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, languageKey{}, lang)
}

// exportLanguage is the language of ctx, else the actor's, else English.
func exportLanguage(ctx context.Context, actor Actor) string {
	if lang, ok := ctx.Value(languageKey{}).(string); ok && validLanguage(lang) && lang != "" {
		return lang
	}
	if actor != nil && actor.Language != "" && validLanguage(actor.Language) {
		return actor.Language
	}
	return "en"
}

// builtinNames are the catalog's names of the built-in pipeline and its
// stages ("pipeline.default.*"), by language then key, read once.
var builtinNames = sync.OnceValue(func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		out[lang] = map[string]string{}
		files, _ := fs.Glob(assets.I18n, lang+"/*.json")
		for _, file := range files {
			body, err := fs.ReadFile(assets.I18n, file)
			if err != nil {
				continue
			}
			var m map[string]string
			if json.Unmarshal(body, &m) != nil {
				continue
			}
			for k, v := range m {
				if strings.HasPrefix(k, "pipeline.default.") {
					out[lang][k] = v
				}
			}
		}
	}
	return out
})

// shownName is a pipeline's or stage's name as people see it in lang: as
// typed, or the built-in name's translation.
func shownName(lang, name, key string) string {
	if name != "" {
		return name
	}
	for _, l := range []string{lang, "en"} {
		if v := builtinNames()[l][key]; v != "" {
			return v
		}
	}
	return nameOrKey(name, key)
}

// namedAs tells whether a pipeline's or stage's name is want: as typed,
// or for a built-in one its name in any language, its catalog key, or
// the key's tail that earlier exports wrote ("default.name").
func namedAs(name, key, want string) bool {
	want = foldKey(want)
	if name != "" {
		return foldKey(name) == want
	}
	if key == "" {
		return false
	}
	if foldKey(key) == want || foldKey(nameOrKey("", key)) == want {
		return true
	}
	for _, lang := range Languages {
		if v := builtinNames()[lang][key]; v != "" && foldKey(v) == want {
			return true
		}
	}
	return false
}

// keptID is the id a row of Rolo's own export gives its record, when it
// is one Rolo could have made; other programs' ids ("12345") are not
// taken over.
func keptID(id string) string {
	if len(id) != 36 {
		return "" // not a UUID as Rolo writes one; checked first, as most files have no id at all
	}
	if u, err := uuid.Parse(id); err == nil && u.String() == strings.ToLower(id) {
		return u.String()
	}
	return ""
}

// rowTimes reads a row's created_at and updated_at (Rolo's export writes
// them), which a record the row creates keeps; a time that does not read
// is left out, and an updated_at without created_at is not kept.
func rowTimes(by map[string][]string) store.Stamp {
	read := func(field string) time.Time {
		s := first(by, field)
		if s == "" {
			return time.Time{} // most files: no times, and no parse error to make
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}
		}
		return t.UTC()
	}
	s := store.Stamp{CreatedAt: read("created_at"), UpdatedAt: read("updated_at")}
	if s.CreatedAt.IsZero() {
		s.UpdatedAt = time.Time{}
	}
	return s
}
