package app

import (
	"context"

	"rolo/store"
)

// applyCustomValues saves a record's custom values inside its write and
// turns field problems into an invalid error (custom_fields.<key>).
// saveTagsAndCustom stores a contact's or company's tags (creating new
// ones) and custom values inside tx, refusing values the actor's role may
// not write; it returns the tags and the custom values' changes for the
// audit log.
func (a *App) saveTagsAndCustom(ctx context.Context, tx *store.Tx, actor Actor, entity, id string, tagNames []string, in CustomValues,
	created bool) ([]Tag, map[string]FieldChange, error) {
	tags, err := a.ensureTags(ctx, tx, actor, tagNames)
	if err != nil {
		return nil, nil, err
	}
	if err := store.SetTags(ctx, tx, entity, id, tagIDs(tags)); err != nil {
		return nil, nil, err
	}
	custom, err := a.applyCustomValues(ctx, tx, entity, id, in, created)
	if err != nil {
		return nil, nil, err
	}
	return tags, custom, a.checkFieldWrites(ctx, tx, actor, entity, custom)
}

func (a *App) applyCustomValues(ctx context.Context, tx *store.Tx, entity, id string, in CustomValues, created bool) (map[string]FieldChange, error) {
	p := map[string]string{}
	changes, err := a.saveCustomValues(ctx, tx, entity, id, in, created, p)
	if err != nil {
		return nil, err
	}
	if len(p) > 0 {
		return nil, Invalid(p)
	}
	return changes, nil
}

// withCustom adds the custom values a create set to its audit fields.
func withCustom(fields map[string]string, custom map[string]FieldChange) map[string]string {
	for k, v := range custom {
		fields[k] = v.To
	}
	return fields
}

// fillCustom loads the custom values of records into their CustomFields.
func (a *App) fillCustom(ctx context.Context, entity string, ids []string, set func(i int, v CustomValues)) error {
	fields, err := a.readFields(ctx, a.db.Reader(), entity)
	if err != nil || len(fields) == 0 {
		return err
	}
	values, err := customValuesOf(ctx, a.db.Reader(), fields, ids)
	if err != nil {
		return err
	}
	for i, id := range ids {
		v := values[id]
		if v == nil {
			v = CustomValues{}
		}
		set(i, v)
	}
	return nil
}

// fillContacts sets the custom values of cs: from the values their read
// brought (their cards), and from one more read for those it did not.
func (a *App) fillContacts(ctx context.Context, cs []Contact) error {
	var ids []string
	var at []int
	read := false
	for i, c := range cs {
		if c.CustomRead {
			read = true
		} else {
			ids, at = append(ids, c.ID), append(at, i)
		}
	}
	if read {
		fields, err := a.readFields(ctx, a.db.Reader(), "contact")
		if err != nil {
			return err
		}
		var of []store.CustomValue
		for i := range cs {
			if cs[i].CustomRead && len(fields) > 0 {
				cs[i].CustomFields = recordCustomValues(fields, cs[i].StoredCustom, &of)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return a.fillCustom(ctx, "contact", ids, func(i int, v CustomValues) { cs[at[i]].CustomFields = v })
}

func (a *App) fillCompanies(ctx context.Context, cs []Company) error {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return a.fillCustom(ctx, "company", ids, func(i int, v CustomValues) { cs[i].CustomFields = v })
}

func (a *App) fillDeals(ctx context.Context, ds []Deal) error {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return a.fillCustom(ctx, "deal", ids, func(i int, v CustomValues) { ds[i].CustomFields = v })
}

// addCustomText adds a record's text custom values to its search words.
func addCustomText(ctx context.Context, tx *store.Tx, entity, id string, doc *store.SearchDoc) error {
	text, err := customText(ctx, tx, entity, id)
	if err != nil {
		return err
	}
	appendCustomText(doc, text)
	return nil
}

// appendCustomText adds custom-field text to a search entry, CJK grams too.
func appendCustomText(doc *store.SearchDoc, text string) {
	if text == "" {
		return
	}
	doc.Words += " " + text
	uni, bi := cjkGrams(text)
	doc.CJK1 = joinNonEmpty(" ", doc.CJK1, uni)
	doc.CJK2 = joinNonEmpty(" ", doc.CJK2, bi)
}
