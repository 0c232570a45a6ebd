package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"rolo/store"
)

// StageInput is what the stage form says about a stage. RotDays 0 means
// deals here never rot.
type StageInput struct {
	Name        string
	Probability int
	RotDays     int
	Kind        string
}

const maxRotDays = 3650

func validateStage(in StageInput) (Stage, error) {
	p := map[string]string{}
	name, problem := cleanText(in.Name, maxPipelineName, false)
	if problem == "" && name == "" {
		problem = "error.required"
	}
	if problem != "" {
		p["name"] = problem
	}
	if in.Probability < 0 || in.Probability > 100 {
		p["probability"] = "error.probability_invalid"
	}
	if in.RotDays < 0 || in.RotDays > maxRotDays {
		p["rot_days"] = "error.rot_days_invalid"
	}
	kind := in.Kind
	if kind == "" {
		kind = store.StageOpen
	}
	if !contains(StageKinds, kind) {
		p["kind"] = "error.stage_kind_invalid"
	}
	if len(p) > 0 {
		return Stage{}, Invalid(p)
	}
	return Stage{Name: name, Probability: in.Probability, RotDays: in.RotDays, Kind: kind}, nil
}

// liveStage loads a stage and its pipeline inside tx, refusing either in
// the trash.
func liveStage(ctx context.Context, q store.Querier, id string) (Stage, Pipeline, error) {
	s, err := store.StageByID(ctx, q, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && s.Trashed()) {
		return s, Pipeline{}, errorf(ENotFound, "error.stage_not_found")
	}
	if err != nil {
		return s, Pipeline{}, err
	}
	p, err := livePipeline(ctx, q, s.PipelineID)
	return s, p, err
}

func stageIDs(stages []Stage) []string {
	ids := make([]string, len(stages))
	for i, s := range stages {
		ids[i] = s.ID
	}
	return ids
}

// CreateStage adds a stage to a pipeline (admins and managers): an open
// stage goes before the won and lost stages, a closing one at the end.
func (a *App) CreateStage(ctx context.Context, actor Actor, pipelineID string, in StageInput) (Stage, error) {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return Stage{}, err
	}
	s, err := validateStage(in)
	if err != nil {
		return Stage{}, err
	}
	s.ID, s.PipelineID, s.CreatedBy = a.cfg.NewID(), pipelineID, actorID(actor)
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		p, err := livePipeline(ctx, tx, pipelineID)
		if err != nil {
			return err
		}
		if len(p.Stages) >= maxStages {
			return Invalid(map[string]string{"name": "error.too_many_stages"})
		}
		at := len(p.Stages)
		if s.Kind == store.StageOpen {
			if i := slices.IndexFunc(p.Stages, func(st Stage) bool { return st.Kind != store.StageOpen }); i >= 0 {
				at = i
			}
		}
		s.Position = len(p.Stages)
		if err := store.InsertStage(ctx, tx, s); err != nil {
			return err
		}
		if err := store.SetStageOrder(ctx, tx, slices.Insert(stageIDs(p.Stages), at, s.ID)); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionStageCreated, Entity: "stage", ID: s.ID, Name: s.Name, Fields: stageFields(s),
			Details: map[string]any{"pipeline_id": pipelineID}})
	})
	if err != nil {
		return Stage{}, err
	}
	return store.StageByID(ctx, a.db.Reader(), s.ID)
}

func stageFields(s Stage) map[string]string {
	rot := ""
	if s.RotDays > 0 {
		rot = strconv.Itoa(s.RotDays)
	}
	return map[string]string{"name": pipelineName(s.Name, s.NameKey), "probability": strconv.Itoa(s.Probability), "rot_days": rot, "kind": s.Kind}
}

// UpdateStage changes a stage's name, probability, rot days and kind
// (admins and managers). keepName leaves a built-in name as it is, so it
// stays translated for every reader. A stage that holds deals keeps its
// kind: changing it would change the outcome of deals already closed.
func (a *App) UpdateStage(ctx context.Context, actor Actor, id string, in StageInput, keepName bool) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	if keepName {
		in.Name = "-" // validated as present; replaced below
	}
	s, err := validateStage(in)
	if err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		old, p, err := liveStage(ctx, tx, id)
		if err != nil {
			return err
		}
		_, err = a.updateStage(ctx, tx, actor, old, p, s, keepName)
		return err
	})
}

