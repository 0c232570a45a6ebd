package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// ListQuery is one page request of a record list: filters, a sort and the
// keyset cursor of the previous page's last row.
type ListQuery struct {
	Sort    string // name, -name, created, -created, updated, -updated, owner
	Cursor  string // from the previous page; "" for the first
	Limit   int
	TagID   string
	Status  string // lifecycle status (contacts)
	Owner   string // a user id, or NoneValue for records without one
	Company string // a company id, or NoneValue (contacts)
	Trashed bool   // list the trash instead of live records
	// Broad says every filter matches many records. The page then walks the
	// sort order's index and tests each row, which finds 50 matches after a
	// few hundred rows, instead of collecting all matches to sort them.
	// Narrow filters do the opposite. The list functions set it from the
	// kept counts; tests set it to check both plans.
	Broad bool
	// Conditions are the filter syntax's conditions (see condition.go),
	// all of which must hold.
	Conditions []Condition
	// SortField sorts by a custom field (Sort then says only the
	// direction: "" or "-"); the list shows the records with a value.
	SortField string
	// CountLater says the caller asks for the total separately (an HTML
	// list fetches it after the page): a count that would walk the matches
	// of conditions is then left out, Total -1, so the page is not kept
	// waiting for it.
	CountLater bool
}

// broadFilter is the size above which walking the sort index beats
// sorting a filter's matches (measured on the 100k benchmark).
const broadFilter = 1000

// filterColumn writes a filter's column so that SQLite may use its index,
// or, for a broad filter under a sort that its index does not end in,
// with a unary + that keeps SQLite from choosing that index over the sort's.
func filterColumn(q ListQuery, column string) string {
	if q.Broad && (q.SortField != "" || !sortsByName(q.Sort)) {
		return "+" + column
	}
	return column
}

// sortsByName tells whether the sort is the one every filter index ends in.
func sortsByName(sort string) bool { return sort == "" || sort == "name" || sort == "-name" }

// isBroad tells whether every set filter keeps more than broadFilter
// records, from the counts the triggers keep.
func isBroad(ctx context.Context, q Querier, filters ...countFilter) (bool, error) {
	set := false
	for _, f := range filters {
		if !f.set {
			continue
		}
		set = true
		n, err := keptCount(ctx, q, f.kind, f.key)
		if err != nil || n <= broadFilter {
			return false, err
		}
	}
	return set, nil
}

// NoneValue filters for records where the reference is empty.
const NoneValue = "none"

// Sorts lists the sort orders every record list offers.
var Sorts = []string{"name", "-name", "created", "-created", "updated", "-updated", "owner"}

// ErrBadCursor means a cursor was not made by this sort.
var ErrBadCursor = errors.New("invalid cursor")

// sortSpec is the ORDER BY of a sort: its key expressions (matching an
// index), and whether it runs backwards; list names the list it pages,
// for its cursors.
type sortSpec struct {
	keys []string
	desc bool
	list string
}

func sortFor(alias, sort string) (sortSpec, error) {
	desc := strings.HasPrefix(sort, "-")
	var keys []string
	switch strings.TrimPrefix(sort, "-") {
	case "", "name":
		keys = []string{alias + ".sort_name", alias + ".id"}
	case "created":
		keys = []string{alias + ".created_at", alias + ".id"}
	case "updated":
		keys = []string{alias + ".updated_at", alias + ".id"}
	case "owner":
		if desc {
			return sortSpec{}, fmt.Errorf("unknown sort %q", sort)
		}
		keys = []string{alias + ".owner_key", alias + ".sort_name", alias + ".id"}
	default:
		return sortSpec{}, fmt.Errorf("unknown sort %q", sort)
	}
	return sortSpec{keys: keys, desc: desc}, nil
}

func (s sortSpec) orderBy() string {
	dir := " ASC"
	if s.desc {
		dir = " DESC"
	}
	parts := make([]string, len(s.keys))
	for i, k := range s.keys {
		parts[i] = k + dir
	}
	return strings.Join(parts, ", ")
}

