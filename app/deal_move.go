package app

import (
	"context"
	"time"

	"rolo/store"
)

// settle decides where d goes from in: its pipeline, stage, status, card
// place and stage times. It reports whether d entered a new stage, and
// adds field problems to p.
//
// A stage named in in wins; else a pipeline named alone means its first
// open stage; else an outcome asked for by Status moves the deal to the
// pipeline's first won or lost stage, or back to the open stage it left.
// The deal's status is then its stage's kind. Lost deals need a reason.
func (a *App) settle(ctx context.Context, tx *store.Tx, d *Deal, old Deal, in DealInput, p map[string]string) (bool, error) {
	pipelineID, stageID := in.PipelineID, in.StageID
	var pipeline Pipeline
	var stage Stage
	var err error
	switch {
	case stageID != "":
		var ok bool
		if stage, pipeline, ok, err = usableStage(ctx, tx, stageID, old.StageID); err != nil || !ok {
			if err == nil {
				p["stage_id"] = "error.stage_unknown"
			}
			return false, err
		}
		if pipelineID != "" && pipelineID != stage.PipelineID {
			p["stage_id"] = "error.stage_other_pipeline"
			return false, nil
		}
	case pipelineID == "" && old.PipelineID == "":
		list, err := store.ListPipelines(ctx, tx, false)
		if err != nil {
			return false, err
		}
		for _, pl := range list {
			if !pl.Archived() {
				pipeline = pl
				break
			}
		}
		if pipeline.ID == "" {
			p["pipeline_id"] = "error.pipeline_unknown"
			return false, nil
		}
	default:
		if pipelineID == "" {
			pipelineID = old.PipelineID
		}
		pipeline, err = livePipeline(ctx, tx, pipelineID)
		if ErrorCode(err) == ENotFound || (err == nil && pipeline.Archived() && pipelineID != old.PipelineID) {
			p["pipeline_id"] = "error.pipeline_unknown"
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
	if stage.ID == "" {
		if pipeline.ID == old.PipelineID {
			stage, _ = findStage(pipeline, old.StageID)
		} else {
			stage = firstStage(pipeline, store.StageOpen)
		}
	}
	if in.Status != "" && in.Status != stage.Kind {
		switch {
		case !contains(DealStatuses, in.Status):
			p["status"] = "error.deal_status_invalid"
			return false, nil
		case in.StageID != "" && in.StageID != old.StageID:
			p["status"] = "error.status_stage_mismatch"
			return false, nil
		case in.Status == store.DealOpen:
			back, err := store.LastOpenStage(ctx, tx, d.ID, pipeline.ID)
			if err != nil {
				return false, err
			}
			var ok bool
			if stage, ok = findStage(pipeline, back); !ok || stage.Archived() {
				stage = firstStage(pipeline, store.StageOpen)
			}
		default:
			stage = firstStage(pipeline, in.Status)
		}
	}
	if stage.ID == "" {
		p["stage_id"] = "error.stage_unknown" // a pipeline always has each kind; only a race gets here
		return false, nil
	}

	d.PipelineID, d.StageID, d.Status = stage.PipelineID, stage.ID, stage.Kind
	switch {
	case d.Status != store.DealLost:
		d.LostReason = ""
	case d.LostReason == "" && p["lost_reason"] == "":
		p["lost_reason"] = "error.lost_reason_required"
	}
	if d.Status != old.Status {
		d.ClosedAt = time.Time{}
		if d.Status != store.DealOpen {
			d.ClosedAt = tx.Now
		}
	}
	moved := d.StageID != old.StageID
	if moved {
		d.StageEnteredAt = tx.Now
		if d.Position, err = store.RankIn(ctx, tx, d.StageID, d.ID, in.Place); err != nil {
			return false, err
		}
	}
	return moved, nil
}

// usableStage loads a stage a deal may enter: live, in a live pipeline,
// and neither archived unless the deal is already there (current).
func usableStage(ctx context.Context, tx *store.Tx, id, current string) (Stage, Pipeline, bool, error) {
	s, p, err := liveStage(ctx, tx, id)
	if ErrorCode(err) == ENotFound {
		return s, p, false, nil
	}
	if err != nil {
		return s, p, false, err
	}
	if id != current && (s.Archived() || p.Archived()) {
		return s, p, false, nil
	}
	return s, p, true, nil
}

func findStage(p Pipeline, id string) (Stage, bool) {
	for _, s := range p.Stages {
		if s.ID == id {
			return s, true
		}
	}
	return Stage{}, false
}

// firstStage is the pipeline's first stage of kind that is not archived.
func firstStage(p Pipeline, kind string) Stage {
	for _, s := range p.Stages {
		if s.Kind == kind && !s.Archived() {
			return s
		}
	}
	return Stage{}
}

// MoveDeal puts a deal in stageID at place, as dragging its card does:
// the stage must be of the deal's own pipeline (UpdateDeal moves a deal
// to another pipeline). Entering a won or lost stage closes the deal,
// lost with lostReason; a move within its column only reorders the cards.
// Moves need no version: the last one wins, and each is kept in the
// stage history.
func (a *App) MoveDeal(ctx context.Context, actor Actor, id, stageID string, place store.Place, lostReason string) (Deal, error) {
	if err := a.can(actor, AreaDeals, LevelEdit); err != nil {
		return Deal{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "deal", id); err != nil {
		return Deal{}, err
	}
	if stageID == "" {
		return Deal{}, Invalid(map[string]string{"stage_id": "error.required"})
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := liveDeal(ctx, tx, id)
		if err != nil {
			return err
		}
		if stageID == old.StageID {
			rank, err := store.RankIn(ctx, tx, stageID, id, place)
			if err != nil {
				return err
			}
			return store.SetDealPosition(ctx, tx, id, rank)
		}
		in := DealInputOf(old)
		in.StageID, in.Place = stageID, place
		if lostReason != "" {
			in.LostReason = lostReason
		}
		return a.saveDeal(ctx, tx, actor, old, in)
	})
	if err != nil {
		return Deal{}, err
	}
	return a.Deal(ctx, actor, id)
}

// CloseDeal records an outcome: won or lost (with a reason) moves the deal
// to its pipeline's won or lost stage; open reopens it in the open stage it
// came from.
func (a *App) CloseDeal(ctx context.Context, actor Actor, id, status, lostReason string) (Deal, error) {
	if err := a.can(actor, AreaDeals, LevelEdit); err != nil {
		return Deal{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "deal", id); err != nil {
		return Deal{}, err
	}
	if !contains(DealStatuses, status) {
		return Deal{}, Invalid(map[string]string{"status": "error.deal_status_invalid"})
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := liveDeal(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Status == status {
			return nil
		}
		in := DealInputOf(old)
		in.Status, in.LostReason = status, lostReason
		return a.saveDeal(ctx, tx, actor, old, in)
	})
	if err != nil {
		return Deal{}, err
	}
	return a.Deal(ctx, actor, id)
}
