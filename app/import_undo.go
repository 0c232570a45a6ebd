package app

import (
	"context"
	"encoding/json"
	"errors"

	"rolo/store"
)

// UndoImport reverts a batch in one transaction: what it created goes to
// the trash, what it updated gets its earlier fields back, unless someone
// changed the record since (those are kept and counted).
func (a *App) UndoImport(ctx context.Context, actor Actor, id string) (kept int, err error) {
	if err := a.can(actor, AreaImports, LevelDelete); err != nil {
		return 0, err
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		b, err := store.ImportBatchByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && b.Status == "undone") {
			return errorf(ENotFound, "error.import_not_found")
		}
		if err != nil {
			return err
		}
		records, err := store.ImportRecords(ctx, tx, id)
		if err != nil {
			return err
		}
		if b.Entity == "migration" { // undone for good, not to the trash (migrate_undo.go)
			if kept, err = a.undoMigration(ctx, tx, b, records); err != nil {
				return err
			}
			records = nil
		}
		for _, r := range records {
			changed, err := changedSince(ctx, tx, r, b)
			if err != nil {
				return err
			}
			if changed {
				kept++
				continue
			}
			if err := a.undoRecord(ctx, tx, actor, r); err != nil {
				return err
			}
		}
		if err := store.MarkImportUndone(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionImportUndone, Entity: "import", ID: id,
			Details: map[string]any{"name": b.FileName, "kept": kept}})
	})
	return kept, err
}

// changedSince tells whether someone changed a record after the batch
// finished: its newest history entry is later than the batch.
func changedSince(ctx context.Context, tx *store.Tx, r store.ImportRecord, b store.ImportBatch) (bool, error) {
	page, err := store.ListAudit(ctx, tx, store.AuditQuery{Entity: r.Entity, EntityID: r.RecordID, Limit: 1})
	if err != nil || len(page.Entries) == 0 || b.FinishedAt.IsZero() {
		return false, err
	}
	return page.Entries[0].At.After(b.FinishedAt), nil
}

// trashCompanyTx and trashDealTx trash a record an import created.
func (a *App) trashCompanyTx(ctx context.Context, tx *store.Tx, actor Actor, id string) error {
	c, err := store.CompanyByID(ctx, tx, id)
	if err != nil || c.Trashed() {
		return err
	}
	if err := store.TrashCompany(ctx, tx, id, actorID(actor), true); err != nil {
		return err
	}
	if err := a.indexCompany(ctx, tx, id); err != nil {
		return err
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionCompanyDeleted, Entity: "company", ID: id, Name: c.Name})
}

func (a *App) trashDealTx(ctx context.Context, tx *store.Tx, actor Actor, id string) error {
	d, err := store.DealByID(ctx, tx, id)
	if err != nil || d.Trashed() {
		return err
	}
	if err := store.TrashDeal(ctx, tx, id, actorID(actor), true); err != nil {
		return err
	}
	if err := a.indexDeal(ctx, tx, id); err != nil {
		return err
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionDealDeleted, Entity: "deal", ID: id, Name: d.Title})
}

func (a *App) undoRecord(ctx context.Context, tx *store.Tx, actor Actor, r store.ImportRecord) error {
	switch {
	case r.Action == "created" && r.Entity == "contact":
		return ignoreNotFound(a.trashContact(ctx, tx, actor, r.RecordID, true))
	case r.Action == "created" && r.Entity == "company":
		return ignoreNotFound(a.trashCompanyTx(ctx, tx, actor, r.RecordID))
	case r.Action == "created" && r.Entity == "deal":
		return ignoreNotFound(a.trashDealTx(ctx, tx, actor, r.RecordID))
	case r.Action == "created" && r.Entity == "activity": // a message an email import logged
		return ignoreNotFound(a.trashEmailActivity(ctx, tx, actor, r.RecordID))
	case r.Entity == "contact":
		var in ContactInput
		if err := json.Unmarshal([]byte(r.Before), &in); err != nil {
			return err
		}
		old, err := store.ContactByID(ctx, tx, r.RecordID)
		if err != nil {
			return ignoreNotFound(err)
		}
		return a.updateContact(ctx, tx, actor, r.RecordID, old.Version, in)
	case r.Entity == "company":
		var in CompanyInput
		if err := json.Unmarshal([]byte(r.Before), &in); err != nil {
			return err
		}
		old, err := store.CompanyByID(ctx, tx, r.RecordID)
		if err != nil {
			return ignoreNotFound(err)
		}
		return a.updateCompany(ctx, tx, actor, r.RecordID, old.Version, in)
	case r.Entity == "deal": // a deal of Rolo's export, matched by its id
		var in DealInput
		if err := json.Unmarshal([]byte(r.Before), &in); err != nil {
			return err
		}
		old, err := store.DealByID(ctx, tx, r.RecordID)
		if err != nil {
			return ignoreNotFound(err)
		}
		return a.saveDeal(ctx, tx, actor, old, in)
	}
	return nil
}

func ignoreNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) || AsError(err).Code == ENotFound {
		return nil
	}
	return err
}
