package app

import (
	"context"
	"strings"

	"rolo/store"
)

// A web form may ask for contact custom fields too. They are named in the
// form's field list, and as its inputs, "custom_fields.<key>": the name
// the custom-field rules give their problems, so an error lands beside
// its input.

// formCustomPrefix marks a custom field in a form's field list.
const formCustomPrefix = "custom_fields."

// formCustomFields lists the contact custom fields a form may ask for.
func (a *App) FormCustomFields(ctx context.Context) ([]CustomField, error) {
	return store.CustomFields(ctx, a.db.Reader(), "contact")
}

// withCustomFields fills f.Custom: the definitions of the custom fields
// its list names (a field deleted since is dropped from the form).
func (a *App) withCustomFields(ctx context.Context, q store.Querier, f *WebForm) error {
	if !strings.Contains(f.Fields, formCustomPrefix) {
		return nil
	}
	fields, err := store.CustomFields(ctx, q, "contact")
	if err != nil {
		return err
	}
	byKey := map[string]CustomField{}
	for _, cf := range fields {
		byKey[cf.Key] = cf
	}
	f.Custom = map[string]CustomField{}
	kept := f.FieldList[:0]
	for _, name := range f.FieldList {
		key, custom := strings.CutPrefix(name, formCustomPrefix)
		if !custom {
			kept = append(kept, name)
			continue
		}
		if cf, ok := byKey[key]; ok {
			f.Custom[name] = cf
			kept = append(kept, name)
		}
	}
	f.FieldList = kept
	return nil
}

// formCustomChoice keeps the custom fields of in that exist, as
// "custom_fields.<key>", in the order given; an unknown one is a problem.
func formCustomChoice(fields []CustomField, in []string, p map[string]string) []string {
	var out []string
	for _, name := range in {
		key, custom := strings.CutPrefix(name, formCustomPrefix)
		if !custom {
			continue
		}
		found := false
		for _, cf := range fields {
			found = found || cf.Key == key
		}
		if !found {
			p["fields"] = "error.field_unknown"
			continue
		}
		if !contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// saveFormCustom stores the custom fields a submission filled in. Each is
// checked as on the contact form (type, options, required when the form
// asks for it); a field left empty keeps the contact's value. write false
// only checks them; with onlyEmpty a field that has a value keeps it.
// Problems are returned keyed by input name, and the caller's transaction
// then saves nothing. It returns the changes, as from → to text, for the
// audit log.
func (a *App) saveFormCustom(ctx context.Context, tx *store.Tx, f WebForm, contactID string, v map[string]string, write, onlyEmpty bool) (map[string]FieldChange, error) {
	p := map[string]string{}
	changes := map[string]FieldChange{}
	var fields []CustomField
	for _, cf := range f.Custom {
		fields = append(fields, cf)
	}
	old, err := customValuesOf(ctx, tx, fields, []string{contactID})
	if err != nil {
		return nil, err
	}
	for _, name := range f.FieldList {
		cf, ok := f.Custom[name]
		if !ok {
			continue
		}
		raw := strings.TrimSpace(v[name])
		rows, problem := a.storedValue(cf, raw)
		if problem == "" && cf.Required && len(rows) == 0 {
			problem = "error.required"
		}
		if problem != "" {
			p[name] = problem
			continue
		}
		if len(rows) == 0 || !write || (onlyEmpty && old[contactID][cf.Key] != nil) {
			continue
		}
		if err := store.SetFieldValues(ctx, tx, cf.ID, contactID, rows); err != nil {
			return nil, err
		}
		if before, after := ValueText(cf, old[contactID][cf.Key]), ValueText(cf, displayValue(cf, rows)); before != after {
			changes[name] = FieldChange{From: before, To: after}
		}
	}
	if len(p) > 0 {
		return nil, Invalid(p)
	}
	return changes, nil
}
