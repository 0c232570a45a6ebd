package app

import (
	"context"
	"slices"

	"rolo/store"
)

// writeStages creates the pipelines and stages the plan lacks: a new
// pipeline gets the export's open stages in order, then a won and a lost
// stage (named as the export names its closing stages, else by the
// catalog); a stage new to an existing pipeline goes before its closing
// stages. Each is listed in the batch, so an undo removes it.
func (m *migration) writeStages(ctx context.Context, tx *store.Tx) error {
	position := len(m.live)
	for _, mp := range m.pipelines {
		if mp.id != "" {
			if err := m.addStages(ctx, tx, mp); err != nil {
				return err
			}
			continue
		}
		needed := false
		for _, s := range mp.stages {
			needed = needed || s.id == "" // not mapped elsewhere
		}
		if !needed {
			continue
		}
		mp.id = m.a.cfg.NewID()
		name := clipName(mp.name, maxPipelineName)
		if name == "" {
			name = sourceTitle(m.opt.Source)
		}
		if err := store.InsertPipeline(ctx, tx, Pipeline{ID: mp.id, Name: name, Position: position, Stamp: store.Stamp{CreatedBy: actorID(m.actor)}}); err != nil {
			return err
		}
		position++
		var open []*migStage
		closing := map[string]*migStage{}
		for _, s := range mp.stages {
			switch {
			case s.id != "" || !s.Create:
			case s.Kind == store.StageOpen:
				open = append(open, s)
			case closing[s.Kind] == nil:
				closing[s.Kind] = s
			}
		}
		all := make([]Stage, 0, len(open)+2)
		for i, s := range open {
			all = append(all, Stage{Name: clipName(s.Name, maxPipelineName), Probability: (100*(i+1) + (len(open)+1)/2) / (len(open) + 1), Kind: store.StageOpen})
		}
		if len(open) == 0 { // every deal of the pipeline was won or lost: it still needs a stage to sell in
			all = append(all, Stage{NameKey: "pipeline.default.first_outreach", Probability: 10, Kind: store.StageOpen})
		}
		for _, kind := range []string{store.StageWon, store.StageLost} {
			st := Stage{NameKey: "pipeline.default." + kind, Kind: kind, Probability: map[string]int{store.StageWon: 100}[kind]}
			if s := closing[kind]; s != nil {
				st.Name, st.NameKey = clipName(s.Name, maxPipelineName), ""
			}
			all = append(all, st)
		}
		var names []string
		for i := range all {
			st := &all[i]
			st.ID, st.PipelineID, st.Position, st.CreatedBy = m.a.cfg.NewID(), mp.id, i, actorID(m.actor)
			if err := store.InsertStage(ctx, tx, *st); err != nil {
				return err
			}
			if err := store.InsertImportRecord(ctx, tx, m.batchID, store.ImportRecord{Entity: "stage", RecordID: st.ID, Action: "created"}); err != nil {
				return err
			}
			names = append(names, pipelineName(st.Name, st.NameKey))
			if st.Kind != store.StageOpen {
				m.closing[mp.id+"/"+st.Kind] = st.ID
			}
		}
		for _, s := range mp.stages {
			if s.id != "" {
				continue
			}
			s.pipelineID, s.id = mp.id, all[0].ID // no stage named: the first
			if i := slices.Index(open, s); i >= 0 {
				s.id = all[i].ID
			} else if s.Kind != store.StageOpen {
				s.id = m.closing[mp.id+"/"+s.Kind]
			}
		}
		if err := store.InsertImportRecord(ctx, tx, m.batchID, store.ImportRecord{Entity: "pipeline", RecordID: mp.id, Action: "created"}); err != nil {
			return err
		}
		if err := m.a.record(ctx, tx, actorID(m.actor), Change{Action: ActionPipelineCreated, Entity: "pipeline", ID: mp.id, Name: name,
			Details: map[string]any{"stages": names, "import": m.batchID}}); err != nil {
			return err
		}
	}
	return nil
}

// addStages adds the stages an existing pipeline lacks, before its
// closing stages.
func (m *migration) addStages(ctx context.Context, tx *store.Tx, mp *migPipeline) error {
	order := stageIDs(mp.existing.Stages)
	at := slices.IndexFunc(mp.existing.Stages, func(st Stage) bool { return st.Kind != store.StageOpen })
	if at < 0 {
		at = len(order)
	}
	added := false
	for _, s := range mp.stages {
		if !s.Create || s.id != "" {
			continue
		}
		if len(order) >= maxStages {
			return Invalid(map[string]string{"stages." + s.Key: "error.too_many_stages"})
		}
		st := Stage{ID: m.a.cfg.NewID(), PipelineID: mp.id, Name: clipName(s.Name, maxPipelineName), Position: len(order), Kind: s.Kind}
		st.CreatedBy = actorID(m.actor)
		if s.Kind != store.StageOpen { // a closing stage the pipeline has: matched in the plan; here only for safety
			st.Kind = store.StageOpen
		}
		if err := store.InsertStage(ctx, tx, st); err != nil {
			return err
		}
		order = slices.Insert(order, at, st.ID)
		at++
		s.id, s.pipelineID, added = st.ID, mp.id, true
		if err := store.InsertImportRecord(ctx, tx, m.batchID, store.ImportRecord{Entity: "stage", RecordID: st.ID, Action: "created"}); err != nil {
			return err
		}
		if err := m.a.record(ctx, tx, actorID(m.actor), Change{Action: ActionStageCreated, Entity: "stage", ID: st.ID, Name: st.Name,
			Fields: stageFields(st), Details: map[string]any{"pipeline_id": mp.id, "import": m.batchID}}); err != nil {
			return err
		}
	}
	if !added {
		return nil
	}
	return store.SetStageOrder(ctx, tx, order)
}

// clip cuts s to at most n characters.
func clipName(s string, n int) string {
	s, _ = cleanText(string([]rune(s)[:min(len([]rune(s)), n)]), n, false)
	return s
}
