package app

import "context"

// The API changes settings (custom fields, tags, activity types, goals,
// segments, webhooks, web forms) with a merge patch at the version the
// client last read, as it changes records: the check runs inside the
// transaction that makes the change, so two clients cannot overwrite each
// other unseen. The settings pages read and write in one step and pass no
// version.

// stale refuses a change when the caller read another version than the
// stored one; no version (the pages) is never stale.
func stale(stored int, version *int) error {
	if version != nil && *version != stored {
		return errorf(EConflict, "error.stale")
	}
	return nil
}

// applyChange sets *dst to *v when a change names v.
func applyChange[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// PatchCustomField changes the field id if it is still at version: edit
// changes the field's input as stored (FieldInputOf), with the rules of
// UpdateCustomField.
func (a *App) PatchCustomField(ctx context.Context, actor Actor, id string, version int, edit func(*FieldInput)) (CustomField, error) {
	return a.changeCustomField(ctx, actor, id, &version, edit)
}

// FieldInputOf is a stored field as its form shows it.
func FieldInputOf(f CustomField) FieldInput {
	return FieldInput{Key: f.Key, Label: f.Label, Type: f.Type, Help: f.Help, Required: f.Required, Group: f.Group,
		Position: f.Position, Currency: f.Currency, Options: append([]FieldOption{}, f.Options...)}
}
