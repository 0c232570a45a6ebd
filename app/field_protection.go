package app

import (
	"context"
	"errors"
	"strings"

	"rolo/store"
)

// Field protection: an admin may hide a custom field from chosen roles or
// make it read-only for them. Hidden values are left out of record reads
// (pages, API, exports); a write that changes a hidden or read-only value
// is refused. Admins are never limited.

// Field protection modes.
const (
	FieldHidden   = "hidden"
	FieldReadOnly = "read_only"
)

// FieldProtections gives, per custom field id, each limited role's mode.
func (a *App) FieldProtections(ctx context.Context) (map[string]map[string]string, error) {
	return store.FieldProtections(ctx, a.db.Reader())
}

// SetFieldProtection sets how a role may use a custom field: mode "" (see
// and edit), FieldReadOnly or FieldHidden (settings: manage).
func (a *App) SetFieldProtection(ctx context.Context, actor Actor, fieldID string, role Role, mode string) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	if !role.Valid() || role == RoleAdmin || (mode != "" && mode != FieldHidden && mode != FieldReadOnly) {
		return Invalid(map[string]string{"protection": "error.permission_invalid"})
	}
	if _, err := store.CustomFieldByID(ctx, a.db.Reader(), fieldID); errors.Is(err, store.ErrNotFound) {
		return errorf(ENotFound, "error.field_not_found")
	} else if err != nil {
		return err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.SetFieldProtection(ctx, tx, fieldID, string(role), mode); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionFieldProtectionChanged, Entity: "custom_field", ID: fieldID,
			Details: map[string]any{"role": string(role), "mode": mode}})
	})
	if err != nil {
		return err
	}
	// Hidden values leave the search index, and return when unhidden.
	return a.RebuildSearchIndex(ctx, nil)
}

// protectedKeys gives the keys of entity's custom fields that actor's
// role may not see (hidden) and may not change (hidden or read-only).
func (a *App) protectedKeys(ctx context.Context, q store.Querier, actor Actor, entity string) (hidden, locked map[string]bool, err error) {
	if actor == nil || actor.Role == RoleAdmin {
		return nil, nil, nil
	}
	prot, err := store.FieldProtections(ctx, q)
	if err != nil || len(prot) == 0 {
		return nil, nil, err
	}
	fields, err := a.readFields(ctx, q, entity)
	if err != nil {
		return nil, nil, err
	}
	hidden, locked = map[string]bool{}, map[string]bool{}
	for _, f := range fields {
		switch prot[f.ID][string(actor.Role)] {
		case FieldHidden:
			hidden[f.Key], locked[f.Key] = true, true
		case FieldReadOnly:
			locked[f.Key] = true
		}
	}
	return hidden, locked, nil
}

// hideFields removes the values actor may not see from records' custom
// values.
func (a *App) hideFields(ctx context.Context, actor Actor, entity string, values ...CustomValues) error {
	hidden, _, err := a.protectedKeys(ctx, a.db.Reader(), actor, entity)
	if err != nil || len(hidden) == 0 {
		return err
	}
	for _, v := range values {
		for key := range hidden {
			delete(v, key)
		}
	}
	return nil
}

// checkFieldWrites refuses a write that changed a custom value actor may
// not change; changes are applyCustomValues' result, inside tx, which the
// refusal rolls back.
func (a *App) checkFieldWrites(ctx context.Context, tx *store.Tx, actor Actor, entity string, changes map[string]FieldChange) error {
	if len(changes) == 0 {
		return nil
	}
	_, locked, err := a.protectedKeys(ctx, tx, actor, entity)
	if err != nil || len(locked) == 0 {
		return err
	}
	p := map[string]string{}
	for name := range changes {
		if locked[strings.TrimPrefix(name, "custom_fields.")] {
			p[name] = "error.field_read_only"
		}
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}

// hideExportFields drops the columns of fields hidden from actor.
func (a *App) hideExportFields(ctx context.Context, actor Actor, ex *exporter) error {
	hidden, _, err := a.protectedKeys(ctx, a.db.Reader(), actor, ex.entity)
	if err != nil || len(hidden) == 0 {
		return err
	}
	cols := ex.columns[:0:0]
	for _, c := range ex.columns {
		if !hidden[strings.TrimPrefix(c, "cf.")] || !strings.HasPrefix(c, "cf.") {
			cols = append(cols, c)
		}
	}
	ex.columns = cols
	return nil
}

// FieldsFor lists entity's custom fields that actor may see, for forms
// and record pages: a hidden field has no input, so saving the form keeps
// its value.
func (a *App) FieldsFor(ctx context.Context, actor Actor, entity string) ([]CustomField, error) {
	fields, err := a.CustomFields(ctx, entity)
	if err != nil {
		return nil, err
	}
	hidden, _, err := a.protectedKeys(ctx, a.db.Reader(), actor, entity)
	if err != nil || len(hidden) == 0 {
		return fields, err
	}
	out := fields[:0:0]
	for _, f := range fields {
		if !hidden[f.Key] {
			out = append(out, f)
		}
	}
	return out, nil
}
