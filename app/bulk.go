package app

import (
	"context"
	"errors"

	"rolo/store"
)

// BulkChange is one change applied to many contacts at once from a list.
// Exactly one of its fields is set.
type BulkChange struct {
	AddTag    string
	RemoveTag string
	OwnerID   *string // "" removes the owner
	Status    string
	Trash     bool
}

const maxBulk = 1000

// BulkUpdateContacts applies change to every contact in ids, in one
// transaction: all of them change, or none. Each is audited as if edited
// by hand.
func (a *App) BulkUpdateContacts(ctx context.Context, actor Actor, ids []string, change BulkChange) (int, error) {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, Invalid(map[string]string{"ids": "error.none_selected"})
	}
	if len(ids) > maxBulk {
		return 0, Invalid(map[string]string{"ids": "error.too_many"})
	}
	if change.Trash {
		if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
			return 0, err
		}
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		for _, id := range ids {
			if err := a.checkRecordVisible(ctx, tx, actor, "contact", id); err != nil {
				return err
			}
			if change.Trash {
				if err := a.trashContact(ctx, tx, actor, id, true); err != nil {
					return err
				}
				continue
			}
			c, err := store.ContactByID(ctx, tx, id)
			if errors.Is(err, store.ErrNotFound) || (err == nil && c.Trashed()) {
				return errorf(ENotFound, "error.contact_not_found")
			}
			if err != nil {
				return err
			}
			in := InputOf(c)
			switch {
			case change.AddTag != "":
				in.Tags = append(in.Tags, change.AddTag)
			case change.RemoveTag != "":
				in.Tags = removeFold(in.Tags, change.RemoveTag)
			case change.OwnerID != nil:
				in.OwnerID = *change.OwnerID
			case change.Status != "":
				in.LifecycleStatus = change.Status
			default:
				return Invalid(map[string]string{"action": "error.bulk_action_invalid"})
			}
			if err := a.updateContact(ctx, tx, actor, id, c.Version, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}

func removeFold(names []string, remove string) []string {
	key := foldKey(remove)
	var out []string
	for _, n := range names {
		if foldKey(n) != key {
			out = append(out, n)
		}
	}
	return out
}
