package app

import (
	"context"

	"rolo/store"
)

// undoMigration undoes a whole migration for good rather than to the
// trash: the activities, deals, contacts and companies it created, then
// the stages and pipelines and tags it created once nothing uses them,
// and the other CRM's ids it remembered — the database as it was before.
// A record someone changed since the migration stays, with what it
// names (a deal its contacts, company, stage and pipeline; a contact its
// company); kept counts what stays.
func (a *App) undoMigration(ctx context.Context, tx *store.Tx, b store.ImportBatch, records []store.ImportRecord) (kept int, err error) {
	byEntity := map[string][]string{}
	for _, r := range records {
		if r.Action == "created" {
			byEntity[r.Entity] = append(byEntity[r.Entity], r.RecordID)
		}
	}
	changed := map[string]map[string]bool{}
	for _, entity := range []string{"activity", "task", "deal", "contact", "company"} {
		if changed[entity], err = store.ChangedSince(ctx, tx, entity, byEntity[entity], b.FinishedAt); err != nil {
			return kept, err
		}
		kept += len(changed[entity])
	}
	var links []string // what the records' owners were told of them goes with them
	for _, entity := range []string{"activity", "task", "deal", "contact", "company"} {
		var gone []string
		for _, id := range byEntity[entity] {
			if !changed[entity][id] {
				gone = append(gone, id)
			}
		}
		if entity == "contact" || entity == "company" { // what a kept deal or contact names stays with it
			n := len(gone)
			if gone, err = store.UnusedOf(ctx, tx, entity, gone); err != nil {
				return kept, err
			}
			kept += n - len(gone)
		}
		if entity != "activity" && entity != "task" {
			if err := store.DeleteSearchDocs(ctx, tx, entity, gone); err != nil {
				return kept, err
			}
			for _, id := range gone {
				links = append(links, linkOf(entity, id))
			}
		}
		if err := store.DeleteMigrated(ctx, tx, entity, gone); err != nil {
			return kept, err
		}
	}
	if err := store.DeleteNotificationsAbout(ctx, tx, links); err != nil {
		return kept, err
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
