package app

import (
	"context"
	"strings"
)

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

// SettingsChange changes the instance's settings; nil members stay.
type SettingsChange struct {
	RetentionDays        *int
	PhoneRegion          *string
	EmailLogging         *bool
	AllowPrivateWebhooks *bool
}

// PatchSettings checks every member first, so a refused one changes
// nothing, then saves each with its own setter (settings: manage).
func (a *App) PatchSettings(ctx context.Context, actor Actor, ch SettingsChange) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	p := map[string]string{}
	if ch.RetentionDays != nil && (*ch.RetentionDays < 0 || *ch.RetentionDays > maxRetentionDays) {
		p["retention_days"] = "error.retention_invalid"
	}
	if ch.PhoneRegion != nil && !ValidRegion(strings.ToUpper(strings.TrimSpace(*ch.PhoneRegion))) {
		p["phone_region"] = "error.region_invalid"
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	if ch.RetentionDays != nil {
		if err := a.SetRetentionDays(ctx, actor, *ch.RetentionDays); err != nil {
			return err
		}
	}
	if ch.PhoneRegion != nil {
		if err := a.SetPhoneRegion(ctx, actor, *ch.PhoneRegion); err != nil {
			return err
		}
	}
	if ch.EmailLogging != nil {
		if err := a.SetEmailLogging(ctx, actor, *ch.EmailLogging); err != nil {
			return err
		}
	}
	if ch.AllowPrivateWebhooks != nil {
		return a.SetAllowPrivateWebhooks(ctx, actor, *ch.AllowPrivateWebhooks)
	}
	return nil
}
