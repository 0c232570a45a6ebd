package app

import (
	"context"
	"sort"
	"strings"

	"rolo/store"
)

// migPipeline is a pipeline the export names: found here, or to create.
type migPipeline struct {
	name     string
	existing Pipeline // ID "" when it is created
	id       string   // the pipeline's id once found or created
	stages   []*migStage
}

// migStage is a stage the export names and the Rolo stage its deals go to.
type migStage struct {
	MigrationStage
	pipeline   *migPipeline
	id         string // the Rolo stage, once found or created
	pipelineID string // its pipeline's
	order      int    // first use in the export
}

// plan settles where everything goes: owners, pipelines and stages, the
// records already here (an earlier run of the same migration, a contact
// with the same email, a company of the same name), and every link.
func (m *migration) plan(ctx context.Context) error {
	if err := m.planOwners(); err != nil {
		return err
	}
	if err := m.planStages(ctx); err != nil {
		return err
	}
	if err := m.findExisting(ctx); err != nil {
		return err
	}
	if err := m.link(ctx); err != nil {
		return err
	}
	for _, kind := range migrationKinds {
		c := m.rep.Counts[kind]
		for _, r := range m.rows[kind] {
			switch {
			case r.refused:
			case r.here:
				c.Skipped++
			default:
				c.Created++
			}
		}
		m.rep.Counts[kind] = c
	}
	m.report()
	return nil
}

// stageKind tells the closing stages by their names: HubSpot's "Closed
// won", Pipedrive's status column says it apart.
func stageKind(name string) string {
	switch headerKey(name) {
	case "closedwon", "won":
		return store.StageWon
	case "closedlost", "lost":
		return store.StageLost
	}
	return store.StageOpen
}

// knownStageOrder orders the stages of a pipeline the export names, as
// the two CRMs' default pipelines order them; others keep the order they
// are first used in.
var knownStageOrder = []string{"leadin", "appointmentscheduled", "contactmade", "qualified", "qualifiedtobuy", "demoscheduled",
	"presentationscheduled", "decisionmakerboughtin", "proposalmade", "contractsent", "negotiationsstarted"}

