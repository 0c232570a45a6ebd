package app

// canMigrate: a migration writes contacts, companies, deals and their
// history, so the importer needs the right to create in each of those
// areas, as by hand. The import right alone is no way around them.
func (a *App) canMigrate(actor Actor) error {
	for _, area := range []Area{AreaImports, AreaContacts, AreaDeals, AreaActivities} {
		if err := a.can(actor, area, LevelCreate); err != nil {
			return err
		}
	}
	return nil
}

// checkStageRights: creating pipelines and stages is managing deals
// (Settings → Pipelines). An importer without that right sees the plan
// with a problem that says so, and the real run is refused until every
// new stage is mapped onto an existing one.
func (m *migration) checkStageRights() error {
	if m.a.can(m.actor, AreaDeals, LevelManage) == nil {
		return nil
	}
	for _, p := range m.rep.Pipelines {
		for _, s := range p.Stages {
			if s.Create && s.ExistingID == "" {
				if m.opt.DryRun {
					m.rep.Problems = append(m.rep.Problems, MigrationProblem{Field: s.Key, Message: stagesNeedManager})
					continue
				}
				return Invalid(map[string]string{"stages": stagesNeedManager})
			}
		}
	}
	return nil
}

const stagesNeedManager = "error.migration_stages_need_manager"