// updateStage saves old with the valid values of s inside tx and returns
// it as saved; keepName keeps old's name.
func (a *App) updateStage(ctx context.Context, tx *store.Tx, actor Actor, old Stage, p Pipeline, s Stage, keepName bool) (Stage, error) {
	next := old
	if !keepName {
		next.Name, next.NameKey = s.Name, ""
	}
	next.Probability, next.RotDays, next.Kind, next.UpdatedBy = s.Probability, s.RotDays, s.Kind, actorID(actor)
	if next.Kind != old.Kind {
		counts, err := store.StageDealCounts(ctx, tx, p.ID)
		if err != nil {
			return old, err
		}
		if counts[old.ID] > 0 {
			return old, Invalid(map[string]string{"kind": "error.stage_kind_has_deals"})
		}
		if !old.Archived() && !hasOtherStage(p, old.ID, old.Kind) {
			return old, Invalid(map[string]string{"kind": "error.stage_kind_last"})
		}
	}
	changes := diffFields(stageFields(old), stageFields(next))
	if len(changes) == 0 {
		return old, nil
	}
	if err := store.UpdateStage(ctx, tx, next); err != nil {
		return old, err
	}
	return next, a.record(ctx, tx, actorID(actor), Change{Action: ActionStageUpdated, Entity: "stage", ID: old.ID, Name: pipelineName(next.Name, next.NameKey), Changes: changes,
		Details: map[string]any{"pipeline_id": p.ID}})
}

// hasOtherStage tells whether the pipeline keeps a usable stage of kind
// besides the stage id.
func hasOtherStage(p Pipeline, id, kind string) bool {
	return slices.ContainsFunc(p.Stages, func(s Stage) bool { return s.ID != id && s.Kind == kind && !s.Archived() })
}

// MoveStage moves a stage left (delta −1) or right (+1) in its pipeline.
func (a *App) MoveStage(ctx context.Context, actor Actor, id string, delta int) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		s, p, err := liveStage(ctx, tx, id)
		if err != nil {
			return err
		}
		moved, _ := moveInList(stageIDs(p.Stages), id, delta)
		if err := store.SetStageOrder(ctx, tx, moved); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionStageReordered, Entity: "stage", ID: id, Name: pipelineName(s.Name, s.NameKey),
			Details: map[string]any{"pipeline_id": p.ID, "position": slices.Index(moved, id)}})
	})
}

// ArchiveStage hides a stage from the board and from moves, keeping the
// closed deals it holds for reports; or brings it back. A stage with open
// deals is refused: they would vanish from the board.
func (a *App) ArchiveStage(ctx context.Context, actor Actor, id string, archive bool) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		s, p, err := liveStage(ctx, tx, id)
		if err != nil {
			return err
		}
		return a.archiveStage(ctx, tx, actor, s, p, archive)
	})
}

// archiveStage archives s or brings it back inside tx.
func (a *App) archiveStage(ctx context.Context, tx *store.Tx, actor Actor, s Stage, p Pipeline, archive bool) error {
	if s.Archived() == archive {
		return nil
	}
	if archive {
		if !hasOtherStage(p, s.ID, s.Kind) {
			return errorf(EConflict, "error.stage_kind_last")
		}
		open, err := store.CountDeals(ctx, tx, store.DealQuery{Stage: s.ID, Status: store.DealOpen})
		if err != nil {
			return err
		}
		if open > 0 {
			return errorf(EConflict, "error.stage_has_open_deals")
		}
		s.ArchivedAt = tx.Now
	} else {
		s.ArchivedAt = time.Time{}
	}
	s.UpdatedBy = actorID(actor)
	if err := store.UpdateStage(ctx, tx, s); err != nil {
		return err
	}
	action := ActionStageUnarchived
	if archive {
		action = ActionStageArchived
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "stage", ID: s.ID, Name: pipelineName(s.Name, s.NameKey),
		Details: map[string]any{"pipeline_id": p.ID}})
}

// DeleteStage moves a stage to the trash. Its deals, trashed ones too,
// first move to targetID, another stage of the same pipeline and kind, so
// none is left without a stage; without a target, a stage that holds
// deals is refused with a problem on target_stage_id, so the form can ask.
func (a *App) DeleteStage(ctx context.Context, actor Actor, id, targetID string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		s, p, err := liveStage(ctx, tx, id)
		if err != nil {
			return err
		}
		if !s.Archived() && !hasOtherStage(p, id, s.Kind) {
			return errorf(EConflict, "error.stage_kind_last")
		}
		if err := a.moveStageDeals(ctx, tx, actor, s, targetID, false); err != nil {
			return err
		}
		if err := store.TrashStage(ctx, tx, id, actorID(actor), true); err != nil {
			return err
		}
		rest := slices.DeleteFunc(stageIDs(p.Stages), func(sid string) bool { return sid == id })
		if err := store.SetStageOrder(ctx, tx, rest); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionStageDeleted, Entity: "stage", ID: id, Name: pipelineName(s.Name, s.NameKey),
			Details: map[string]any{"pipeline_id": p.ID}})
	})
}

