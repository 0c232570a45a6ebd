package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"rolo/store"
)

// MergeChoiceFields are the contact fields a field-by-field merge lets
// one choose, each taken whole from one record; "name" is the first,
// last and display names together. Emails, phones, profiles and tags are
// combined instead, and custom values keep the kept record's, filled from
// the others where it has none (see MergeContacts).
var MergeChoiceFields = []string{"name", "title", "company_id", "owner_id", "lifecycle_status", "lead_source",
	"birthday", "website", "address", "notes"}

// mergeTakeKeys are the MergeContacts fields behind a choice.
var mergeTakeKeys = map[string][]string{"name": {"first_name", "last_name", "display_name"}}

// MergeContactsChosen merges others into keep, one after the other, each
// field of MergeChoiceFields, and each custom field named
// "custom_fields.KEY", coming from the record picked for it (field →
// contact id; a field not picked, or picked from keep, keeps keep's
// value, filled from the others when empty). It returns the merges
// made, each of which UndoMerge reverses. Permission is MergeContacts'.
func (a *App) MergeContactsChosen(ctx context.Context, actor Actor, keep string, others []string, pick map[string]string) ([]Merge, error) {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return nil, err
	}
	var done []string
	for _, other := range others {
		if other == keep || slices.Contains(done, other) {
			continue
		}
		take := map[string]string{}
		for field, id := range pick {
			if id != other {
				continue
			}
			if strings.HasPrefix(field, customTakePrefix) {
				take[field] = "loser"
				continue
			}
			if !slices.Contains(MergeChoiceFields, field) {
				continue
			}
			keys := mergeTakeKeys[field]
			if keys == nil {
				keys = []string{field}
			}
			for _, k := range keys {
				take[k] = "loser"
			}
		}
		if err := a.MergeContacts(ctx, actor, keep, other, take); err != nil {
			return a.mergesOf(ctx, keep, done), err
		}
		done = append(done, other)
	}
	return a.mergesOf(ctx, keep, done), nil
}

// mergesOf finds the latest merges of merged into keep that can be undone.
func (a *App) mergesOf(ctx context.Context, keep string, merged []string) []Merge {
	if len(merged) == 0 {
		return nil
	}
	list, err := store.RecentMerges(ctx, a.db.Reader(), "contact", a.mergeUndoSince(), 50)
	if err != nil {
		return nil
	}
	var out []Merge
	for _, m := range list {
		if m.SurvivorID == keep && slices.Contains(merged, m.MergedID) &&
			!slices.ContainsFunc(out, func(o Merge) bool { return o.MergedID == m.MergedID }) {
			out = append(out, m)
		}
	}
	return out
}

// UndoMergesTogether undoes several merges into one contact, newest
// first, in one transaction: what a field-by-field merge of three or more
// contacts made. Undone one by one, each later merge moves the kept
// record's version on, so the earlier ones would leave its fields as
// they are (see UndoMerge); undone together, a record whose newer merge
// came back whole is known to be as the older merge left it, and gets
// its fields from before that merge too.
func (a *App) UndoMergesTogether(ctx context.Context, actor Actor, ids []string) ([]Merge, error) {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return nil, err
	}
	var list []Merge
	for _, id := range ids {
		m, err := store.MergeByID(ctx, a.db.Reader(), id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, errorf(ENotFound, "error.merge_not_found")
		}
		if err != nil {
			return nil, err
		}
		switch {
		case m.UndoneAt != "":
			return nil, errorf(EConflict, "error.merge_undone")
		case m.At < a.mergeUndoSince():
			return nil, errorf(EConflict, "error.merge_expired")
		case len(list) > 0 && (m.SurvivorID != list[0].SurvivorID || m.Entity != list[0].Entity):
			return nil, Invalid(map[string]string{"merge": "error.invalid"})
		}
		list = append(list, m)
	}
	// Newest first: ids are time-ordered, as RecentMerges lists them.
	slices.SortFunc(list, func(x, y Merge) int { return strings.Compare(y.At+y.ID, x.At+x.ID) })
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		rec := a.mergeRecord("")
		// The kept record's version after a newer merge came back whole,
		// and the version that merge had made: one more than the older
		// merge's means nothing else changed the record in between.
		whole, newer := -1, -1
		for _, m := range list {
			for _, rid := range []string{m.SurvivorID, m.MergedID} {
				if err := a.checkRecordVisible(ctx, tx, actor, m.Entity, rid); err != nil {
					return err
				}
			}
			if m.Entity == "company" {
				rec = a.mergeRecord("company")
			}
			before, err := rec.load(ctx, tx, m.SurvivorID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			if before.Version == whole && m.SurvivorVersion+1 == newer {
				m.SurvivorVersion = whole // as this merge left it
			}
			reverts := err == nil && before.Version == m.SurvivorVersion
			if err := a.undoMerge(ctx, tx, actor, m); err != nil {
				return err
			}
			whole, newer = -1, m.SurvivorVersion
			if reverts {
				after, err := rec.load(ctx, tx, m.SurvivorID)
				if err != nil {
					return err
				}
				whole = after.Version
			}
			if err := store.MarkMergeUndone(ctx, tx, m.ID, store.FormatTime(a.now())); errors.Is(err, store.ErrNotFound) {
				return errorf(EConflict, "error.merge_undone")
			} else if err != nil {
				return err
			}
			err = a.record(ctx, tx, actorID(actor), Change{Action: a.mergeRecord(m.Entity).undone, Entity: m.Entity, ID: m.SurvivorID, Name: m.SurvivorName,
				Details: map[string]any{"merged_id": m.MergedID, "merged_name": m.MergedName, "merge_id": m.ID}})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return list, err
}

// customTakePrefix names a custom field in a merge's take:
// "custom_fields.renewal_date" → "loser" takes the loser's value.
const customTakePrefix = "custom_fields."

// takenCustom gives, for each custom field take names that both contacts
// hold a value of, the loser's value to set on the survivor (set), and
// the survivor's to put back when the merge is undone (back). A value
// only one of them holds needs nothing: the merge moves or keeps it.
func (a *App) takenCustom(ctx context.Context, tx *store.Tx, survivorID, loserID string, take map[string]string) (set, back CustomValues, err error) {
	var keys []string
	for field, from := range take {
		if key, ok := strings.CutPrefix(field, customTakePrefix); ok && from == "loser" {
			keys = append(keys, key)
		}
	}
	if len(keys) == 0 {
		return nil, nil, nil
	}
	fields, err := store.CustomFields(ctx, tx, "contact")
	if err != nil {
		return nil, nil, err
	}
	values, err := customValuesOf(ctx, tx, fields, []string{survivorID, loserID})
	if err != nil {
		return nil, nil, err
	}
	set, back = CustomValues{}, CustomValues{}
	for _, key := range keys {
		mine, has := values[survivorID][key]
		theirs, they := values[loserID][key]
		if has && they {
			set[key], back[key] = theirs, mine
		}
	}
	return set, back, nil
}
