package store

import (
	"encoding/json"
	"errors"
	"strings"
)

// A page's SQL is fixed text, so that each reader connection parses it
// once (see reader.go): a set of ids goes in as one JSON array parameter,
// read with json_each, and a record's child rows come back beside it as
// one JSON array of arrays (json_group_array of json_array), never as a
// placeholder list or a query per record.

// jsonIDs is ids as the one parameter `json_each(?)` reads.
func jsonIDs(ids []string) string {
	if len(ids) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

// errJSONRows means a child-rows column was not an array of arrays.
var errJSONRows = errors.New("store: malformed JSON rows")

// jsonRows decodes a json_group_array(json_array(...)) column: an array of
// arrays of scalars, each given as text (null as ""). It calls row with
// each inner array's values; the slice is reused between calls. It is a
// small hand-written reader because a page decodes hundreds of these and
// encoding/json's reflection cost more than the query that built them.
func jsonRows(s string, row func(values []string)) error {
	r := jsonReader{s: s}
	if !r.rows(row) {
		return errJSONRows
	}
	return r.end()
}

// jsonValues decodes one json_array(...) column of scalars into values,
// which it reuses.
func jsonValues(s string, values []string) ([]string, error) {
	r := jsonReader{s: s}
	values, ok := r.array(values[:0])
	if !ok {
		return nil, errJSONRows
	}
	return values, r.end()
}

type jsonReader struct {
	s string
	i int
	// scratch holds one inner array's values for rows, kept between its
	// calls: a card reads four lists of rows with one reader.
	scratch []string
}

// rows reads an array of arrays of scalars, calling row with each inner
// array's values (the slice is reused between calls).
func (r *jsonReader) rows(row func(values []string)) bool {
	if !r.eat('[') {
		return false
	}
	if r.eat(']') {
		return true
	}
	if r.scratch == nil {
		r.scratch = make([]string, 0, 8)
	}
	for {
		var ok bool
		if r.scratch, ok = r.array(r.scratch[:0]); !ok {
			return false
		}
		row(r.scratch)
		if r.eat(']') {
			return true
		}
		if !r.eat(',') {
			return false
		}
	}
}

// array reads an array of scalars, appending them to values.
func (r *jsonReader) array(values []string) ([]string, bool) {
	if !r.eat('[') {
		return values, false
	}
	if r.eat(']') {
		return values, true
	}
	for {
		v, ok := r.scalar()
		if !ok {
			return values, false
		}
		values = append(values, v)
		if r.eat(']') {
			return values, true
		}
		if !r.eat(',') {
			return values, false
		}
	}
}

// eat skips c if it comes next (after any space).
func (r *jsonReader) eat(c byte) bool {
	for r.i < len(r.s) && (r.s[r.i] == ' ' || r.s[r.i] == '\n' || r.s[r.i] == '\t' || r.s[r.i] == '\r') {
		r.i++
	}
	if r.i < len(r.s) && r.s[r.i] == c {
		r.i++
		return true
	}
	return false
}

func (r *jsonReader) end() error {
	if strings.TrimSpace(r.s[r.i:]) != "" {
		return errJSONRows
	}
	return nil
}

// scalar reads a string, number, true, false or null as text.
func (r *jsonReader) scalar() (string, bool) {
	r.eat(' ')
	if r.i >= len(r.s) {
		return "", false
	}
	if r.s[r.i] != '"' {
		start := r.i
	number:
		for ; r.i < len(r.s); r.i++ {
			switch r.s[r.i] {
			case ',', ']', '}', ' ', '\n', '\t', '\r':
				break number
			}
		}
		v := r.s[start:r.i]
		switch {
		case v == "null":
			return "", true
		case v == "" || v[0] == '[' || v[0] == '{':
			return "", false
		}
		return v, true
	}
	// Most strings hold no escape: find the closing quote with IndexByte
	// (a page reads thousands of them) and take the text as it is.
	if end := strings.IndexByte(r.s[r.i+1:], '"'); end >= 0 && strings.IndexByte(r.s[r.i+1:r.i+1+end], '\\') < 0 {
		v := r.s[r.i+1 : r.i+1+end]
		r.i += end + 2
		return v, true
	}
	start := r.i
	escaped := false
	for r.i++; r.i < len(r.s); r.i++ {
		switch r.s[r.i] {
		case '\\':
			escaped = true
			r.i++
		case '"':
			r.i++
			if !escaped {
				return r.s[start+1 : r.i-1], true
			}
			var v string
			if json.Unmarshal([]byte(r.s[start:r.i]), &v) != nil {
				return "", false
			}
			return v, true
		}
	}
	return "", false
}