// moveStageDeals moves every deal of stage from (live and trashed) to the
// stage targetID, which must be a usable stage of the same kind, in
// another pipeline when otherPipeline is set, else in the same one.
// Each deal keeps its status, gets a stage history row and an audit entry.
func (a *App) moveStageDeals(ctx context.Context, tx *store.Tx, actor Actor, from Stage, targetID string, otherPipeline bool) error {
	ids, err := store.DealIDsInStage(ctx, tx, from.ID)
	if err != nil || len(ids) == 0 {
		return err
	}
	field := "target_stage_id"
	if otherPipeline {
		field = "target_" + from.Kind
	}
	if targetID == "" {
		return Invalid(map[string]string{field: "error.stage_target_required"})
	}
	to, toPipeline, err := liveStage(ctx, tx, targetID)
	if err != nil && ErrorCode(err) == ENotFound {
		return Invalid(map[string]string{field: "error.stage_target_invalid"})
	} else if err != nil {
		return err
	}
	if to.ID == from.ID || to.Kind != from.Kind || to.Archived() || toPipeline.Archived() || (to.PipelineID != from.PipelineID) != otherPipeline {
		return Invalid(map[string]string{field: "error.stage_target_invalid"})
	}
	for _, id := range ids {
		d, err := store.DealByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.Position, err = store.RankIn(ctx, tx, to.ID, d.ID, store.Place{Bottom: true}); err != nil {
			return err
		}
		fromPipeline := d.PipelineID
		d.PipelineID, d.StageID, d.StageEnteredAt, d.UpdatedBy = to.PipelineID, to.ID, tx.Now, actorID(actor)
		if err := store.UpdateDeal(ctx, tx, d); err != nil {
			return err
		}
		if err := store.InsertStageChange(ctx, tx, store.StageChange{ID: a.cfg.NewID(), DealID: d.ID, FromStageID: from.ID, ToStageID: to.ID, By: actorID(actor)}); err != nil {
			return err
		}
		changes := map[string]FieldChange{fieldStage: {From: from.ID, To: to.ID}}
		if fromPipeline != to.PipelineID {
			changes["pipeline_id"] = FieldChange{From: fromPipeline, To: to.PipelineID}
		}
		if err := a.record(ctx, tx, actorID(actor), Change{Action: ActionDealMoved, Entity: "deal", ID: d.ID, Name: d.Title, Changes: changes}); err != nil {
			return err
		}
	}
	return nil
}

// RestoreStage takes a stage out of the trash, at the end of its pipeline.
func (a *App) RestoreStage(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		s, err := store.StageByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !s.Trashed()) {
			return errorf(ENotFound, "error.stage_not_found")
		}
		if err != nil {
			return err
		}
		p, err := livePipeline(ctx, tx, s.PipelineID)
		if err != nil {
			return err
		}
		if len(p.Stages) >= maxStages {
			return errorf(EConflict, "error.too_many_stages")
		}
		if err := store.TrashStage(ctx, tx, id, actorID(actor), false); err != nil {
			return err
		}
		if err := store.SetStageOrder(ctx, tx, append(stageIDs(p.Stages), id)); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionStageRestored, Entity: "stage", ID: id, Name: pipelineName(s.Name, s.NameKey),
			Details: map[string]any{"pipeline_id": p.ID}})
	})
}

// TrashedStages lists a pipeline's stages in the trash.
func (a *App) TrashedStages(ctx context.Context, actor Actor, pipelineID string) ([]Stage, error) {
	return store.TrashedStages(ctx, a.db.Reader(), pipelineID)
}

// StageDealCounts counts the deals in each stage of a pipeline (trashed
// ones too), for the settings page's delete questions.
func (a *App) StageDealCounts(ctx context.Context, actor Actor, pipelineID string) (map[string]int, error) {
	return store.StageDealCounts(ctx, a.db.Reader(), pipelineID)
}

// Stage loads one stage, trashed or not; the caller decides whether one
// in the trash will do.
func (a *App) Stage(ctx context.Context, actor Actor, id string) (Stage, error) {
	s, err := store.StageByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return s, errorf(ENotFound, "error.stage_not_found")
	}
	return s, err
}

// StagesByID loads stages by id, trashed ones too, for naming the stages
// a deal's history mentions.
func (a *App) StagesByID(ctx context.Context, actor Actor, ids []string) (map[string]Stage, error) {
	return store.StagesByID(ctx, a.db.Reader(), ids)
}
