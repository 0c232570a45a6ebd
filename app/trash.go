package app

import (
	"context"

	"rolo/store"
)

// EmptyTrash deletes every trashed contact, company, deal, stage and
// pipeline for good (admins).
// Each deletion is recorded in the audit log, which keeps the record's name.
func (a *App) EmptyTrash(ctx context.Context, actor Actor) (int, error) {
	if err := a.can(actor, AreaContacts, LevelManage); err != nil {
		return 0, err
	}
	var n int
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		named, err := store.LiveDealIDsOfTrashed(ctx, tx) // their entries carry names about to go
		if err != nil {
			return err
		}
		contacts, err := store.PurgeTrashedContacts(ctx, tx)
		if err != nil {
			return err
		}
		companies, err := store.PurgeTrashedCompanies(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range contacts {
			if err := a.record(ctx, tx, actorID(actor), Change{Action: ActionContactPurged, Entity: "contact", ID: id}); err != nil {
				return err
			}
		}
		for _, id := range companies {
			if err := a.record(ctx, tx, actorID(actor), Change{Action: ActionCompanyPurged, Entity: "company", ID: id}); err != nil {
				return err
			}
		}
		n = len(contacts) + len(companies)
		deals, err := a.purgeDeals(ctx, tx, actor)
		n += deals
		if err != nil {
			return err
		}
		for _, id := range named {
			if err := a.indexDeal(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}
