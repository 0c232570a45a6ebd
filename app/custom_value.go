package app

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"rolo/store"
)

// MoneyValue is a money custom value: minor units of a currency.
type MoneyValue struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

// CustomValues maps field keys to values, as the API shows them: strings
// for text, long text, URL, email, phone and date (YYYY-MM-DD); float64
// for numbers; MoneyValue; bool for yes/no; the option label for a select and
// a []string of labels for a multi select. Input takes the same shapes,
// plus strings for every type (as forms and CSV send them) and option ids.
type CustomValues = map[string]any

// displayValue turns stored rows back into the API's shape.
func displayValue(f CustomField, vs []store.CustomValue) any {
	if len(vs) == 0 {
		return nil
	}
	v := vs[0]
	switch f.Type {
	case "number":
		n, _ := numberOf(v.Value)
		return n
	case "money":
		n, _ := numberOf(v.Value)
		return MoneyValue{Minor: int64(n), Currency: v.Currency}
	case "bool":
		n, _ := numberOf(v.Value)
		return n != 0
	case "select":
		return optionLabel(f, fmt.Sprint(v.Value))
	case "multi_select":
		labels := []string{}
		// in the option list's order, not the order they were stored
		for _, o := range f.Options {
			for _, x := range vs {
				if fmt.Sprint(x.Value) == o.ID {
					labels = append(labels, o.Label)
				}
			}
		}
		return labels
	}
	return fmt.Sprint(v.Value)
}

func optionLabel(f CustomField, id string) string {
	for _, o := range f.Options {
		if o.ID == id {
			return o.Label
		}
	}
	return ""
}

// ValueText writes a value for people: list cells, the audit log, search
// and CSV. Empty values give "".
func ValueText(f CustomField, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case MoneyValue:
		return AmountText(x.Minor, x.Currency) + " " + x.Currency
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []string:
		return strings.Join(x, "; ")
	}
	return fmt.Sprint(v)
}

// customValuesOf loads the values of records, keyed by record then field key.
func customValuesOf(ctx context.Context, q store.Querier, fields []CustomField, ids []string) (map[string]CustomValues, error) {
	out := map[string]CustomValues{}
	if len(fields) == 0 {
		return out, nil
	}
	var money []string
	for _, f := range fields {
		if f.Type == "money" {
			money = append(money, f.ID)
		}
	}
	stored, err := store.CustomValuesOf(ctx, q, ids, money)
	if err != nil {
		return nil, err
	}
	return customValuesFrom(fields, stored), nil
}

// customValuesFrom turns stored values, by record, into each record's
// values of fields by key, as forms and the search index take them.
func customValuesFrom(fields []CustomField, stored map[string][]store.CustomValue) map[string]CustomValues {
	out := make(map[string]CustomValues, len(stored))
	var of []store.CustomValue
	for rec, vs := range stored {
		out[rec] = recordCustomValues(fields, vs, &of)
	}
	return out
}

// recordCustomValues is one record's stored values as its fields show
// them; of is scratch space kept between records (a record has a few).
func recordCustomValues(fields []CustomField, vs []store.CustomValue, of *[]store.CustomValue) CustomValues {
	m := CustomValues{}
	for _, f := range fields {
		*of = (*of)[:0]
		for _, v := range vs {
			if v.FieldID == f.ID {
				*of = append(*of, v)
			}
		}
		if len(*of) > 0 {
			m[f.Key] = displayValue(f, *of)
		}
	}
	return m
}

