package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"rolo/store"
)

// Pipeline is an ordered list of stages, as stored.
type Pipeline = store.Pipeline

// Stage is one step of a pipeline, as stored.
type Stage = store.Stage

// Stage kinds, in the order a pipeline lists them.
var StageKinds = []string{store.StageOpen, store.StageWon, store.StageLost}

// Every live pipeline keeps at least one open, one won and one lost stage
// that is not archived, so a deal's status is always its stage's kind: a
// deal is won by moving it to a won stage, and "Won" on a deal does that.

const (
	maxPipelineName = 100
	maxStages       = 30
)

// Pipelines lists the live pipelines in order, archived ones included,
// each with its stages.
func (a *App) Pipelines(ctx context.Context, actor Actor) ([]Pipeline, error) {
	return store.ListPipelines(ctx, a.db.Reader(), false)
}

// TrashedPipelines lists the pipelines in the trash, newest first.
func (a *App) TrashedPipelines(ctx context.Context, actor Actor) ([]Pipeline, error) {
	return store.ListPipelines(ctx, a.db.Reader(), true)
}

// Pipeline loads one pipeline with its stages, trashed or not.
func (a *App) Pipeline(ctx context.Context, actor Actor, id string) (Pipeline, error) {
	p, err := store.PipelineByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return p, errorf(ENotFound, "error.pipeline_not_found")
	}
	return p, err
}

// DefaultPipeline is the first live pipeline that is not archived: where
// "Deals" opens and new deals go unless told otherwise.
func (a *App) DefaultPipeline(ctx context.Context, actor Actor) (Pipeline, error) {
	list, err := a.Pipelines(ctx, actor)
	if err != nil {
		return Pipeline{}, err
	}
	for _, p := range list {
		if !p.Archived() {
			return p, nil
		}
	}
	return Pipeline{}, errorf(ENotFound, "error.pipeline_not_found")
}

// livePipeline loads a pipeline inside tx, refusing a trashed one.
func livePipeline(ctx context.Context, q store.Querier, id string) (Pipeline, error) {
	p, err := store.PipelineByID(ctx, q, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && p.Trashed()) {
		return p, errorf(ENotFound, "error.pipeline_not_found")
	}
	return p, err
}

// pipelineName is what the audit log records as a pipeline's or stage's
// name: the typed name, or the catalog key of a built-in one.
func pipelineName(name, key string) string {
	if name != "" {
		return name
	}
	return key
}

// CreatePipeline adds a pipeline at the end of the list with open stages
// named stageNames, then a Won and a Lost stage (admins and managers).
// Open stages get probabilities rising evenly towards 100 %.
func (a *App) CreatePipeline(ctx context.Context, actor Actor, name string, stageNames []string) (Pipeline, error) {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return Pipeline{}, err
	}
	p := map[string]string{}
	name, problem := cleanText(name, maxPipelineName, false)
	if problem != "" {
		p["name"] = problem
	} else if name == "" {
		p["name"] = "error.required"
	}
	var stages []string
	for _, s := range stageNames {
		s, problem := cleanText(s, maxPipelineName, false)
		if problem != "" {
			p["stages"] = problem
		}
		if s != "" {
			stages = append(stages, s)
		}
	}
	switch {
	case len(stages) == 0 && p["stages"] == "":
		p["stages"] = "error.stages_required"
	case len(stages) > maxStages-2:
		p["stages"] = "error.too_many"
	}
	if len(p) > 0 {
		return Pipeline{}, Invalid(p)
	}
	id := a.cfg.NewID()
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		list, err := store.ListPipelines(ctx, tx, false)
		if err != nil {
			return err
		}
		if err := store.InsertPipeline(ctx, tx, Pipeline{ID: id, Name: name, Position: len(list), Stamp: store.Stamp{CreatedBy: actorID(actor)}}); err != nil {
			return err
		}
		all := make([]Stage, 0, len(stages)+2)
		for i, s := range stages {
			all = append(all, Stage{Name: s, Probability: (100*(i+1) + (len(stages)+1)/2) / (len(stages) + 1), Kind: store.StageOpen})
		}
		all = append(all, Stage{NameKey: "pipeline.default.won", Probability: 100, Kind: store.StageWon},
			Stage{NameKey: "pipeline.default.lost", Probability: 0, Kind: store.StageLost})
		for i, s := range all {
			s.ID, s.PipelineID, s.Position, s.CreatedBy = a.cfg.NewID(), id, i, actorID(actor)
			if err := store.InsertStage(ctx, tx, s); err != nil {
				return err
			}
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionPipelineCreated, Entity: "pipeline", ID: id, Name: name,
			Details: map[string]any{"stages": stages}})
	})
	if err != nil {
		return Pipeline{}, err
	}
	return a.Pipeline(ctx, actor, id)
}

// RenamePipeline gives a pipeline a new name (admins and managers).
func (a *App) RenamePipeline(ctx context.Context, actor Actor, id, name string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	name, err := validPipelineName(name)
	if err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		pl, err := livePipeline(ctx, tx, id)
		if err != nil {
			return err
		}
		return a.renamePipeline(ctx, tx, actor, &pl, name)
	})
}

// validPipelineName cleans a pipeline's new name, refusing an empty one.
func validPipelineName(name string) (string, error) {
	name, problem := cleanText(name, maxPipelineName, false)
	if problem == "" && name == "" {
		problem = "error.required"
	}
	if problem != "" {
		return "", Invalid(map[string]string{"name": problem})
	}
	return name, nil
}

