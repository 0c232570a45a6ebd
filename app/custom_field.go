package app

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"

	"rolo/store"
)

// CustomField is the definition of a field admins added to an entity.
type CustomField = store.CustomField

// FieldOption is one choice of a select or multi select field.
type FieldOption = store.FieldOption

// FieldTypes are the kinds of custom field, in the order forms offer them.
var FieldTypes = []string{"text", "long_text", "number", "money", "date", "bool", "select", "multi_select", "url", "email", "phone"}

// FieldEntities are the records custom fields can be added to.
var FieldEntities = []string{"contact", "company", "deal"}

// FieldInput is what the settings page or the API says about a field.
// Key is set once, at creation; Options keep their ID when renamed, and an
// option without an ID is new.
type FieldInput struct {
	Key      string
	Label    string
	Type     string
	Help     string
	Required bool
	Group    string
	Position int
	Currency string
	Options  []FieldOption
}

var fieldKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// CustomFields lists an entity's custom fields in form order. Imports,
// exports and the API name fields by their Key.
func (a *App) CustomFields(ctx context.Context, entity string) ([]CustomField, error) {
	if !contains(FieldEntities, entity) {
		return nil, errorf(ENotFound, "error.not_found")
	}
	fields, err := a.readFields(ctx, a.db.Reader(), entity)
	return slices.Clone(fields), err // the cache's own stays as it is
}

// CustomField loads one definition.
func (a *App) CustomField(ctx context.Context, id string) (CustomField, error) {
	f, err := store.CustomFieldByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return f, errorf(ENotFound, "error.field_not_found")
	}
	return f, err
}

// slugKey makes a field key from a label: "Renewal date" gives renewal_date.
func slugKey(label string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(label) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	key := strings.Trim(b.String(), "_")
	if key == "" || key[0] >= '0' && key[0] <= '9' {
		key = "field_" + key
	}
	if len(key) > 63 {
		key = key[:63]
	}
	return strings.TrimRight(key, "_")
}

func (a *App) checkField(in FieldInput, f *CustomField) map[string]string {
	p := map[string]string{}
	var problem string
	if f.Label, problem = cleanText(in.Label, 200, false); problem != "" {
		p["label"] = problem
	} else if f.Label == "" {
		p["label"] = "error.required"
	}
	if f.Help, problem = cleanText(in.Help, 500, false); problem != "" {
		p["help"] = problem
	}
	if f.Group, problem = cleanText(in.Group, 100, false); problem != "" {
		p["group"] = problem
	}
	f.Required, f.Position = in.Required, in.Position
	f.Type = strings.TrimSpace(in.Type)
	if !contains(FieldTypes, f.Type) {
		p["type"] = "error.field_type_invalid"
	}
	f.Currency = ""
	if f.Type == "money" {
		code, ok := NormalizeCurrency(in.Currency)
		if !ok {
			p["currency"] = "error.currency_invalid"
		}
		f.Currency = code
	}
	f.Options = nil
	if f.Type == "select" || f.Type == "multi_select" {
		seen := map[string]bool{}
		for _, o := range in.Options {
			label, problem := cleanText(o.Label, 200, false)
			if problem != "" || label == "" {
				continue
			}
			if seen[foldKey(label)] {
				p["options"] = "error.option_duplicate"
			}
			seen[foldKey(label)] = true
			id := strings.TrimSpace(o.ID)
			if id == "" {
				id = a.cfg.NewID()
			}
			f.Options = append(f.Options, FieldOption{ID: id, Label: label})
		}
		if len(f.Options) == 0 {
			p["options"] = "error.options_required"
		}
	}
	return p
}

