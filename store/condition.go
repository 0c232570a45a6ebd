package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Condition is one filter condition of a list beyond its fixed filters:
// on a built-in column, a custom field, a tag, or the search index. The
// app builds them from the filter syntax and checks every value; store
// only writes them as SQL.
type Condition struct {
	Column  string // a built-in column name from the entity's Columns
	FieldID string // or a custom field
	Op      string // eq, ne, contains, empty, not_empty, lt, le, gt, ge, has_tag, lacks_tag, match
	Value   any    // typed as the column or field stores it
}

// Condition operators.
const (
	OpEq       = "eq"
	OpNe       = "ne"
	OpContains = "contains"
	OpEmpty    = "empty"
	OpNotEmpty = "not_empty"
	OpLt       = "lt"
	OpLe       = "le"
	OpGt       = "gt"
	OpGe       = "ge"
	OpHasTag   = "has_tag"
	OpLacksTag = "lacks_tag"
	OpMatch    = "match" // Value is an FTS5 expression built by app
)

// conditionTables names, per entity, the list's alias, tag table and tag
// column, and the built-in columns conditions may use.
type conditionTable struct {
	alias, kind, tagTable, tagColumn string
	columns                          map[string]string
}

// FilterColumns are the built-in columns each list filters on, by the name
// the filter syntax uses.
var FilterColumns = map[string]map[string]string{
	"contact": {"name": "display_name", "first_name": "first_name", "last_name": "last_name", "title": "title",
		"status": "lifecycle_status", "owner": "owner_key", "company": "company_key", "source": "lead_source",
		"city": "address_city", "country": "address_country", "birthday": "birthday",
		"created": "created_at", "updated": "updated_at"},
	"company": {"name": "name", "domain": "domain", "industry": "industry", "size": "size", "owner": "owner_key",
		"city": "address_city", "country": "address_country", "created": "created_at", "updated": "updated_at"},
	"deal": {"title": "title", "status": "status", "owner": "owner_key", "company": "company_key", "value": "value",
		"currency": "currency", "close": "expected_close_date", "source": "source", "pipeline": "pipeline_id",
		"stage": "stage_id", "created": "created_at", "updated": "updated_at"},
}

var conditionTables = map[string]conditionTable{
	"contact": {"c", "contact", "contact_tags", "contact_id", FilterColumns["contact"]},
	"company": {"co", "company", "company_tags", "company_id", FilterColumns["company"]},
	"deal":    {"d", "deal", "deal_tags", "deal_id", FilterColumns["deal"]},
}

