package app

import (
	"context"
	"slices"

	"rolo/store"
)

// The API changes a pipeline or a stage with one merge patch, at the
// version the client last read: every change it names is made in one
// transaction, or none when someone else changed the record meanwhile.

// PipelineChange is a patch of a pipeline; nil members stay as they are.
type PipelineChange struct {
	Name     *string
	Archived *bool
}

// PatchPipeline renames and archives or brings back a pipeline, if it is
// still at version (admins and managers).
func (a *App) PatchPipeline(ctx context.Context, actor Actor, id string, version int, ch PipelineChange) (Pipeline, error) {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return Pipeline{}, err
	}
	var name string
	if ch.Name != nil {
		var err error
		if name, err = validPipelineName(*ch.Name); err != nil {
			return Pipeline{}, err
		}
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		p, err := livePipeline(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.Version != version {
			return errorf(EConflict, "error.stale")
		}
		if ch.Name != nil {
			if err := a.renamePipeline(ctx, tx, actor, &p, name); err != nil {
				return err
			}
		}
		if ch.Archived != nil {
			return a.archivePipeline(ctx, tx, actor, &p, *ch.Archived)
		}
		return nil
	})
	if err != nil {
		return Pipeline{}, err
	}
	return a.Pipeline(ctx, actor, id)
}

// StageChange is a patch of a stage; nil members stay as they are.
type StageChange struct {
	Name        *string
	Probability *int
	RotDays     *int // 0: deals here never rot
	Kind        *string
	Archived    *bool
}

// PatchStage changes a stage's name, probability, rot days, kind and
// archive state, if it is still at version (admins and managers), with
// the rules of UpdateStage and ArchiveStage. A built-in name stays
// translated unless the patch names the stage.
func (a *App) PatchStage(ctx context.Context, actor Actor, id string, version int, ch StageChange) (Stage, error) {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return Stage{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, p, err := liveStage(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return errorf(EConflict, "error.stale")
		}
		in := StageInput{Name: "-", Probability: old.Probability, RotDays: old.RotDays, Kind: old.Kind} // "-": validated, then kept
		keepName := ch.Name == nil
		if !keepName {
			in.Name = *ch.Name
		}
		if ch.Probability != nil {
			in.Probability = *ch.Probability
		}
		if ch.RotDays != nil {
			in.RotDays = *ch.RotDays
		}
		if ch.Kind != nil {
			in.Kind = *ch.Kind
		}
		s, err := validateStage(in)
		if err != nil {
			return err
		}
		saved, err := a.updateStage(ctx, tx, actor, old, p, s, keepName)
		if err != nil || ch.Archived == nil {
			return err
		}
		return a.archiveStage(ctx, tx, actor, saved, p, *ch.Archived)
	})
	if err != nil {
		return Stage{}, err
	}
	return store.StageByID(ctx, a.db.Reader(), id)
}

// SetPipelineOrder puts the live pipelines in the order of ids, which
// must name each of them once (admins and managers).
func (a *App) SetPipelineOrder(ctx context.Context, actor Actor, ids []string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		_, current, err := livePipelines(ctx, tx)
		if err != nil {
			return err
		}
		if !sameMembers(current, ids) {
			return Invalid(map[string]string{"ids": "error.order_incomplete"})
		}
		if slices.Equal(current, ids) {
			return nil
		}
		if err := store.SetPipelineOrder(ctx, tx, ids); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionPipelineReordered, Entity: "pipeline", ID: ids[0],
			Details: map[string]any{"order": ids}})
	})
}

// SetStageOrder puts a pipeline's live stages in the order of ids, which
// must name each of them once (admins and managers).
func (a *App) SetStageOrder(ctx context.Context, actor Actor, pipelineID string, ids []string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		p, err := livePipeline(ctx, tx, pipelineID)
		if err != nil {
			return err
		}
		current := stageIDs(p.Stages)
		if !sameMembers(current, ids) {
			return Invalid(map[string]string{"ids": "error.order_incomplete"})
		}
		if slices.Equal(current, ids) {
			return nil
		}
		if err := store.SetStageOrder(ctx, tx, ids); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionStageReordered, Entity: "pipeline", ID: p.ID, Name: pipelineName(p.Name, p.NameKey),
			Details: map[string]any{"order": ids}})
	})
}

// sameMembers tells whether ids names each of want exactly once.
func sameMembers(want, ids []string) bool {
	if len(want) != len(ids) {
		return false
	}
	a, b := slices.Clone(want), slices.Clone(ids)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