// CreateCustomField adds a field to an entity. The key defaults to a slug
// of the label and never changes afterwards.
func (a *App) CreateCustomField(ctx context.Context, actor Actor, entity string, in FieldInput) (CustomField, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return CustomField{}, err
	}
	f := CustomField{ID: a.cfg.NewID(), Entity: entity}
	p := a.checkField(in, &f)
	if !contains(FieldEntities, entity) {
		p["entity"] = "error.field_entity_invalid"
	}
	f.Key = strings.TrimSpace(strings.ToLower(in.Key))
	if f.Key == "" {
		f.Key = slugKey(f.Label)
	}
	if !fieldKeyPattern.MatchString(f.Key) {
		p["key"] = "error.field_key_invalid"
	}
	if len(p) > 0 {
		return f, Invalid(p)
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutCustomField(ctx, tx, f); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return Invalid(map[string]string{"key": "error.field_key_taken"})
			}
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionCustomFieldCreated, Entity: "custom_field", ID: f.ID, Name: f.Label,
			Details: map[string]any{"entity": entity, "key": f.Key, "type": f.Type}})
	})
	if err != nil {
		return CustomField{}, err
	}
	return a.CustomField(ctx, f.ID)
}

// UpdateCustomField changes a field's label, help, group, position,
// required flag, options or type. A type change is refused while stored
// values would not convert, naming how many records hold such values;
// removing an option is refused while records still choose it.
func (a *App) UpdateCustomField(ctx context.Context, actor Actor, id string, in FieldInput) (CustomField, error) {
	return a.changeCustomField(ctx, actor, id, nil, func(have *FieldInput) { *have = in })
}

func (a *App) changeCustomField(ctx context.Context, actor Actor, id string, version *int, edit func(*FieldInput)) (CustomField, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return CustomField{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := fieldIn(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := stale(old.Version, version); err != nil {
			return err
		}
		in := FieldInputOf(old)
		edit(&in)
		return a.updateCustomField(ctx, tx, actor, old, in)
	})
	if err != nil {
		return CustomField{}, err
	}
	return a.CustomField(ctx, id)
}

// fieldIn loads a field inside tx.
func fieldIn(ctx context.Context, tx *store.Tx, id string) (CustomField, error) {
	f, err := store.CustomFieldByID(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) {
		return f, errorf(ENotFound, "error.field_not_found")
	}
	return f, err
}

// updateCustomField saves in over old inside tx, with UpdateCustomField's
// rules.
func (a *App) updateCustomField(ctx context.Context, tx *store.Tx, actor Actor, old CustomField, in FieldInput) error {
	id := old.ID
	f := old
	if p := a.checkField(in, &f); len(p) > 0 {
		return Invalid(p)
	}
	kept := map[string]bool{}
	for _, o := range f.Options {
		kept[o.ID] = true
	}
	if old.Type == f.Type || sameShape(old.Type, f.Type) {
		for _, o := range old.Options {
			if kept[o.ID] {
				continue
			}
			n, err := store.CountOptionUse(ctx, tx, id, o.ID)
			if err != nil {
				return err
			}
			if n > 0 {
				return &Error{Code: EConflict, Message: "error.option_in_use", Fields: map[string]string{"options": "error.option_in_use"}, Count: n}
			}
		}
	}
	if err := store.PutCustomField(ctx, tx, f); err != nil {
		return err
	}
	if old.Type != f.Type {
		if err := a.convertValues(ctx, tx, old, f); err != nil {
			return err
		}
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionCustomFieldUpdated, Entity: "custom_field", ID: id, Name: f.Label,
		Details: map[string]any{"entity": f.Entity, "key": f.Key, "from_type": old.Type, "type": f.Type}})
}

// sameShape: select and multi select share option ids.
func sameShape(from, to string) bool {
	isSelect := func(t string) bool { return t == "select" || t == "multi_select" }
	return isSelect(from) && isSelect(to)
}

