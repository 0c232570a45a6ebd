package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"rolo/store"
)

// dumpReader turns the store's rows into the typed records of a Dump,
// and knows the names that references carry beside their ids.
type dumpReader struct {
	ctx       context.Context
	q         store.Querier
	users     map[string]store.DumpRow
	companies map[string]string // id → name
	contacts  map[string]string // id → display name
	stages    map[string]string // id → name (or catalog key)
	pipelines map[string]string
	fields    map[string]DumpCustomField // id → field
	values    map[string]DumpCustom      // record id → values
}

func newDumpReader(ctx context.Context, q store.Querier) (*dumpReader, error) {
	r := &dumpReader{ctx: ctx, q: q, users: map[string]store.DumpRow{}, companies: map[string]string{}, contacts: map[string]string{},
		stages: map[string]string{}, pipelines: map[string]string{}}
	users, err := r.table("users")
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		r.users[cell(u, "id")] = u
	}
	for table, names := range map[string]map[string]string{"companies": r.companies, "contacts": r.contacts, "stages": r.stages, "pipelines": r.pipelines} {
		rows, err := r.table(table)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			name := cell(row, "name") + cell(row, "display_name")
			if name == "" {
				name = cell(row, "name_key")
			}
			names[cell(row, "id")] = name
		}
	}
	fields, err := r.customFields()
	if err != nil {
		return nil, err
	}
	r.fields = map[string]DumpCustomField{}
	for _, f := range fields {
		r.fields[f.ID] = f
	}
	return r, r.loadValues()
}

func (r *dumpReader) table(name string) ([]store.DumpRow, error) {
	return store.DumpTable(r.ctx, r.q, name)
}

// cell reads a column as text ("" for NULL).
func cell(row store.DumpRow, col string) string {
	switch v := row.Value(col).(type) {
	case nil:
		return ""
	case string:
		return v
	case []byte:
		return string(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return fmt.Sprint(row.Value(col))
}

// nullable reads a column that may be NULL or ” as a JSON null.
func nullable(row store.DumpRow, col string) *string {
	if s := cell(row, col); s != "" {
		return &s
	}
	return nil
}

func number(row store.DumpRow, col string) int64 {
	switch v := row.Value(col).(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	}
	n, _ := strconv.ParseInt(cell(row, col), 10, 64)
	return n
}

func (r *dumpReader) userRef(id string) *DumpRef {
	if id == "" {
		return nil
	}
	return &DumpRef{ID: id, Email: cell(r.users[id], "email")}
}

// ref names a record by id and name, or null when it is not in the
// dump (trashed).
func ref(names map[string]string, id string) *DumpRef {
	name, ok := names[id]
	if !ok {
		return nil
	}
	return &DumpRef{ID: id, Name: name}
}

// groupBy collects rows by one column, keeping their order.
func groupBy(rows []store.DumpRow, col string) map[string][]store.DumpRow {
	out := map[string][]store.DumpRow{}
	for _, row := range rows {
		out[cell(row, col)] = append(out[cell(row, col)], row)
	}
	return out
}

func (r *dumpReader) labeled(table string) (map[string][]DumpLabeled, error) {
	rows, err := r.table(table)
	if err != nil {
		return nil, err
	}
	out := map[string][]DumpLabeled{}
	for _, row := range rows {
		id := cell(row, "contact_id")
		out[id] = append(out[id], DumpLabeled{Value: cell(row, "value"), Label: cell(row, "label")})
	}
	return out, nil
}

// tagNames reads a record kind's tags by record id.
func (r *dumpReader) tagNames(table string) (map[string][]string, error) {
	rows, err := r.table(table)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, row := range rows {
		id := cell(row, "record_id")
		out[id] = append(out[id], cell(row, "name"))
	}
	return out, nil
}

func (r *dumpReader) customFields() ([]DumpCustomField, error) {
	rows, err := r.table("custom_fields")
	if err != nil {
		return nil, err
	}
	opts, err := r.table("custom_field_options")
	if err != nil {
		return nil, err
	}
	byField := groupBy(opts, "field_id")
	out := make([]DumpCustomField, 0, len(rows))
	for _, row := range rows {
		f := DumpCustomField{ID: cell(row, "id"), Entity: cell(row, "entity"), Key: cell(row, "key"), Label: cell(row, "label"),
			Type: cell(row, "type"), Help: cell(row, "help"), Required: number(row, "required") != 0, Group: cell(row, "group_name"),
			Position: int(number(row, "position")), Currency: cell(row, "currency"), Options: []DumpOption{},
			CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")}
		for _, o := range byField[f.ID] {
			f.Options = append(f.Options, DumpOption{ID: cell(o, "id"), Label: cell(o, "label")})
		}
		out = append(out, f)
	}
	return out, nil
}

// loadValues reads every custom value, typed by its field.
func (r *dumpReader) loadValues() error {
	rows, err := r.table("custom_values")
	if err != nil {
		return err
	}
	r.values = map[string]DumpCustom{}
	multi := map[[2]string][]string{} // (record, field) → option ids
	for _, row := range rows {
		f, ok := r.fields[cell(row, "field_id")]
		if !ok {
			continue
		}
		rec := cell(row, "record_id")
		var v any
		switch f.Type {
		case "number":
			x, _ := strconv.ParseFloat(cell(row, "value"), 64)
			v = x
		case "money":
			v = DumpMoney{Minor: number(row, "value"), Currency: cell(row, "currency")}
		case "bool":
			v = number(row, "value") != 0
		case "select":
			v = optionLabelOf(f, cell(row, "value"))
		case "multi_select":
			multi[[2]string{rec, f.ID}] = append(multi[[2]string{rec, f.ID}], cell(row, "value"))
			continue
		default:
			v = cell(row, "value")
		}
		if err := r.setValue(rec, f.Key, v); err != nil {
			return err
		}
	}
	for k, ids := range multi {
		f := r.fields[k[1]]
		labels := []string{}
		for _, o := range f.Options { // in the options' order, as the API shows them
			for _, id := range ids {
				if id == o.ID {
					labels = append(labels, o.Label)
				}
			}
		}
		if err := r.setValue(k[0], f.Key, labels); err != nil {
			return err
		}
	}
	return nil
}

func (r *dumpReader) setValue(record, key string, v any) error {
	b, err := rawJSON(v)
	if err != nil {
		return err
	}
	if r.values[record] == nil {
		r.values[record] = DumpCustom{}
	}
	r.values[record][key] = b
	return nil
}

func optionLabelOf(f DumpCustomField, id string) string {
	for _, o := range f.Options {
		if o.ID == id {
			return o.Label
		}
	}
	return id
}

// custom gives a record's values, leaving out the hidden fields' keys.
func (r *dumpReader) custom(id string, hidden map[string]bool) DumpCustom {
	out := DumpCustom{}
	for k, v := range r.values[id] {
		if !hidden[k] {
			out[k] = v
		}
	}
	return out
}

// rawJSON encodes v as the document does: <, > and & as themselves.
func rawJSON(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
