package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
)

// DealQuery filters deals for the board, the list view and the API.
type DealQuery struct {
	Pipeline  string
	Stage     string
	Status    string // open, won, lost; "" for all
	Owner     string // a user id, or NoneValue
	Company   string // a company id, or NoneValue
	TagID     string
	CloseFrom string // expected close on or after, YYYY-MM-DD
	CloseTo   string // expected close on or before
	Sort      string // DealSorts; with SortField, "" or "-"
	// SortField sorts by a custom field (see ListQuery.SortField): the
	// list then holds the deals with a value.
	SortField string
	Cursor    string
	Limit     int
	Trashed   bool
	// Conditions: see ListQuery.
	Conditions []Condition
}

// DealSorts are the orders the deal list offers.
var DealSorts = []string{"-updated", "updated", "-created", "created", "title", "-title", "-value", "value", "close", "-close"}

const (
	tagExists = "EXISTS (SELECT 1 FROM deal_tags WHERE tag_id = ? AND deal_id = d.id)"
	tagIn     = "d.id IN (SELECT deal_id FROM deal_tags WHERE tag_id = ?)"
)

// dealWhere writes the filters of q. The list walks its sort's index, so
// filter columns other than the pipeline carry a unary + that keeps SQLite
// from picking a filter's index and sorting every match instead; the one
// exception is an owner or company filter across all pipelines sorted by
// last change, which its own index answers in order.
func dealWhere(q DealQuery) where {
	var w where
	if q.Trashed {
		w.add("d.deleted_at IS NOT NULL")
		return w
	}
	w.add("d.deleted_at IS NULL")
	if q.Pipeline != "" {
		w.add("d.pipeline_id = ?", q.Pipeline)
	}
	if q.Stage != "" {
		w.add("+d.stage_id = ?", q.Stage)
	}
	if q.Status != "" {
		w.add("+d.status = ?", q.Status)
	}
	ownIndex := q.Pipeline == "" && strings.TrimPrefix(q.Sort, "-") == "updated"
	owner, company := "+d.owner_id", "+d.company_key"
	switch {
	case ownIndex && q.Owner != "":
		owner = "d.owner_id"
	case ownIndex && q.Company != "":
		company = "d.company_key"
	}
	switch q.Owner {
	case "":
	case NoneValue:
		w.add(owner + " IS NULL")
	default:
		w.add(owner+" = ?", q.Owner)
	}
	w.refFilter(company, q.Company)
	if q.TagID != "" {
		w.add(tagExists, q.TagID)
	}
	// Undated deals have the close key 9999-12-31, after any real range.
	switch {
	case q.CloseFrom != "" && q.CloseTo != "":
		w.add("d.close_key BETWEEN ? AND ?", q.CloseFrom, q.CloseTo)
	case q.CloseFrom != "":
		w.add("d.close_key BETWEEN ? AND '9999-12-30'", q.CloseFrom)
	case q.CloseTo != "":
		w.add("d.close_key <= ?", q.CloseTo)
	}
	if err := w.addConditions("deal", q.Conditions, false); err != nil {
		w.err = err
	}
	return w
}

func dealSort(sort string) (sortSpec, error) {
	desc := strings.HasPrefix(sort, "-")
	var key string
	switch strings.TrimPrefix(sort, "-") {
	case "", "updated":
		key, desc = "d.updated_at", desc || sort == ""
	case "created":
		key = "d.created_at"
	case "title":
		key = "d.sort_title"
	case "value":
		key = "d.value"
	case "close":
		key = "d.close_key"
	default:
		return sortSpec{}, ErrBadSort
	}
	return sortSpec{keys: []string{key, "d.id"}, desc: desc}, nil
}

// dealListSort is the order of q's page.
func dealListSort(q DealQuery) (spec sortSpec, err error) {
	switch {
	case q.Trashed:
		spec = sortSpec{keys: []string{"d.deleted_at", "d.id"}, desc: true}
	case customDealSort(q):
		spec = sortSpec{keys: []string{"sv.value", "sv.record_id"}, desc: q.Sort == "-"}
	default:
		spec, err = dealSort(q.Sort)
	}
	spec.list = "deals"
	return spec, err
}

// ErrBadSort means a sort the list does not offer.
var ErrBadSort = errors.New("unknown sort")

// customDealSort tells whether q sorts by a custom field.
func customDealSort(q DealQuery) bool { return q.SortField != "" && !q.Trashed }

// dealListWhere is dealWhere for the list and its count. Under a custom
// sort, comparisons on the sorted field become a range of the walk (see
// sortFieldRange).
func dealListWhere(q DealQuery) where {
	if !customDealSort(q) {
		return dealWhere(q)
	}
	var sorted where
	q.Conditions = sorted.sortFieldRange(q.SortField, q.Conditions)
	w := dealWhere(q)
	w.conds, w.args = append(w.conds, sorted.conds...), append(w.args, sorted.args...)
	return w
}

// dealsFrom is the list's FROM: the deals, or for a custom sort the
// field's values first, then their deals (as contactsFrom). The CROSS
// JOIN keeps SQLite from starting at deals and sorting every match.
func dealsFrom(customSort bool) string {
	if customSort {
		return ` FROM custom_values sv CROSS JOIN deals d ON sv.field_id = ? AND d.id = sv.record_id`
	}
	return ` FROM deals d`
}

// DealListSQL builds the page query for q, for ListDeals and plan tests.
func DealListSQL(q DealQuery) (string, []any, error) {
	return dealPageSQL(q, dealRowColumns+`, `+dealTags, dealRowJoins)
}

