package app

import (
	"context"
	"encoding/json"
	"errors"

	"rolo/store"
)

// MergeCompanies folds loser into survivor, as MergeContacts does for
// people: fields named in take come from the loser, empty survivor fields
// are filled from it, tags are joined, and the loser's contacts, deals,
// activities, tasks, custom values and history move to the survivor. The
// loser goes to the trash; UndoMerge reverses it.
func (a *App) MergeCompanies(ctx context.Context, actor Actor, survivorID, loserID string, take map[string]string) error {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return err
	}
	if survivorID == loserID {
		return Invalid(map[string]string{"loser": "error.merge_same"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		var pair [2]Company
		for i, id := range []string{survivorID, loserID} {
			if err := a.checkRecordVisible(ctx, tx, actor, "company", id); err != nil {
				return err
			}
			c, err := store.CompanyByID(ctx, tx, id)
			if err == nil && c.Trashed() {
				err = store.ErrNotFound
			}
			if errors.Is(err, store.ErrNotFound) {
				return errorf(ENotFound, "error.company_not_found")
			}
			if err != nil {
				return err
			}
			pair[i] = c
		}
		survivor, loser := pair[0], pair[1]
		before := CompanyInputOf(survivor)
		before.CustomFields = nil // custom values are links: they move back on their own
		in := mergeCompany(CompanyInputOf(survivor), CompanyInputOf(loser), take)
		links, err := store.MoveLinks(ctx, tx, "company", loserID, survivorID)
		if err != nil {
			return err
		}
		if err := a.updateCompany(ctx, tx, actor, survivorID, survivor.Version, in); err != nil {
			return err
		}
		if err := a.trashCompany(ctx, tx, actor, loserID, true); err != nil {
			return err
		}
		if err := a.reindexCompanyContacts(ctx, tx, survivorID); err != nil { // its new people are found by its name
			return err
		}
		after, err := store.CompanyByID(ctx, tx, survivorID)
		if err != nil {
			return err
		}
		m := store.Merge{Entity: "company", SurvivorID: survivorID, MergedID: loserID, SurvivorName: after.Name,
			MergedName: loser.Name, SurvivorVersion: after.Version, Links: links}
		if err := a.recordMerge(ctx, tx, actor, &m, before); err != nil {
			return err
		}
		fields, _ := json.Marshal(companyFields(loser))
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionCompanyMerged, Entity: "company", ID: survivorID, Name: survivor.Name,
			Details: map[string]any{"merged_id": loserID, "merged_name": loser.Name, "merged_fields": json.RawMessage(fields), "merge_id": m.ID}})
	})
}

// mergeCompany fills survivor's empty fields from loser, takes the fields
// named in take from loser, and joins the tags.
func mergeCompany(survivor, loser CompanyInput, take map[string]string) CompanyInput {
	fields := []struct {
		key      string
		dst, src *string
	}{
		{"name", &survivor.Name, &loser.Name}, {"domain", &survivor.Domain, &loser.Domain},
		{"website", &survivor.Website, &loser.Website}, {"industry", &survivor.Industry, &loser.Industry},
		{"size", &survivor.Size, &loser.Size}, {"phone", &survivor.Phone, &loser.Phone},
		{"owner_id", &survivor.OwnerID, &loser.OwnerID}, {"notes", &survivor.Notes, &loser.Notes},
	}
	for _, f := range fields {
		if *f.src != "" && (*f.dst == "" || take[f.key] == "loser") {
			*f.dst = *f.src
		}
	}
	if take["address"] == "loser" || survivor.Address == (store.Address{}) {
		if loser.Address != (store.Address{}) {
			survivor.Address = loser.Address
		}
	}
	survivor.Tags = uniqueFold(append(survivor.Tags, loser.Tags...))
	return survivor
}
