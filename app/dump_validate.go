package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"rolo/store"
)

// dumpCheck collects what is wrong with a well-formed document, by path,
// before anything is written; times are brought to the stored format.
type dumpCheck struct {
	problems []DumpProblem
	users    map[string]bool
	tags     map[string]bool // folded names
	fields   map[string]map[string]DumpCustomField
	stages   map[string]string // stage id → pipeline id
	ids      map[string]map[string]bool
}

const dumpProblemsShown = 50

func (c *dumpCheck) bad(path, format string, args ...any) {
	if len(c.problems) < dumpProblemsShown {
		c.problems = append(c.problems, DumpProblem{path, fmt.Sprintf(format, args...)})
	}
}

func (c *dumpCheck) time(path string, s *string) {
	t, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		c.bad(path, "must be a time in RFC 3339, such as 2026-12-07T10:04:05.000Z, not %q", *s)
		return
	}
	*s = store.FormatTime(t)
}

func (c *dumpCheck) maybeTime(path string, s *string) {
	if s != nil {
		c.time(path, s)
	}
}

func (c *dumpCheck) stamps(path string, created, updated *string) {
	c.time(path+".created_at", created)
	c.time(path+".updated_at", updated)
}

func (c *dumpCheck) date(path string, s *string) {
	if s == nil {
		return
	}
	if _, err := time.Parse(time.DateOnly, *s); err != nil {
		c.bad(path, "must be a date as YYYY-MM-DD, not %q", *s)
	}
}

func (c *dumpCheck) oneOf(path, v string, allowed []string) {
	if !contains(allowed, v) {
		c.bad(path, "must be one of %s, not %q", strings.Join(allowed, ", "), v)
	}
}

// id checks that a record's id is given and unique among its kind.
func (c *dumpCheck) id(kind, path, id string) {
	if c.ids[kind] == nil {
		c.ids[kind] = map[string]bool{}
	}
	switch {
	case strings.TrimSpace(id) == "":
		c.bad(path+".id", "is empty")
	case c.ids[kind][id]:
		c.bad(path+".id", "%q is the id of an earlier one too", id)
	}
	c.ids[kind][id] = true
}

func (c *dumpCheck) user(path string, r *DumpRef) {
	if r != nil && !c.users[r.ID] {
		c.bad(path+".id", "no user %q in the document's users", r.ID)
	}
}

func (c *dumpCheck) userID(path string, id *string) {
	if id != nil && !c.users[*id] {
		c.bad(path, "no user %q in the document's users", *id)
	}
}

func (c *dumpCheck) record(kind, path string, r *DumpRef) {
	if r != nil && !c.ids[kind][r.ID] {
		one := map[string]string{"companies": "company", "contacts": "contact", "pipelines": "pipeline"}[kind]
		c.bad(path+".id", "no %s %q in the document", one, r.ID)
	}
}

func (c *dumpCheck) tagNames(path string, names []string) {
	for i, n := range names {
		if !c.tags[foldKey(n)] {
			c.bad(fmt.Sprintf("%s[%d]", path, i), "no tag %q in the document's tags", n)
		}
	}
}

// custom checks each value against its field's type.
func (c *dumpCheck) custom(entity, path string, values DumpCustom) {
	for key, raw := range values {
		at := path + "." + key
		f, ok := c.fields[entity][key]
		if !ok {
			c.bad(at, "no %s custom field with this key in the document's custom_fields", entity)
			continue
		}
		if string(raw) == "null" {
			continue
		}
		var err error
		switch f.Type {
		case "number":
			var n float64
			err = json.Unmarshal(raw, &n)
		case "money":
			var m DumpMoney
			if err = json.Unmarshal(raw, &m); err == nil && len(m.Currency) != 3 {
				c.bad(at+".currency", "must be a three-letter currency code, not %q", m.Currency)
			}
		case "bool":
			var b bool
			err = json.Unmarshal(raw, &b)
		case "select":
			var s string
			if err = json.Unmarshal(raw, &s); err == nil && optionIDOf(f, s) == "" {
				c.bad(at, "%q is not an option of the field", s)
			}
		case "multi_select":
			var list []string
			err = json.Unmarshal(raw, &list)
			for i, s := range list {
				if optionIDOf(f, s) == "" {
					c.bad(fmt.Sprintf("%s[%d]", at, i), "%q is not an option of the field", s)
				}
			}
		default:
			var s string
			if err = json.Unmarshal(raw, &s); err == nil && f.Type == "date" {
				c.date(at, &s)
			}
		}
		if err != nil {
			c.bad(at, "does not fit a %s field: %s", f.Type, string(raw))
		}
	}
}

func optionIDOf(f DumpCustomField, label string) string {
	for _, o := range f.Options {
		if o.Label == label {
			return o.ID
		}
	}
	return ""
}

// validateDump checks d as a whole; references must point inside it.
func validateDump(d *Dump) error {
	c := &dumpCheck{users: map[string]bool{}, tags: map[string]bool{}, fields: map[string]map[string]DumpCustomField{},
		stages: map[string]string{}, ids: map[string]map[string]bool{}}
	if d.Format != DumpFormat {
		c.bad("format", "must be %q (a document written by rolo export all), not %q", DumpFormat, d.Format)
	}
	if d.Version != DumpVersion {
		c.bad("version", "this Rolo reads version %d, not %d", DumpVersion, d.Version)
	}
	c.checkSettings(d)
	c.checkRecords(d)
	c.checkWork(d)
	if len(c.problems) > 0 {
		return &DumpError{c.problems}
	}
	return nil
}
