package app

import (
	"context"
	"strings"
)

// A whole-CRM migration (rolo import pipedrive|hubspot, the migrate page)
// brings another CRM's export over in one batch. The files are unpacked
// (migrate_files.go), recognised by their headers (migrate_layout.go)
// and read row by row (migrate_read.go, migrate_activity.go); the plan
// settles owners (migrate_owners.go), pipelines and stages
// (migrate_plan.go), the records already here and every link
// (migrate_links.go); only then, unless it is a dry run, is it written
// in one transaction (migrate_write.go, migrate_stages.go). A dry run and
// the real run share every step but the writing, so they report the
// same numbers. Undo: migrate_undo.go.

// MigrationSources are the CRMs whose exports a migration reads.
var MigrationSources = []string{"pipedrive", "hubspot"}

// MigrationFile is one file of another CRM's export (a CSV), by its name
// in the export.
type MigrationFile struct {
	Name string // e.g. "organizations.csv", "hubspot-crm-exports-all-contacts-2026-11-30.csv"
	Data []byte
}

// MigrateOptions say what to migrate and how to place what Rolo lacks.
type MigrateOptions struct {
	Source string // "pipedrive" or "hubspot"
	Name   string // shown in the imports list (the zip's or directory's name); "" names the source
	Files  []MigrationFile
	// Stages maps a stage of the export, keyed "Pipeline name / Stage
	// name" (MigrationStage.Key), onto an existing Rolo stage: its id, or
	// "Pipeline / Stage" by name. A stage absent from the map is matched
	// by name (case-folded) to a stage of a same-named pipeline, else
	// created.
	Stages map[string]string
	// Owners maps an owner as written in the export (MigrationOwner.Key)
	// to a user (id or email), or to "" for "no owner". An owner absent
	// from the map is matched by email, then by name; else no owner.
	Owners   map[string]string
	DryRun   bool
	Progress func(step string, done, total int) // optional, for the CLI's bar
}

// MigrationReport says what a migration did, or (a dry run) would do.
type MigrationReport struct {
	BatchID   string // "" on a dry run
	Source    string
	Files     []MigrationFileReport
	Counts    map[string]MigrationCount // by kind: companies, contacts, deals, activities, notes
	Pipelines []MigrationPipeline       // the export's pipelines, in order of first use
	Owners    []MigrationOwner          // the export's owners, as written, sorted
	Problems  []MigrationProblem        // rows not kept
	Warnings  []MigrationProblem        // values left out of a kept row
	Written   bool
}

// MigrationFileReport is one file of the export and what it was read as.
type MigrationFileReport struct {
	Name string
	Kind string // organizations, persons, deals, activities, notes, or ignored
	Rows int
}

// MigrationCount counts one kind of record: rows read, records created,
// rows skipped because the record is already here (an earlier run of the
// same migration, or the same email or company name), rows refused.
type MigrationCount struct{ Rows, Created, Updated, Skipped, Failed int }

// MigrationPipeline is a pipeline the export names.
type MigrationPipeline struct {
	Name       string
	ExistingID string // "" when it will be (was) created
	Stages     []MigrationStage
}

// MigrationStage is a stage the export names, and where its deals go.
type MigrationStage struct {
	Key, Pipeline, Name string
	ExistingID          string // the Rolo stage; "" when it will be (was) created
	Create              bool
	Kind                string // open, won or lost
	Deals               int
}

// MigrationOwner is an owner the export names, and the user it became.
type MigrationOwner struct {
	Key         string // as written in the export
	Name, Email string // read from Key
	UserID      string // "" = no owner
	MatchedBy   string // email, name, map, or "" (no owner)
	Records     int    // rows that name this owner
}

// MigrationProblem is one thing wrong with one row of one file.
type MigrationProblem struct {
	File    string
	Line    int
	Field   string // "" for the whole row
	Message string // catalog key
	Value   string
}

// migration kinds, in the order they are written: what a row links to
// is written before it.
var migrationKinds = []string{"companies", "contacts", "deals", "activities", "notes"}

// fileKinds names the kind of file each record kind comes from, as the
// report says it (Pipedrive's words).
var fileKinds = map[string]string{"companies": "organizations", "contacts": "persons", "deals": "deals",
	"activities": "activities", "notes": "notes"}

// Migrate runs (or, DryRun, plans) a whole migration as one import batch
// (entity "migration"); the dry run and the real run report the same
// numbers.
func (a *App) Migrate(ctx context.Context, actor Actor, opt MigrateOptions) (MigrationReport, error) {
	if err := a.canMigrate(actor); err != nil {
		return MigrationReport{}, err
	}
	opt.Source = strings.ToLower(strings.TrimSpace(opt.Source))
	if !contains(MigrationSources, opt.Source) {
		return MigrationReport{}, Invalid(map[string]string{"source": "error.migration_source_unknown"})
	}
	ctx = context.WithValue(ctx, phoneRegionKey{}, a.regionFor(ctx, a.db.Reader(), actor))
	m, err := a.newMigration(ctx, actor, opt)
	if err != nil {
		return MigrationReport{}, err
	}
	if err := m.read(ctx); err != nil {
		return m.rep, err
	}
	if err := m.plan(ctx); err != nil {
		return m.rep, err
	}
	if err := m.checkStageRights(); err != nil {
		return m.rep, err
	}
	if opt.DryRun {
		return m.rep, nil
	}
	if err := m.write(ctx); err != nil {
		return m.rep, err
	}
	m.rep.Written = true
	return m.rep, nil
}
