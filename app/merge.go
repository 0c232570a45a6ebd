package app

import (
	"context"
	"encoding/json"
	"errors"

	"rolo/store"
)

// Merge is a recorded merge of two contacts or two companies.
type Merge = store.Merge

// MergeUndoDays is how long a merge can be undone: after that the
// merged-away record may have left the trash, and the survivor has moved on.
const MergeUndoDays = 30

// recordMerge keeps what a merge did, so UndoMerge can reverse it; it
// sets m's id and time.
func (a *App) recordMerge(ctx context.Context, tx *store.Tx, actor Actor, m *store.Merge, before any) error {
	b, err := json.Marshal(before)
	if err != nil {
		return err
	}
	m.ID, m.At, m.ActorID, m.SurvivorBefore = a.cfg.NewID(), store.FormatTime(a.now()), actorID(actor), b
	return store.PutMerge(ctx, tx, *m)
}

// RecentMerges lists the merges of entity (contact or company) that can
// still be undone, newest first, among the records actor sees.
func (a *App) RecentMerges(ctx context.Context, actor Actor, entity string) ([]Merge, error) {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return nil, err
	}
	list, err := store.RecentMerges(ctx, a.db.Reader(), entity, a.mergeUndoSince(), 50)
	if err != nil {
		return nil, err
	}
	var out []Merge
	for _, m := range list {
		if a.checkRecordVisible(ctx, a.db.Reader(), actor, entity, m.SurvivorID) == nil {
			out = append(out, m)
		}
	}
	return out, nil
}

func (a *App) mergeUndoSince() string {
	return store.FormatTime(a.now().AddDate(0, 0, -MergeUndoDays))
}

// UndoMerge reverses a merge: the merged-away record comes back from the
// trash, what moved to the survivor (activities, tasks, deals, people,
// tags, custom values, history) goes back to it, and the survivor's fields
// return to what they were, unless the survivor was edited since (then
// its current fields stay). Refused once undone, after MergeUndoDays, or
// when the trash has been emptied of the merged record.
func (a *App) UndoMerge(ctx context.Context, actor Actor, id string) (Merge, error) {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return Merge{}, err
	}
	m, err := store.MergeByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return m, errorf(ENotFound, "error.merge_not_found")
	}
	if err != nil {
		return m, err
	}
	switch {
	case m.UndoneAt != "":
		return m, errorf(EConflict, "error.merge_undone")
	case m.At < a.mergeUndoSince():
		return m, errorf(EConflict, "error.merge_expired")
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		for _, rid := range []string{m.SurvivorID, m.MergedID} {
			if err := a.checkRecordVisible(ctx, tx, actor, m.Entity, rid); err != nil {
				return err
			}
		}
		if err := a.undoMerge(ctx, tx, actor, m); err != nil {
			return err
		}
		if err := store.MarkMergeUndone(ctx, tx, m.ID, store.FormatTime(a.now())); errors.Is(err, store.ErrNotFound) {
			return errorf(EConflict, "error.merge_undone")
		} else if err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: a.mergeRecord(m.Entity).undone, Entity: m.Entity, ID: m.SurvivorID, Name: m.SurvivorName,
			Details: map[string]any{"merged_id": m.MergedID, "merged_name": m.MergedName, "merge_id": m.ID}})
	})
	return m, err
}

// mergeRecord is what undoing a merge needs of a contact or a company.
type mergeRecord struct {
	load    func(ctx context.Context, tx *store.Tx, id string) (store.Stamp, error)
	revert  func(ctx context.Context, tx *store.Tx, actor Actor, id string, version int, before json.RawMessage) error
	index   func(ctx context.Context, tx *store.Tx, id string) error
	restore func(ctx context.Context, tx *store.Tx, actor Actor, id string) error
	undone  AuditAction
}

func (a *App) mergeRecord(entity string) mergeRecord {
	if entity == "company" {
		return mergeRecord{
			load: func(ctx context.Context, tx *store.Tx, id string) (store.Stamp, error) {
				c, err := store.CompanyByID(ctx, tx, id)
				return c.Stamp, err
			},
			revert: func(ctx context.Context, tx *store.Tx, actor Actor, id string, version int, before json.RawMessage) error {
				var in CompanyInput
				if err := json.Unmarshal(before, &in); err != nil {
					return err
				}
				return a.updateCompany(ctx, tx, actor, id, version, in)
			},
			// A company's people moved back: they are found by its name.
			index: func(ctx context.Context, tx *store.Tx, id string) error {
				if err := a.indexCompany(ctx, tx, id); err != nil {
					return err
				}
				return a.reindexCompanyContacts(ctx, tx, id)
			},
			restore: func(ctx context.Context, tx *store.Tx, actor Actor, id string) error {
				return a.trashCompany(ctx, tx, actor, id, false)
			},
			undone: ActionCompanyMergeUndone,
		}
	}
	return mergeRecord{
		load: func(ctx context.Context, tx *store.Tx, id string) (store.Stamp, error) {
			c, err := store.ContactByID(ctx, tx, id)
			return c.Stamp, err
		},
		revert: func(ctx context.Context, tx *store.Tx, actor Actor, id string, version int, before json.RawMessage) error {
			var in ContactInput
			if err := json.Unmarshal(before, &in); err != nil {
				return err
			}
			return a.updateContact(ctx, tx, actor, id, version, in)
		},
		index: a.indexContactAndDeals,
		restore: func(ctx context.Context, tx *store.Tx, actor Actor, id string) error {
			return a.trashContact(ctx, tx, actor, id, false)
		},
		undone: ActionContactMergeUndone,
	}
}

// undoMerge reverses m inside tx (see UndoMerge).
func (a *App) undoMerge(ctx context.Context, tx *store.Tx, actor Actor, m store.Merge) error {
	rec := a.mergeRecord(m.Entity)
	merged, err := rec.load(ctx, tx, m.MergedID)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(ENotFound, "error.merge_purged")
	}
	if err != nil {
		return err
	}
	if err := store.UnmoveLinks(ctx, tx, m.Entity, m.MergedID, m.SurvivorID, m.Links); err != nil {
		return err
	}
	survivor, err := rec.load(ctx, tx, m.SurvivorID)
	switch {
	case err == nil && !survivor.Trashed() && survivor.Version == m.SurvivorVersion:
		if err := rec.revert(ctx, tx, actor, m.SurvivorID, survivor.Version, m.SurvivorBefore); err != nil {
			return err
		}
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return err
	}
	// Edited since the merge, the survivor keeps its fields as they are now.
	if merged.Trashed() {
		if err := rec.restore(ctx, tx, actor, m.MergedID); err != nil {
			return err
		}
	}
	for _, id := range []string{m.SurvivorID, m.MergedID} {
		if err := rec.index(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}