// planStages finds or plans the pipeline and stage of every deal.
func (m *migration) planStages(ctx context.Context) error {
	list, err := store.ListPipelines(ctx, m.a.db.Reader(), false)
	if err != nil {
		return err
	}
	var live []Pipeline
	for _, pl := range list {
		if pl.Archived() {
			continue
		}
		live = append(live, pl)
		for _, st := range pl.Stages {
			if k := pl.ID + "/" + st.Kind; st.Kind != store.StageOpen && !st.Archived() && m.closing[k] == "" {
				m.closing[k] = st.ID
			}
		}
	}
	m.live = live
	p := map[string]string{}
	byName := map[string]*migPipeline{}
	for _, r := range m.rows["deals"] {
		if r.refused {
			continue
		}
		pname := r.pipeline
		if pname == "" && len(live) > 0 {
			pname = shownName("en", live[0].Name, live[0].NameKey)
		}
		mp := byName[foldKey(pname)]
		if mp == nil {
			mp = &migPipeline{name: pname}
			if pl, ok := findPipeline(live, pname); ok {
				mp.existing, mp.id = pl, pl.ID
			}
			byName[foldKey(pname)] = mp
			m.pipelines = append(m.pipelines, mp)
		}
		key := pname + " / " + r.stage
		s := m.stages[key]
		if s == nil {
			s = &migStage{MigrationStage: MigrationStage{Key: key, Pipeline: pname, Name: r.stage, Kind: stageKind(r.stage)}, pipeline: mp, order: len(m.stages)}
			m.stages[key] = s
			mp.stages = append(mp.stages, s)
			if err := m.placeStage(ctx, s, live, p); err != nil {
				return err
			}
		}
		s.Deals++
		r.placed = s
	}
	for key := range m.opt.Stages {
		if m.stages[key] == nil {
			p["stages."+key] = "error.migration_stage_not_in_export"
		}
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	for _, mp := range m.pipelines {
		if allKnown(mp.stages) {
			sort.SliceStable(mp.stages, func(i, j int) bool { return stageRank(mp.stages[i]) < stageRank(mp.stages[j]) })
		}
	}
	return nil
}

// allKnown tells whether every stage is one of the default pipelines':
// then their order is known; otherwise the export's order of first use
// is the best guess there is.
func allKnown(stages []*migStage) bool {
	for _, s := range stages {
		if s.Kind == store.StageOpen && stageRank(s) < 0 {
			return false
		}
	}
	return true
}

// stageRank is a stage's place in the default pipelines, -1 for none;
// closing stages go last.
func stageRank(s *migStage) int {
	if s.Kind != store.StageOpen {
		return len(knownStageOrder)
	}
	for i, k := range knownStageOrder {
		if headerKey(s.Name) == k {
			return i
		}
	}
	return -1
}

// placeStage settles one stage: the options' map, a same-named stage of
// the same-named pipeline (or its won or lost stage for a closing one),
// else a stage to create.
func (m *migration) placeStage(ctx context.Context, s *migStage, live []Pipeline, p map[string]string) error {
	if to, ok := m.opt.Stages[s.Key]; ok {
		st, found := findStageRef(live, to)
		if !found {
			p["stages."+s.Key] = "error.stage_unknown"
			return nil
		}
		s.ExistingID, s.id, s.Kind, s.pipelineID = st.ID, st.ID, st.Kind, st.PipelineID
		return nil
	}
	s.pipelineID = s.pipeline.id
	if s.pipeline.id == "" {
		s.Create = s.Name != "" // a deal without a stage goes to the new pipeline's first stage
		return nil
	}
	for _, st := range s.pipeline.existing.Stages {
		if st.Archived() {
			continue
		}
		if (s.Name != "" && namedAs(st.Name, st.NameKey, s.Name)) || (s.Kind != store.StageOpen && st.Kind == s.Kind) ||
			(s.Name == "" && st.Kind == store.StageOpen) {
			s.ExistingID, s.id, s.Kind = st.ID, st.ID, st.Kind
			return nil
		}
	}
	s.Create = s.Name != ""
	return nil
}

// findPipeline finds a live pipeline by name, case-folded; the built-in
// one by its name in any language, or its catalog key.
func findPipeline(live []Pipeline, name string) (Pipeline, bool) {
	for _, pl := range live {
		if namedAs(pl.Name, pl.NameKey, name) {
			return pl, true
		}
	}
	return Pipeline{}, false
}

// findStageRef finds a live stage by id, or by "Pipeline / Stage" name.
func findStageRef(live []Pipeline, ref string) (Stage, bool) {
	ref = strings.TrimSpace(ref)
	pname, sname, byName := strings.Cut(ref, "/")
	for _, pl := range live {
		for _, st := range pl.Stages {
			if st.Archived() {
				continue
			}
			if st.ID == ref || (byName && namedAs(pl.Name, pl.NameKey, pname) && namedAs(st.Name, st.NameKey, sname)) {
				return st, true
			}
		}
	}
	return Stage{}, false
}

// report fills the report's lists from the plan; problems go in file
// order, by line, then by column.
func (m *migration) report() {
	for _, list := range [][]MigrationProblem{m.rep.Problems, m.rep.Warnings} {
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if a.File != b.File {
				return a.File < b.File
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Field < b.Field
		})
	}
	m.rep.Pipelines = nil
	for _, mp := range m.pipelines {
		rp := MigrationPipeline{Name: mp.name, ExistingID: mp.existing.ID}
		for _, s := range mp.stages {
			rp.Stages = append(rp.Stages, s.MigrationStage)
		}
		m.rep.Pipelines = append(m.rep.Pipelines, rp)
	}
	m.rep.Owners = nil
	for _, o := range m.owners {
		m.rep.Owners = append(m.rep.Owners, *o)
	}
	sort.Slice(m.rep.Owners, func(i, j int) bool { return m.rep.Owners[i].Key < m.rep.Owners[j].Key })
}