// DealRecordsSQL builds the page query of ListDealRecords: whole deals
// read beside the list's own keys, with no join for names.
func DealRecordsSQL(q DealQuery) (string, []any, error) {
	return dealPageSQL(q, dealRecord, ` FROM deals d`)
}

// dealPageSQL is the keyset query of a page of q: columns, then the
// custom sort's value, from the deals and the joins.
func dealPageSQL(q DealQuery, columns, joins string) (string, []any, error) {
	w := dealListWhere(q)
	if w.err != nil {
		return "", nil, w.err
	}
	custom := customDealSort(q)
	spec, err := dealListSort(q)
	if err != nil {
		return "", nil, err
	}
	sortValue, fromArgs := "", []any{}
	if custom {
		// Walks custom_values_value for the field, in value order.
		sortValue, fromArgs = ", sv.value", []any{q.SortField}
	}
	if q.Cursor != "" {
		cond, args, err := spec.after(q.Cursor)
		if err != nil {
			return "", nil, err
		}
		switch {
		case custom:
			args[0] = customCursorValue(args[0].(string))
		case spec.keys[0] == "d.value":
			n, err := strconv.ParseInt(args[0].(string), 10, 64)
			if err != nil {
				return "", nil, ErrBadCursor
			}
			args[0] = n // compared as a number, not as text
		}
		w.add(cond, args...)
	}
	joins = strings.Replace(joins, " FROM deals d", dealsFrom(custom), 1)
	return `SELECT ` + columns + sortValue + joins + w.sql() + ` ORDER BY ` + spec.orderBy() + ` LIMIT ?`,
		append(append(fromArgs, w.args...), clampLimit(q.Limit)+1), nil
}

// ListDeals returns one page of deals, with their tags.
func ListDeals(ctx context.Context, db Querier, q DealQuery) (DealPage, error) {
	query, args, err := DealListSQL(q)
	if err != nil {
		return DealPage{}, err
	}
	rows, err := queryDealRowsSorted(ctx, db, true, customDealSort(q), query, args...)
	if err != nil {
		return DealPage{}, err
	}
	var page DealPage
	if limit := clampLimit(q.Limit); len(rows) > limit {
		rows = rows[:limit]
		spec, _ := dealListSort(q) // DealListSQL checked it
		page.NextCursor = spec.cursor(dealCursor(q, rows[limit-1]))
	}
	page.Rows = rows
	return page, nil
}

func dealCursor(q DealQuery, r DealRow) []string {
	return dealCursorOf(q, r.ID, r.sortTitle, r.ExpectedCloseDate, r.Value, r.CreatedAt, r.UpdatedAt, r.DeletedAt, r.sortValue)
}

// dealCursorOf is the cursor values of the deal a page ends with.
func dealCursorOf(q DealQuery, id, sortTitle, closeDate string, value int64, created, updated, deleted time.Time, sortValue any) []string {
	if q.Trashed {
		return []string{FormatTime(deleted), id}
	}
	if customDealSort(q) {
		return []string{customCursorText(sortValue), id}
	}
	switch strings.TrimPrefix(q.Sort, "-") {
	case "created":
		return []string{FormatTime(created), id}
	case "title":
		return []string{sortTitle, id}
	case "value":
		return []string{strconv.FormatInt(value, 10), id}
	case "close":
		if closeDate == "" {
			closeDate = "9999-12-31"
		}
		return []string{closeDate, id}
	}
	return []string{FormatTime(updated), id}
}

// ListDealRecords is ListDeals for callers that show whole deals (the
// API): the page's deals with contacts and tags come from the list's one
// statement, not from a second read by id.
func ListDealRecords(ctx context.Context, db Querier, q DealQuery) (RecordPage[Deal], error) {
	query, args, err := DealRecordsSQL(q)
	if err != nil {
		return RecordPage[Deal]{}, err
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return RecordPage[Deal]{}, err
	}
	limit := clampLimit(q.Limit)
	page := RecordPage[Deal]{Records: make([]Deal, 0, limit+1)}
	var values []any
	err = eachRow(rows, func() error {
		var value any
		var more []any
		if customDealSort(q) {
			more = append(more, &value)
		}
		d, err := scanDeal(rows, more...)
		page.Records, values = append(page.Records, d), append(values, value)
		return err
	})
	if err != nil {
		return RecordPage[Deal]{}, err
	}
	if len(page.Records) > limit {
		page.Records = page.Records[:limit]
		d := page.Records[limit-1]
		spec, _ := dealListSort(q) // DealRecordsSQL checked it
		page.NextCursor = spec.cursor(dealCursorOf(q, d.ID, d.SortTitle, d.ExpectedCloseDate, d.Value, d.CreatedAt, d.UpdatedAt, d.DeletedAt, values[limit-1]))
	}
	return page, nil
}

// CountDeals counts the deals q matches, ignoring its cursor.
func CountDeals(ctx context.Context, db Querier, q DealQuery) (int, error) {
	query, args := DealCountSQL(q)
	var n int
	err := db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// DealCountSQL is the counting query of q. Counting reads whatever index
// suits the filters best, so they go without the + of the page query.
// Under a custom sort it counts the deals with a value, as the list shows.
func DealCountSQL(q DealQuery) (string, []any) {
	w := dealListWhere(q)
	for i, c := range w.conds {
		// Counting starts from the tag's links rather than testing each deal.
		w.conds[i] = strings.Replace(strings.TrimPrefix(c, "+"), tagExists, tagIn, 1)
	}
	if customDealSort(q) {
		return `SELECT count(*)` + dealsFrom(true) + w.sql(), append([]any{q.SortField}, w.args...)
	}
	return `SELECT count(*) FROM deals d` + w.sql(), w.args
}
