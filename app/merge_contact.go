package app

import (
	"context"
	"encoding/json"
	"errors"

	"rolo/store"
)

// MergeContacts folds loser into survivor: fields named in take come from
// the loser (field → "loser"; a custom field as "custom_fields.KEY"),
// empty survivor fields are filled from the
// loser, emails, phones and tags are joined, and the loser's activities,
// tasks, deals, custom values and history move to the survivor. The loser
// goes to the trash. One audit entry on the survivor keeps the loser's
// fields as they were, and a merge record lets UndoMerge reverse it all.
func (a *App) MergeContacts(ctx context.Context, actor Actor, survivorID, loserID string, take map[string]string) error {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return err
	}
	if survivorID == loserID {
		return Invalid(map[string]string{"loser": "error.merge_same"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		survivor, loser, err := a.contactMergePair(ctx, tx, actor, survivorID, loserID)
		if err != nil {
			return err
		}
		in := mergeContact(InputOf(survivor), InputOf(loser), false)
		pick := mergeContact(InputOf(survivor), InputOf(loser), true)
		for field, from := range take {
			if from != "loser" {
				continue
			}
			switch field {
			case "first_name":
				in.FirstName = pick.FirstName
			case "last_name":
				in.LastName = pick.LastName
			case "display_name":
				in.DisplayName = pick.DisplayName
			case "title":
				in.Title = pick.Title
			case "company_id":
				in.CompanyID = pick.CompanyID
			case "birthday":
				in.Birthday = pick.Birthday
			case "website":
				in.Website = pick.Website
			case "lead_source":
				in.LeadSource = pick.LeadSource
			case "lifecycle_status":
				in.LifecycleStatus = pick.LifecycleStatus
			case "owner_id":
				in.OwnerID = pick.OwnerID
			case "notes":
				in.Notes = pick.Notes
			case "address":
				in.Address = pick.Address
			}
		}
		in.Tags = append(in.Tags, InputOf(loser).Tags...)
		// Custom values taken from the loser replace the survivor's; the
		// undo puts those back (the others are links: they move back on
		// their own).
		taken, back, err := a.takenCustom(ctx, tx, survivorID, loserID, take)
		if err != nil {
			return err
		}
		in.CustomFields = taken
		before := InputOf(survivor)
		before.CustomFields = back
		links, err := store.MoveLinks(ctx, tx, "contact", loserID, survivorID)
		if err != nil {
			return err
		}
		// The loser's tags now sit on the survivor; re-read them so the update keeps them.
		moved, err := store.TagsOf(ctx, tx, "contact", []string{survivorID})
		if err != nil {
			return err
		}
		for _, t := range moved[survivorID] {
			in.Tags = append(in.Tags, t.Name)
		}
		in.Tags = uniqueFold(in.Tags)
		if err := a.updateContact(ctx, tx, actor, survivorID, survivor.Version, in, loser.CompanyID); err != nil && AsError(err).Code != EConflict {
			return err
		}
		if err := a.trashContact(ctx, tx, actor, loserID, true); err != nil {
			return err
		}
		after, err := store.ContactByID(ctx, tx, survivorID)
		if err != nil {
			return err
		}
		m := store.Merge{Entity: "contact", SurvivorID: survivorID, MergedID: loserID, SurvivorName: after.DisplayName,
			MergedName: loser.DisplayName, SurvivorVersion: after.Version, Links: links}
		if err := a.recordMerge(ctx, tx, actor, &m, before); err != nil {
			return err
		}
		fields, _ := json.Marshal(contactFields(loser))
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactMerged, Entity: "contact", ID: survivorID, Name: survivor.DisplayName,
			Details: map[string]any{"merged_id": loserID, "merged_name": loser.DisplayName, "merged_fields": json.RawMessage(fields), "merge_id": m.ID}})
	})
}

// contactMergePair loads the two live contacts of a merge that actor may see.
func (a *App) contactMergePair(ctx context.Context, tx *store.Tx, actor Actor, survivorID, loserID string) (survivor, loser Contact, err error) {
	for i, id := range []string{survivorID, loserID} {
		if err := a.checkRecordVisible(ctx, tx, actor, "contact", id); err != nil {
			return survivor, loser, err
		}
		c, err := store.ContactByID(ctx, tx, id)
		if err == nil && c.Trashed() {
			err = store.ErrNotFound
		}
		if errors.Is(err, store.ErrNotFound) {
			return survivor, loser, errorf(ENotFound, "error.contact_not_found")
		}
		if err != nil {
			return survivor, loser, err
		}
		if i == 0 {
			survivor = c
		} else {
			loser = c
		}
	}
	return survivor, loser, nil
}