// mark names the order in its cursors: its list, keys and direction.
func (s sortSpec) mark() string {
	h := fnv.New32a()
	h.Write([]byte(s.list + ": " + s.orderBy()))
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

// cursor is the cursor of a page that ends at the row with these values.
func (s sortSpec) cursor(values []string) string { return encodeCursor(s.mark(), values) }

// after is the keyset condition "comes after the cursor row".
func (s sortSpec) after(cursor string) (string, []any, error) {
	values, err := decodeCursor(cursor, s.mark(), len(s.keys))
	if err != nil {
		return "", nil, err
	}
	op := ">"
	if s.desc {
		op = "<"
	}
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	return "(" + strings.Join(s.keys, ", ") + ") " + op + " (" + placeholders(len(values)) + ")", args, nil
}

// sortValues picks the cursor values of a row for this sort.
func sortValues(sort string, sortName, created, updated, owner, id string) []string {
	switch strings.TrimPrefix(sort, "-") {
	case "created":
		return []string{created, id}
	case "updated":
		return []string{updated, id}
	case "owner":
		return []string{owner, sortName, id}
	}
	return []string{sortName, id}
}

// Marks of the lists whose order is fixed: newest first by time
// (activities, and timelines, which page activities with the same
// cursor), and soonest due first (tasks).
const (
	timeMark = "time"
	dueMark  = "due"
)

// encodeCursor makes a page's cursor: the last row's sort values after
// the mark of the order that made them. A cursor from another sort or
// another list is then refused, instead of seeking with values of the
// wrong kind and paging from the wrong place.
func encodeCursor(mark string, values []string) string {
	b, _ := json.Marshal(append([]string{mark}, values...))
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor returns the n values of a cursor made under mark.
func decodeCursor(cursor, mark string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return nil, ErrBadCursor
	}
	var values []string
	if err := json.Unmarshal(b, &values); err != nil || len(values) != n+1 || values[0] != mark {
		return nil, ErrBadCursor
	}
	return values[1:], nil
}

// where collects the conditions and arguments of a list query.
type where struct {
	conds []string
	args  []any
	err   error // a condition that could not be written
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// refFilter filters a reference by id or by "none", on its *_key column
// (the reference with NULL as ”).
func (w *where) refFilter(keyColumn, value string) {
	switch value {
	case "":
	case NoneValue:
		w.add(keyColumn + " = ''")
	default:
		w.add(keyColumn+" = ?", value)
	}
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}

// countFilter is one list filter as list_counts keys it.
type countFilter struct {
	kind, key string
	set       bool
}

// byValue is a filter on a plain value; "" means unfiltered.
func byValue(kind, value string) countFilter { return countFilter{kind, value, value != ""} }

// byRef is a filter on a reference; "none" is the empty reference.
func byRef(kind, value string) countFilter {
	switch value {
	case "":
		return countFilter{}
	case NoneValue:
		return countFilter{kind, "", true}
	}
	return countFilter{kind, value, true}
}

// keptCountKey picks the list_counts entry for the list when at most one
// filter is set.
func keptCountKey(list string, withConditions bool, filters ...countFilter) (kind, key string, ok bool) {
	kind, set := list, 0
	for _, f := range filters {
		if f.set {
			set++
			kind, key = f.kind, f.key
		}
	}
	return kind, key, set <= 1 && !withConditions
}

// keptCount reads a count the triggers of migration 0003 maintain.
func keptCount(ctx context.Context, q Querier, kind, key string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT n FROM list_counts WHERE kind = ? AND key = ?`, kind, key).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// RecordPage is one page of whole records (contacts, companies or deals),
// for callers that show them whole, such as the API.
type RecordPage[R any] struct {
	Records    []R
	NextCursor string // "" on the last page
}

// pagedList is what reading a page of a record list needs to know of the
// list: how to tell a broad filter from a narrow one, and its order.
type pagedList struct {
	broad func(context.Context, Querier, ListQuery) (ListQuery, error)
	sort  func(ListQuery) (sortSpec, error)
}

// readPage runs the page query that build makes of q and reads each row of
// the page with read, which returns the row's cursor values. It returns
// the next page's cursor, "" on the last page.
func (l pagedList) readPage(ctx context.Context, db Querier, q ListQuery, build func(ListQuery) (string, []any, error),
	read func(*sql.Rows, ListQuery) ([]string, error)) (string, error) {
	q, err := l.broad(ctx, db, q)
	if err != nil {
		return "", err
	}
	query, args, err := build(q)
	if err != nil {
		return "", err
	}
	spec, _ := l.sort(q) // build checked it
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var last []string
	for n, limit := 0, clampLimit(q.Limit); rows.Next(); n++ {
		if n == limit { // the page asks for one row more, to know there is a next page
			return spec.cursor(last), nil
		}
		if last, err = read(rows, q); err != nil {
			return "", err
		}
	}
	return "", rows.Err()
}

// withSortValue adds custom to the scan destinations dest when q sorts by
// a custom field or the score, whose value then ends each row.
func withSortValue(q ListQuery, custom *any, dest ...any) []any {
	if q.SortField != "" && !q.Trashed {
		return append(dest, custom)
	}
	return dest
}

// cursorValues are the cursor values of a page's last row.
func cursorValues(q ListQuery, sortName, created, updated, deleted, owner, id string, custom any) []string {
	switch {
	case q.Trashed:
		return []string{deleted, id}
	case q.SortField != "":
		return []string{customCursorText(custom), id}
	}
	return sortValues(q.Sort, sortName, created, updated, owner, id)
}
