package app

import (
	"context"

	"rolo/store"
)

// maxListColumns bounds the custom columns of one list.
const maxListColumns = 8

// ListColumns gives the custom fields actor chose to see as columns of an
// entity's list, in their order; fields deleted since, or hidden from
// actor's role since, are left out.
func (a *App) ListColumns(ctx context.Context, actor Actor, entity string) ([]CustomField, error) {
	if actor == nil {
		return nil, nil
	}
	keys, err := store.ListColumns(ctx, a.db.Reader(), actor.ID, entity)
	if err != nil || len(keys) == 0 {
		return nil, err
	}
	fields, err := a.FieldsFor(ctx, actor, entity)
	if err != nil {
		return nil, err
	}
	byKey := map[string]CustomField{}
	for _, f := range fields {
		byKey[f.Key] = f
	}
	var out []CustomField
	for _, k := range keys {
		if f, ok := byKey[k]; ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// SetListColumns keeps actor's choice of custom columns for a list.
func (a *App) SetListColumns(ctx context.Context, actor Actor, entity string, keys []string) error {
	if actor == nil {
		return errorf(EForbidden, "error.forbidden")
	}
	if !contains(FieldEntities, entity) {
		return Invalid(map[string]string{"entity": "error.field_entity_invalid"})
	}
	fields, err := a.FieldsFor(ctx, actor, entity)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, f := range fields {
		known[f.Key] = true
	}
	var clean []string
	for _, k := range keys {
		if known[k] && !contains(clean, k) && len(clean) < maxListColumns {
			clean = append(clean, k)
		}
	}
	return a.db.Write(ctx, func(tx *store.Tx) error { return store.PutListColumns(ctx, tx, actor.ID, entity, clean) })
}

// ColumnTexts gives the text of the columns' values for a page of records:
// record id → field key → text.
func (a *App) ColumnTexts(ctx context.Context, columns []CustomField, ids []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	if len(columns) == 0 {
		return out, nil
	}
	values, err := customValuesOf(ctx, a.db.Reader(), columns, ids)
	if err != nil {
		return nil, err
	}
	for id, vs := range values {
		m := map[string]string{}
		for _, f := range columns {
			m[f.Key] = ValueText(f, vs[f.Key])
		}
		out[id] = m
	}
	return out, nil
}