// renamePipeline saves pl under its new, valid name inside tx.
func (a *App) renamePipeline(ctx context.Context, tx *store.Tx, actor Actor, pl *Pipeline, name string) error {
	if pl.Name == name && pl.NameKey == "" {
		return nil
	}
	before := pipelineName(pl.Name, pl.NameKey)
	pl.Name, pl.NameKey, pl.UpdatedBy = name, "", actorID(actor)
	if err := store.UpdatePipeline(ctx, tx, *pl); err != nil {
		return err
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionPipelineUpdated, Entity: "pipeline", ID: pl.ID, Name: name, Changes: diffFields(map[string]string{"name": before}, map[string]string{"name": name})})
}

// MovePipeline moves a pipeline up (delta −1) or down (+1) the list.
func (a *App) MovePipeline(ctx context.Context, actor Actor, id string, delta int) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		list, ids, err := livePipelines(ctx, tx)
		if err != nil {
			return err
		}
		moved, ok := moveInList(ids, id, delta)
		if !ok {
			return errorf(ENotFound, "error.pipeline_not_found")
		}
		if err := store.SetPipelineOrder(ctx, tx, moved); err != nil {
			return err
		}
		p := list[slices.Index(ids, id)]
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionPipelineReordered, Entity: "pipeline", ID: id, Name: pipelineName(p.Name, p.NameKey),
			Details: map[string]any{"position": slices.Index(moved, id)}})
	})
}

// livePipelines lists the live pipelines inside tx, with their ids in
// order.
func livePipelines(ctx context.Context, tx *store.Tx) ([]Pipeline, []string, error) {
	list, err := store.ListPipelines(ctx, tx, false)
	ids := make([]string, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	return list, ids, err
}

// moveInList moves id by delta places within ids, stopping at either end;
// ok is false when id is not in ids.
func moveInList(ids []string, id string, delta int) ([]string, bool) {
	i := slices.Index(ids, id)
	if i < 0 {
		return nil, false
	}
	j := min(max(i+delta, 0), len(ids)-1)
	out := slices.Delete(slices.Clone(ids), i, i+1)
	return slices.Insert(out, j, id), true
}

// ArchivePipeline hides a pipeline from the board and from new deals, or
// brings it back (archive=false). Its deals stay where they are.
func (a *App) ArchivePipeline(ctx context.Context, actor Actor, id string, archive bool) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		p, err := livePipeline(ctx, tx, id)
		if err != nil {
			return err
		}
		return a.archivePipeline(ctx, tx, actor, &p, archive)
	})
}

// archivePipeline archives or brings back p inside tx.
func (a *App) archivePipeline(ctx context.Context, tx *store.Tx, actor Actor, p *Pipeline, archive bool) error {
	if p.Archived() == archive {
		return nil
	}
	if archive {
		if err := a.keepOnePipeline(ctx, tx, p.ID); err != nil {
			return err
		}
		p.ArchivedAt = tx.Now
	} else {
		p.ArchivedAt = time.Time{}
	}
	p.UpdatedBy = actorID(actor)
	if err := store.UpdatePipeline(ctx, tx, *p); err != nil {
		return err
	}
	action := ActionPipelineUnarchived
	if archive {
		action = ActionPipelineArchived
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "pipeline", ID: p.ID, Name: pipelineName(p.Name, p.NameKey)})
}

// keepOnePipeline refuses to archive or delete the last pipeline in use:
// new deals need somewhere to go.
func (a *App) keepOnePipeline(ctx context.Context, tx *store.Tx, id string) error {
	list, err := store.ListPipelines(ctx, tx, false)
	if err != nil {
		return err
	}
	for _, p := range list {
		if p.ID != id && !p.Archived() {
			return nil
		}
	}
	return errorf(EConflict, "error.last_pipeline")
}

// DeletePipeline moves a pipeline to the trash. Its deals, trashed ones
// too, first move to targetStageID, a stage of another pipeline of the
// same kind as each deal's (open deals to an open stage…); without a
// target, a pipeline that holds deals is refused with a field problem,
// so the form can ask where they go.
func (a *App) DeletePipeline(ctx context.Context, actor Actor, id string, targets map[string]string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		p, err := livePipeline(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := a.keepOnePipeline(ctx, tx, id); err != nil {
			return err
		}
		counts, err := store.StageDealCounts(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, s := range p.Stages {
			if counts[s.ID] == 0 {
				continue
			}
			if err := a.moveStageDeals(ctx, tx, actor, s, targets[s.Kind], true); err != nil {
				return err
			}
		}
		if err := store.TrashPipeline(ctx, tx, id, actorID(actor), true); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionPipelineDeleted, Entity: "pipeline", ID: id, Name: pipelineName(p.Name, p.NameKey)})
	})
}

// RestorePipeline takes a pipeline out of the trash, at the end of the list.
func (a *App) RestorePipeline(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		p, err := store.PipelineByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Trashed()) {
			return errorf(ENotFound, "error.pipeline_not_found")
		}
		if err != nil {
			return err
		}
		list, err := store.ListPipelines(ctx, tx, false)
		if err != nil {
			return err
		}
		if err := store.TrashPipeline(ctx, tx, id, actorID(actor), false); err != nil {
			return err
		}
		ids := []string{}
		for _, l := range list {
			ids = append(ids, l.ID)
		}
		if err := store.SetPipelineOrder(ctx, tx, append(ids, id)); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionPipelineRestored, Entity: "pipeline", ID: id, Name: pipelineName(p.Name, p.NameKey)})
	})
}