// addConditions writes conds for entity into w. Broad conditions (see
// ListQuery.Broad) are written as tests of each row, so that SQLite walks
// the sort's index; narrow ones as lookups in their own index.
func (w *where) addConditions(entity string, conds []Condition, broad bool) error {
	t, ok := conditionTables[entity]
	if !ok {
		return fmt.Errorf("no conditions for %q", entity)
	}
	id := t.alias + ".id"
	for _, c := range conds {
		switch {
		case c.Op == OpHasTag && broad:
			w.add("EXISTS (SELECT 1 FROM "+t.tagTable+" WHERE tag_id = ? AND "+t.tagColumn+" = "+id+")", c.Value)
		case c.Op == OpHasTag:
			w.add(id+" IN (SELECT "+t.tagColumn+" FROM "+t.tagTable+" WHERE tag_id = ?)", c.Value)
		case c.Op == OpLacksTag:
			w.add(id+" NOT IN (SELECT "+t.tagColumn+" FROM "+t.tagTable+" WHERE tag_id = ?)", c.Value)
		case c.Op == OpMatch:
			w.add(id+` IN (SELECT ref FROM search_docs WHERE kind = ? AND rowid IN
				(SELECT rowid FROM search_index WHERE search_index MATCH ?))`, t.kind, c.Value)
		case c.FieldID != "":
			if err := w.customCondition(id, c, broad); err != nil {
				return err
			}
		case c.Column == "score" && entity == "contact":
			if err := w.scoreCondition(c, broad); err != nil {
				return err
			}
		default:
			col, ok := t.columns[c.Column]
			if !ok {
				return fmt.Errorf("unknown column %q", c.Column)
			}
			col = t.alias + "." + col
			if broad {
				col = "+" + col // test each row; keep the sort's index
			}
			if err := w.columnCondition(col, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// likePattern escapes s for LIKE … ESCAPE '\' as a substring match.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// exactColumns hold ids and codes: compared exactly, so their indexes serve.
var exactColumns = map[string]bool{"lifecycle_status": true, "owner_key": true, "company_key": true, "status": true,
	"pipeline_id": true, "stage_id": true, "currency": true}

var comparisons = map[string]string{OpEq: "=", OpNe: "<>", OpLt: "<", OpLe: "<=", OpGt: ">", OpGe: ">="}

func (w *where) columnCondition(col string, c Condition) error {
	switch c.Op {
	case OpContains:
		w.add(col+` LIKE ? ESCAPE '\'`, likePattern(fmt.Sprint(c.Value)))
	case OpEmpty:
		w.add("coalesce(" + col + ", '') = ''")
	case OpNotEmpty:
		w.add("coalesce(" + col + ", '') <> ''")
	default:
		op, ok := comparisons[c.Op]
		if !ok {
			return fmt.Errorf("unknown operator %q", c.Op)
		}
		if s, isText := c.Value.(string); isText && (c.Op == OpEq || c.Op == OpNe) && !exactColumns[strings.TrimPrefix(col[strings.IndexByte(col, '.')+1:], "+")] {
			w.add(col+" "+op+" ? COLLATE NOCASE", s)
			return nil
		}
		w.add(col+" "+op+" ?", c.Value)
	}
	return nil
}

// customCondition writes a custom-field condition as a lookup in
// custom_values_value (field_id, value, record_id): the matching records
// are found by a range of that index, whatever the list's sort.
func (w *where) customCondition(id string, c Condition, broad bool) error {
	const values = "SELECT record_id FROM custom_values WHERE field_id = ?"
	if broad && c.Op != OpEmpty && c.Op != OpNe {
		// a probe of the primary key (field_id, record_id, value) per row
		cond := "EXISTS (SELECT 1 FROM custom_values WHERE field_id = ? AND record_id = " + id
		switch c.Op {
		case OpNotEmpty:
			w.add(cond+")", c.FieldID)
		case OpContains:
			w.add(cond+` AND value LIKE ? ESCAPE '\')`, c.FieldID, likePattern(fmt.Sprint(c.Value)))
		default:
			op, ok := comparisons[c.Op]
			if !ok {
				return fmt.Errorf("unknown operator %q", c.Op)
			}
			w.add(cond+" AND value "+op+" ?)", c.FieldID, c.Value)
		}
		return nil
	}
	switch c.Op {
	case OpEmpty:
		w.add(id+" NOT IN ("+values+")", c.FieldID)
	case OpNotEmpty:
		w.add(id+" IN ("+values+")", c.FieldID)
	case OpContains:
		w.add(id+" IN ("+values+` AND value LIKE ? ESCAPE '\')`, c.FieldID, likePattern(fmt.Sprint(c.Value)))
	case OpNe:
		w.add(id+" NOT IN ("+values+" AND value = ?)", c.FieldID, c.Value)
	default:
		op, ok := comparisons[c.Op]
		if !ok {
			return fmt.Errorf("unknown operator %q", c.Op)
		}
		w.add(id+" IN ("+values+" AND value "+op+" ?)", c.FieldID, c.Value)
	}
	return nil
}

// customCursorText keeps a custom sort value's type in the cursor: numbers
// compare as numbers, and a number never equals its text.
func customCursorText(v any) string {
	switch x := v.(type) {
	case int64:
		return "n:" + strconv.FormatInt(x, 10)
	case float64:
		return "n:" + strconv.FormatFloat(x, 'g', -1, 64)
	case []byte:
		return "s:" + string(x)
	}
	return "s:" + fmt.Sprint(v)
}

func customCursorValue(s string) any {
	if n, ok := strings.CutPrefix(s, "n:"); ok {
		if f, err := strconv.ParseFloat(n, 64); err == nil {
			return f
		}
	}
	return strings.TrimPrefix(s, "s:")
}

// RecordMatches tells whether the live record id of entity meets conds.
func RecordMatches(ctx context.Context, q Querier, entity, id string, conds []Condition) (bool, error) {
	t, ok := conditionTables[entity]
	if !ok {
		return false, fmt.Errorf("no conditions for %q", entity)
	}
	table := map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}[entity]
	var w where
	w.add(t.alias+".id = ?", id)
	w.add(t.alias + ".deleted_at IS NULL")
	if err := w.addConditions(entity, conds, false); err != nil {
		return false, err
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` `+t.alias+w.sql(), w.args...).Scan(&n)
	return n > 0, err
}

// conditionsBroad tells whether every condition keeps more than
// broadFilter records, counting at most broadFilter+1 matches of each.
// Negations and built-in columns are taken as broad (testing them per row
// is cheap); search text as narrow.
func conditionsBroad(ctx context.Context, q Querier, entity string, conds []Condition) (bool, error) {
	t := conditionTables[entity]
	for _, c := range conds {
		var query string
		var args []any
		switch {
		case c.Op == OpMatch:
			return false, nil
		case c.Column == "score":
			n, _ := c.Value.(int)
			if zeroPasses(c.Op, n) || comparisons[c.Op] == "" {
				continue // unscored contacts pass: tested per row
			}
			query, args = `SELECT 1 FROM contact_scores WHERE score `+comparisons[c.Op]+` ?`, []any{n}
		case c.Op == OpHasTag:
			query, args = `SELECT 1 FROM `+t.tagTable+` WHERE tag_id = ?`, []any{c.Value}
		case c.FieldID != "" && c.Op == OpNotEmpty:
			query, args = `SELECT 1 FROM custom_values WHERE field_id = ?`, []any{c.FieldID}
		case c.FieldID != "" && c.Op == OpContains:
			query, args = `SELECT 1 FROM custom_values WHERE field_id = ? AND value LIKE ? ESCAPE '\'`, []any{c.FieldID, likePattern(fmt.Sprint(c.Value))}
		case c.FieldID != "" && comparisons[c.Op] != "" && c.Op != OpNe:
			query, args = `SELECT 1 FROM custom_values WHERE field_id = ? AND value `+comparisons[c.Op]+` ?`, []any{c.FieldID, c.Value}
		default:
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM (`+query+` LIMIT ?)`, append(args, broadFilter+1)...).Scan(&n); err != nil {
			return false, err
		}
		if n <= broadFilter {
			return false, nil
		}
	}
	return true, nil
}

// broadWithConditions combines the kept-count verdict on the fixed
// filters with the conditions' own.
func broadWithConditions(ctx context.Context, q Querier, entity string, lq ListQuery, fixedBroad bool, fixed []countFilter) (bool, error) {
	if len(lq.Conditions) == 0 {
		return fixedBroad, nil
	}
	anySet := false
	for _, f := range fixed {
		anySet = anySet || f.set
	}
	if anySet && !fixedBroad {
		return false, nil
	}
	return conditionsBroad(ctx, q, entity, lq.Conditions)
}

// sortFieldRange writes comparisons on the field a list sorts by as a
// range of the sorted values (sv.value), so the walk seeks to the range
// instead of testing every row before it; it returns the other conditions.
func (w *where) sortFieldRange(fieldID string, conds []Condition) []Condition {
	var rest []Condition
	for _, c := range conds {
		op, ok := comparisons[c.Op]
		if c.FieldID != fieldID || !ok || c.Op == OpNe {
			rest = append(rest, c)
			continue
		}
		w.add("sv.value "+op+" ?", c.Value)
	}
	return rest
}

// CountUnknown is the total of a list whose caller counts later (see
// ListQuery.CountLater).
const CountUnknown = -1