// convertValues rewrites every value of a field in its new type, or
// refuses with the number of records whose value would not convert.
func (a *App) convertValues(ctx context.Context, tx *store.Tx, old, f CustomField) error {
	values, err := store.FieldValues(ctx, tx, old.ID)
	if err != nil {
		return err
	}
	byRecord := map[string][]store.CustomValue{}
	var order []string
	for _, v := range values {
		if _, ok := byRecord[v.RecordID]; !ok {
			order = append(order, v.RecordID)
		}
		byRecord[v.RecordID] = append(byRecord[v.RecordID], v)
	}
	converted := map[string][]store.CustomValue{}
	bad := 0
	for _, rec := range order {
		shown := displayValue(old, byRecord[rec])
		out, problem := a.storedValue(f, shown)
		if problem != "" {
			bad++
			continue
		}
		converted[rec] = out
	}
	if bad > 0 {
		return &Error{Code: EConflict, Message: "error.field_type_unconvertible",
			Fields: map[string]string{"type": "error.field_type_unconvertible"}, Count: bad}
	}
	for _, rec := range order {
		if err := store.SetFieldValues(ctx, tx, f.ID, rec, converted[rec]); err != nil {
			return err
		}
	}
	return nil
}

// deletedField is what a field's deletion keeps in the audit log, so that
// RestoreCustomField can bring it back with every value.
type deletedField struct {
	Field  CustomField         `json:"field"`
	Values []store.CustomValue `json:"values"`
}

// DeleteCustomField removes a field and its values; the audit entry keeps
// both, and RestoreCustomField(entry id) undoes the deletion.
func (a *App) DeleteCustomField(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		f, err := store.CustomFieldByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.field_not_found")
		}
		if err != nil {
			return err
		}
		values, err := store.FieldValues(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := store.DeleteCustomField(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionCustomFieldDeleted, Entity: "custom_field", ID: id, Name: f.Label,
			Details: map[string]any{"entity": f.Entity, "key": f.Key, "deleted": deletedField{Field: f, Values: values}}})
	})
}

// RestoreCustomField recreates a deleted field with its options and values
// from the audit entry of its deletion. Values of records since purged are
// skipped.
func (a *App) RestoreCustomField(ctx context.Context, actor Actor, auditID string) (CustomField, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return CustomField{}, err
	}
	var id string
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		entry, err := store.AuditByID(ctx, tx, auditID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && entry.Action != string(ActionCustomFieldDeleted)) {
			return errorf(ENotFound, "error.field_not_found")
		}
		if err != nil {
			return err
		}
		var details struct {
			Deleted deletedField `json:"deleted"`
		}
		if err := json.Unmarshal([]byte(entry.Details), &details); err != nil {
			return err
		}
		f := details.Deleted.Field
		if _, err := store.CustomFieldByID(ctx, tx, f.ID); err == nil {
			return errorf(EConflict, "error.field_already_restored")
		}
		id = f.ID
		if err := store.PutCustomField(ctx, tx, f); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return Invalid(map[string]string{"key": "error.field_key_taken"})
			}
			return err
		}
		byRecord := map[string][]store.CustomValue{}
		for _, v := range details.Deleted.Values {
			if n, ok := v.Value.(float64); ok && f.Type != "number" {
				v.Value = int64(n) // JSON made money and yes/no float
			}
			byRecord[v.RecordID] = append(byRecord[v.RecordID], v)
		}
		for rec, vs := range byRecord {
			if !recordExists(ctx, tx, f.Entity, rec) {
				continue
			}
			if err := store.SetFieldValues(ctx, tx, f.ID, rec, vs); err != nil {
				return err
			}
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionCustomFieldRestored, Entity: "custom_field", ID: f.ID, Name: f.Label,
			Details: map[string]any{"entity": f.Entity, "key": f.Key}})
	})
	if err != nil {
		return CustomField{}, err
	}
	return a.CustomField(ctx, id)
}

func recordExists(ctx context.Context, q store.Querier, entity, id string) bool {
	var err error
	switch entity {
	case "contact":
		_, err = store.ContactByID(ctx, q, id)
	case "company":
		_, err = store.CompanyByID(ctx, q, id)
	default:
		_, err = store.DealByID(ctx, q, id)
	}
	return err == nil
}