// saveCustomValues applies in (field key → value; a key left out keeps
// its value, nil or "" clears it) to one record inside tx. It checks every
// value and the required fields, reporting problems as
// custom_fields.<key> into p, and returns the changes for the audit log.
func (a *App) saveCustomValues(ctx context.Context, tx *store.Tx, entity, recordID string, in CustomValues, created bool, p map[string]string) (map[string]FieldChange, error) {
	fields, err := store.CustomFields(ctx, tx, entity)
	if err != nil || len(fields) == 0 {
		for key := range in {
			p["custom_fields."+key] = "error.field_unknown"
		}
		return nil, err
	}
	old, err := customValuesOf(ctx, tx, fields, []string{recordID})
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	type write struct {
		f    CustomField
		rows []store.CustomValue
	}
	var writes []write
	changes := map[string]FieldChange{}
	for _, f := range fields {
		known[f.Key] = true
		name := "custom_fields." + f.Key
		raw, given := in[f.Key]
		if !given {
			if f.Required && isEmptyValue(old[recordID][f.Key]) && (created || in != nil) {
				p[name] = "error.required"
			}
			continue
		}
		rows, problem := a.storedValue(f, raw)
		if problem == "" && f.Required && len(rows) == 0 {
			problem = "error.required"
		}
		if problem != "" {
			p[name] = problem
			continue
		}
		before := ValueText(f, old[recordID][f.Key])
		after := ValueText(f, displayValue(f, rows))
		if before != after {
			changes[name] = FieldChange{From: before, To: after}
		}
		writes = append(writes, write{f, rows})
	}
	for key := range in {
		if !known[key] {
			p["custom_fields."+key] = "error.field_unknown"
		}
	}
	if len(p) > 0 {
		return nil, nil
	}
	for _, w := range writes {
		if err := store.SetFieldValues(ctx, tx, w.f.ID, recordID, w.rows); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

// customText is the text of a record's text-like custom values, for the
// search index.
func customText(ctx context.Context, q store.Querier, entity, id string) (string, error) {
	texts, err := customTexts(ctx, q, entity, []string{id})
	return texts[id], err
}

// customTexts is customText for many records with one read of the field
// definitions, protections and values: a search rebuild indexes
// thousands of records per transaction.
func customTexts(ctx context.Context, q store.Querier, entity string, ids []string) (map[string]string, error) {
	fields, err := searchableFieldsOf(ctx, q, entity)
	if err != nil || len(fields) == 0 {
		return nil, err
	}
	values, err := customValuesOf(ctx, q, fields, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		out[id] = fields.text(values[id])
	}
	return out, nil
}

// searchableFields are the custom fields of one kind of record whose
// values go into the search index.
type searchableFields []CustomField

// searchableFieldsOf picks the text-like fields of entity. A field hidden
// from any role stays out of the shared index: a search that matched on
// it would tell that role what the field holds.
func searchableFieldsOf(ctx context.Context, q store.Querier, entity string) (searchableFields, error) {
	fields, err := store.CustomFields(ctx, q, entity)
	if err != nil || len(fields) == 0 {
		return nil, err
	}
	prot, err := store.FieldProtections(ctx, q)
	if err != nil {
		return nil, err
	}
	var out searchableFields
	for _, f := range fields {
		switch f.Type {
		case "text", "long_text", "url", "email", "phone", "select", "multi_select":
			if !hiddenFromAnyRole(prot[f.ID]) {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// text is one record's values of the fields, in the fields' order.
func (fields searchableFields) text(values CustomValues) string {
	var words []string
	for _, f := range fields {
		if s := ValueText(f, values[f.Key]); s != "" {
			words = append(words, s)
		}
	}
	return strings.Join(words, " ")
}

// FieldGroup is the fields of one group with a record's values, for
// record pages.
type FieldGroup struct {
	Name   string
	Fields []FieldValue
}

// FieldValue is one field with a record's value, as text and as given.
type FieldValue struct {
	Field CustomField
	Value any
	Text  string
}

// GroupedValues arranges a record's custom values by group for its page.
func GroupedValues(fields []CustomField, values CustomValues) []FieldGroup {
	var groups []FieldGroup
	index := map[string]int{}
	for _, f := range fields {
		i, ok := index[f.Group]
		if !ok {
			i = len(groups)
			index[f.Group] = i
			groups = append(groups, FieldGroup{Name: f.Group})
		}
		v := values[f.Key]
		groups[i].Fields = append(groups[i].Fields, FieldValue{Field: f, Value: v, Text: ValueText(f, v)})
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Name < groups[j].Name })
	return groups
}

func hiddenFromAnyRole(modes map[string]string) bool {
	for _, mode := range modes {
		if mode == "hidden" {
			return true
		}
	}
	return false
}
