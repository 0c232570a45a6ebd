package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path"
	"strings"

	"rolo/store"
)

// migration is one run of Migrate: the rows of every file, read and
// checked, then placed and linked by the plan, then written.
type migration struct {
	a     *App
	actor Actor
	opt   MigrateOptions
	rep   MigrationReport
	rows  map[string][]*migRow // by kind
	users []store.User
	// the plan
	owners    map[string]*MigrationOwner // by key as written
	stages    map[string]*migStage       // by MigrationStage.Key
	pipelines []*migPipeline
	byExt     map[string]map[string]*migRow // kind → external id → row
	byName    map[string]map[string]*migRow // kind → folded name → first row of that name
	links     map[*migRow]*migLinks
	live      []Pipeline        // the pipelines in use before the migration
	closing   map[string]string // pipeline id + "/won" or "/lost" → that stage
	batchID   string
	acts      []Activity                  // activities made, not yet stored
	tasks     []Task                      // to-dos made, not yet stored
	contacts  map[*importer][]*contactRow // contacts made, not yet stored, by file
}

// migRow is one row of the export.
type migRow struct {
	kind, file              string
	line                    int
	cells                   []string
	ext                     string // the other CRM's id
	name                    string // folded: a company's name, a person's name, a deal's title
	ownerKey                string
	imp                     *importer    // the reader of its file
	rec                     importRecord // companies, contacts, deals
	act                     Activity     // activities and notes
	task                    *Task        // an activity not done yet: a task here
	company, contact, deal  migRef
	pipeline, stage, status string
	placed                  *migStage
	times                   migTimes // migrate_times.go
	id                      string   // the Rolo record: found here, or created
	here                    bool     // already here: an earlier run, or matched
	known                   bool     // an earlier run of this migration brought it
	refused                 bool
}

// migRef is a link as the export writes it: the other CRM's ids, or a name.
type migRef struct {
	ids  []string
	name string
}

func (a *App) newMigration(ctx context.Context, actor Actor, opt MigrateOptions) (*migration, error) {
	m := &migration{a: a, actor: actor, opt: opt, rows: map[string][]*migRow{}, owners: map[string]*MigrationOwner{},
		stages: map[string]*migStage{}, closing: map[string]string{}, contacts: map[*importer][]*contactRow{}, byExt: map[string]map[string]*migRow{}, byName: map[string]map[string]*migRow{}}
	m.rep = MigrationReport{Source: opt.Source, Counts: map[string]MigrationCount{}}
	for _, k := range migrationKinds {
		m.rep.Counts[k] = MigrationCount{}
		m.byExt[k], m.byName[k] = map[string]*migRow{}, map[string]*migRow{}
	}
	users, err := store.ListUsers(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if !u.Disabled() {
			m.users = append(m.users, u)
		}
	}
	return m, nil
}

// read reads every file of the export; a file that is not a CSV, or
// whose headers are no kind of this CRM's export, is listed as ignored.
func (m *migration) read(ctx context.Context) error {
	if len(m.opt.Files) == 0 {
		return errorf(EInvalid, "error.migration_no_files")
	}
	for i, f := range m.opt.Files {
		fr := MigrationFileReport{Name: f.Name, Kind: "ignored"}
		if !strings.EqualFold(path.Ext(f.Name), ".csv") {
			m.warn(MigrationProblem{File: f.Name, Message: "error.migration_file_not_csv"})
			m.rep.Files = append(m.rep.Files, fr)
			continue
		}
		table, err := openCSV(bytes.NewReader(f.Data), CSVFormat{})
		if err != nil {
			m.warn(MigrationProblem{File: f.Name, Message: AsError(err).Message})
			m.rep.Files = append(m.rep.Files, fr)
			continue
		}
		layout, ok := detectLayout(m.opt.Source, table.Header)
		if !ok {
			m.warn(MigrationProblem{File: f.Name, Message: "error.migration_file_unknown"})
			m.rep.Files = append(m.rep.Files, fr)
			continue
		}
		fr.Kind = fileKinds[layout.kind]
		n, err := m.readFile(ctx, f, layout)
		if err != nil {
			return err
		}
		fr.Rows = n
		m.rep.Files = append(m.rep.Files, fr)
		m.progress("reading", i+1, len(m.opt.Files))
	}
	return nil
}

func (m *migration) progress(step string, done, total int) {
	if m.opt.Progress != nil {
		m.opt.Progress(step, done, total)
	}
}

