package web

import (
	"net/http"
	"net/url"
	"sort"

	"rolo/app"
)

// recordFilter is a record list's query string: what the filter form
// shows and what paging links carry. Tag is a name, as people type it.
type recordFilter struct {
	Sort    string
	Tag     string
	Status  string
	Owner   string
	Company string
	Cursor  string
	Q       string // the filter syntax, with the filter builder's rows added
	Segment string // a saved segment's id
}

func readRecordFilter(v url.Values) recordFilter {
	return recordFilter{Sort: v.Get("sort"), Tag: v.Get("tag"), Status: v.Get("status"), Owner: v.Get("owner"), Company: v.Get("company"), Cursor: v.Get("cursor"),
		Q: withBuilderRows(v), Segment: v.Get("segment")}
}

// values is the query string of f without empty parameters, so links
// stay short.
func (f recordFilter) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"sort": f.Sort, "tag": f.Tag, "status": f.Status, "owner": f.Owner, "company": f.Company, "cursor": f.Cursor, "q": f.Q, "segment": f.Segment} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// backField is one parameter of the list a form returns to, posted as
// back.NAME; not as a query string, so the page's only "cursor=" is the
// next-page link.
type backField struct{ Name, Value string }

func backFields(f recordFilter) []backField {
	v := f.values()
	out := make([]backField, 0, len(v))
	for _, name := range []string{"sort", "tag", "status", "owner", "company", "cursor", "q", "segment"} {
		if value := v.Get(name); value != "" {
			out = append(out, backField{Name: name, Value: value})
		}
	}
	return out
}

// readBackFilter reads the back.NAME fields of a posted form.
func readBackFilter(form url.Values) recordFilter {
	back := url.Values{}
	for _, name := range []string{"sort", "tag", "status", "owner", "company", "cursor", "q", "segment"} {
		back.Set(name, form.Get("back."+name))
	}
	return readRecordFilter(back)
}

// Filtered tells whether any filter (not the sort or page) is set.
func (f recordFilter) Filtered() bool {
	return f.Tag != "" || f.Status != "" || f.Owner != "" || f.Company != "" || f.Q != "" || f.Segment != ""
}

// query is the store query for f; the tag is resolved by the caller.
func (f recordFilter) query() app.ListQuery {
	return app.ListQuery{Sort: f.Sort, Status: f.Status, Owner: f.Owner, Company: f.Company, Cursor: f.Cursor}
}

// recordListURL is path with f's query, on the page after cursor ("" for
// the first page).
func recordListURL(path string, f recordFilter, cursor string) string {
	f.Cursor = cursor
	if q := f.values().Encode(); q != "" {
		return path + "?" + q
	}
	return path
}

// resolveTag turns the tag filter's name into an id. A name no tag has is
// an empty list, not an error: ok is false and the page says so.
func (s *site) resolveTag(r *http.Request, name string, q *app.ListQuery) (ok bool, err error) {
	if name == "" {
		return true, nil
	}
	t, err := s.app.TagByName(r.Context(), name)
	if app.ErrorCode(err) == app.ENotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	q.TagID = t.ID
	return true, nil
}

// listProblem is the message of a refused list query (a bad sort, status
// or cursor), or "" when err is not one.
func listProblem(err error) string {
	fields := fieldErrors(err)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		return fields[k]
	}
	return ""
}

// recordPath builds the path of a named route; names are fixed in
// routes.go, so a failure is a programming mistake that any test finds.
func (s *site) recordPath(name string, pairs ...string) string {
	p, err := s.views.url(name, pairs...)
	if err != nil {
		panic(err)
	}
	return p
}

// recordSorts are the sort orders the list pages offer, in menu order.
var recordSorts = []string{"name", "-name", "-created", "created", "-updated", "updated", "owner"}
