package app

import (
	"context"
	"errors"

	"rolo/store"
)

// TrashDeal moves a deal to the trash; its contacts, tags and stage
// history stay with it for a restore.
func (a *App) TrashDeal(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaDeals, LevelDelete); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "deal", id); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		d, err := liveDeal(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := store.TrashDeal(ctx, tx, id, actorID(actor), true); err != nil {
			return err
		}
		if err := a.indexDeal(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionDealDeleted, Entity: "deal", ID: id, Name: d.Title})
	})
}

// RestoreDeal takes a deal out of the trash, back into its stage at the
// top of the column. A deal whose pipeline is in the trash waits for the
// pipeline to be restored first.
func (a *App) RestoreDeal(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaDeals, LevelDelete); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "deal", id); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		d, err := store.DealByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !d.Trashed()) {
			return errorf(ENotFound, "error.deal_not_found")
		}
		if err != nil {
			return err
		}
		if _, _, err := liveStage(ctx, tx, d.StageID); err != nil {
			if ErrorCode(err) == ENotFound {
				return errorf(EConflict, "error.deal_pipeline_trashed")
			}
			return err
		}
		// Its old place may have been taken meanwhile; take a free one
		// while the deal is still outside the live column.
		rank, err := store.RankIn(ctx, tx, d.StageID, id, store.Place{})
		if err != nil {
			return err
		}
		if err := store.SetDealPosition(ctx, tx, id, rank); err != nil {
			return err
		}
		if err := store.TrashDeal(ctx, tx, id, actorID(actor), false); err != nil {
			return err
		}
		if err := a.indexDeal(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionDealRestored, Entity: "deal", ID: id, Name: d.Title})
	})
}

// purgeDeals deletes trashed deals, then trashed stages and pipelines
// (which no deal uses any more: deleting them moved their deals away),
// recording each in the audit log; it returns how many records went.
func (a *App) purgeDeals(ctx context.Context, tx *store.Tx, actor Actor) (int, error) {
	deals, err := store.PurgeTrashedDeals(ctx, tx)
	if err != nil {
		return 0, err
	}
	pipelines, stages, err := store.PurgeTrashedPipelines(ctx, tx)
	if err != nil {
		return 0, err
	}
	for _, kind := range []struct {
		entity string
		purged AuditAction
		ids    []string
	}{{"deal", ActionDealPurged, deals}, {"stage", ActionStagePurged, stages}, {"pipeline", ActionPipelinePurged, pipelines}} {
		for _, id := range kind.ids {
			if err := a.record(ctx, tx, actorID(actor), Change{Action: kind.purged, Entity: kind.entity, ID: id}); err != nil {
				return 0, err
			}
		}
	}
	return len(deals) + len(stages) + len(pipelines), nil
}