// readFile reads the rows of one file.
func (m *migration) readFile(ctx context.Context, f MigrationFile, l migrationLayout) (int, error) {
	var imp *importer
	var table *csvTable
	var err error
	if l.entity != "" {
		head, herr := openCSV(bytes.NewReader(f.Data), CSVFormat{})
		if herr != nil {
			return 0, herr
		}
		opt := ImportOptions{Entity: l.entity, FileName: f.Name, OnDuplicate: "skip", Match: []string{"email"},
			Mapping: l.hiddenColumns(m.opt.Source, head.Header)}
		if imp, err = m.a.newImporter(ctx, m.actor, opt); err != nil {
			return 0, err
		}
		if table, _, err = imp.open(bytes.NewReader(f.Data), opt); err != nil {
			return 0, err
		}
	} else if table, err = openCSV(bytes.NewReader(f.Data), CSVFormat{}); err != nil {
		return 0, err
	}
	col := func(names []string) int { return columnOf(table.Header, names) }
	cols := struct{ id, owner, companyID, companyName, contactID, contactName, dealID, dealName, pipeline, stage, status int }{
		col(l.id), col(l.owner), col(l.companyID), col(l.companyName), col(l.contactID), col(l.contactName), col(l.dealID), col(l.dealName),
		col(l.pipeline), col(l.stage), col(l.status)}
	n := 0
	for {
		row, err := table.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, readError(err, row.Line)
		}
		n++
		c := m.rep.Counts[l.kind]
		c.Rows++
		m.rep.Counts[l.kind] = c
		cell := func(i int) string {
			if i < 0 || i >= len(row.Cells) {
				return ""
			}
			return strings.TrimSpace(row.Cells[i])
		}
		r := &migRow{kind: l.kind, file: f.Name, line: row.Line, cells: row.Cells, imp: imp, ext: cell(cols.id), ownerKey: cell(cols.owner),
			company:  migRef{ids: splitIDs(cell(cols.companyID)), name: cell(cols.companyName)},
			contact:  migRef{ids: splitIDs(cell(cols.contactID)), name: cell(cols.contactName)},
			deal:     migRef{ids: splitIDs(cell(cols.dealID)), name: cell(cols.dealName)},
			pipeline: cell(cols.pipeline), stage: cell(cols.stage), status: strings.ToLower(cell(cols.status))}
		if l.kind == "deals" && r.status == "deleted" {
			m.skipDeleted(r)
			continue
		}
		m.rows[l.kind] = append(m.rows[l.kind], r)
		if row.Err != "" {
			m.refuse(r, MigrationProblem{Message: row.Err})
			continue
		}
		if imp == nil {
			m.readActivity(r, table.Header, l)
			continue
		}
		rec, problems := imp.parse(ctx, row)
		for i := range problems {
			problems[i].Field = headerOf(imp, problems[i].Field)
		}
		if rec == nil {
			m.refuse(r, migrationProblems(problems)...)
			continue
		}
		for _, p := range migrationProblems(problems) {
			m.warnRow(r, p)
		}
		r.rec = rec
		m.readTimes(r, table.Header, l)
		switch rec := rec.(type) {
		case *companyRow:
			r.name = rec.c.SortName
		case *contactRow:
			r.name = rec.c.SortName
		case *dealRow:
			r.name = rec.d.SortTitle
		}
	}
	return n, nil
}

// skipDeleted leaves out a deal Pipedrive keeps as deleted (its export
// lists them, status "deleted"): skipped, with a warning naming the row
// and no field, as the whole row is left out.
func (m *migration) skipDeleted(r *migRow) {
	c := m.rep.Counts[r.kind]
	c.Skipped++
	m.rep.Counts[r.kind] = c
	m.warnRow(r, MigrationProblem{Message: "error.migration_deal_deleted", Value: r.status})
}

// splitIDs reads a cell of ids: HubSpot joins several with ";".
func splitIDs(cell string) []string {
	var out []string
	for _, id := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == ',' }) {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// headerOf names a reader's field by the file's column, as a person who
// looks at the file sees it.
func headerOf(imp *importer, field string) string {
	for i, f := range imp.fields {
		if f == field && i < len(imp.header) {
			return imp.header[i]
		}
	}
	return field
}

func migrationProblems(ps []ImportProblem) []MigrationProblem {
	out := make([]MigrationProblem, len(ps))
	for i, p := range ps {
		out[i] = MigrationProblem{Line: p.Line, Field: p.Field, Message: p.Message, Value: p.Value}
	}
	return out
}

// refuse marks a row as not kept, with its problems.
func (m *migration) refuse(r *migRow, ps ...MigrationProblem) {
	if !r.refused {
		r.refused = true
		c := m.rep.Counts[r.kind]
		c.Failed++
		m.rep.Counts[r.kind] = c
	}
	for _, p := range ps {
		p.File, p.Line = r.file, r.line
		if len(m.rep.Problems) < maxProblems {
			m.rep.Problems = append(m.rep.Problems, p)
		}
	}
}

// warnRow reports a value left out of a kept row.
func (m *migration) warnRow(r *migRow, p MigrationProblem) {
	p.File, p.Line = r.file, r.line
	m.warn(p)
}

func (m *migration) warn(p MigrationProblem) {
	if len(m.rep.Warnings) < maxProblems {
		m.rep.Warnings = append(m.rep.Warnings, p)
	}
}
