package app

import (
	"context"

	"rolo/store"
)

// undoMigration undoes a whole migration for good rather than to the
// trash: the activities, deals, contacts and companies it created, then
// the stages and pipelines and tags it created once nothing uses them,
// and the other CRM's ids it remembered — the database as it was before.
// A record someone changed since the migration stays (counted in kept),
// with the stage and pipeline it is in.
func (a *App) undoMigration(ctx context.Context, tx *store.Tx, b store.ImportBatch, records []store.ImportRecord) (kept int, err error) {
	byEntity := map[string][]string{}
	for _, r := range records {
		if r.Action != "created" {
			continue
		}
		if r.Entity == "contact" || r.Entity == "company" || r.Entity == "deal" || r.Entity == "activity" {
			changed, err := changedSince(ctx, tx, r, b)
			if err != nil {
				return kept, err
			}
			if changed {
				kept++
				continue
			}
		}
		byEntity[r.Entity] = append(byEntity[r.Entity], r.RecordID)
	}
	var links []string // what the records' owners were told of them goes with them
	for _, entity := range []string{"contact", "company", "deal"} {
		for _, id := range byEntity[entity] {
			if err := store.DeleteSearchDoc(ctx, tx, entity, id); err != nil {
				return kept, err
			}
			links = append(links, linkOf(entity, id))
		}
	}
	if err := store.DeleteNotificationsAbout(ctx, tx, links); err != nil {
		return kept, err
	}
	for _, entity := range []string{"activity", "deal", "contact", "company"} {
		if err := store.DeleteMigrated(ctx, tx, entity, byEntity[entity]); err != nil {
			return kept, err
		}
	}
	unused, err := store.UnusedOf(ctx, tx, "stage", byEntity["stage"])
	if err != nil {
		return kept, err
	}
	if err := store.DeleteMigrated(ctx, tx, "stage", unused); err != nil {
		return kept, err
	}
	for _, kind := range []string{"pipeline", "tag"} {
		unused, err := store.UnusedOf(ctx, tx, kind, byEntity[kind])
		if err != nil {
			return kept, err
		}
		if kind == "tag" {
			for _, id := range unused {
				if err := store.DeleteTag(ctx, tx, id); err != nil {
					return kept, err
				}
			}
			continue
		}
		if err := store.DeleteMigrated(ctx, tx, kind, unused); err != nil {
			return kept, err
		}
	}
	if err := store.ForgetMigration(ctx, tx, b.ID); err != nil {
		return kept, err
	}
	return kept, store.DropEmptyCounts(ctx, tx)
}
