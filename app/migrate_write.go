package app

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"rolo/store"
)

// write stores the plan in one transaction: the batch, the pipelines and
// stages to create, then companies, contacts, deals, activities and notes
// (each after what it links to), the other CRM's ids, and the problems.
// One transaction: a migration is all there or not at all.
func (m *migration) write(ctx context.Context) error {
	a := m.a
	name := m.opt.Name
	if name == "" {
		name = m.opt.Source + " export"
	}
	b := store.ImportBatch{ID: a.cfg.NewID(), Entity: "migration", FileName: name, Preset: m.opt.Source, Encoding: "utf-8", CreatedBy: actorID(m.actor)}
	ctx = WithOrigin(ctx, Origin{Kind: OriginImport, ID: b.ID, Name: b.FileName}) // each record's entry names the batch
	if err := a.db.SetWriteCache(ctx, importCacheKiB); err != nil {
		return err
	}
	defer a.db.SetWriteCache(context.WithoutCancel(ctx), 0)
	total, done := 0, 0
	for _, kind := range migrationKinds {
		total += m.rep.Counts[kind].Created
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.InsertImportBatch(ctx, tx, b); err != nil {
			return err
		}
		m.batchID = b.ID
		tagsBefore, err := store.TagIDs(ctx, tx)
		if err != nil {
			return err
		}
		if err := m.writeStages(ctx, tx); err != nil {
			return err
		}
		for _, kind := range migrationKinds {
			for _, r := range m.rows[kind] {
				if r.refused || r.here {
					continue
				}
				if err := m.writeRow(ctx, tx, r); err != nil {
					return err
				}
				if done++; done%500 == 0 {
					m.progress("writing", done, total)
				}
			}
			if err := m.flushContacts(ctx, tx); err != nil {
				return err
			}
			if err := m.flushActivities(ctx, tx); err != nil {
				return err
			}
		}
		if err := m.recordTags(ctx, tx, tagsBefore); err != nil {
			return err
		}
		if err := m.writeIDs(ctx, tx); err != nil {
			return err
		}
		if err := m.writeProblems(ctx, tx); err != nil {
			return err
		}
		for _, kind := range migrationKinds {
			c := m.rep.Counts[kind]
			b.RowsDone, b.Created, b.Updated, b.Skipped, b.Failed = b.RowsDone+c.Rows, b.Created+c.Created, b.Updated+c.Updated, b.Skipped+c.Skipped, b.Failed+c.Failed
		}
		if err := a.record(ctx, tx, actorID(m.actor), Change{Action: ActionImportFinished, Entity: "import", ID: b.ID,
			Details: map[string]any{"name": b.FileName, "entity": "migration", "created": b.Created, "updated": b.Updated, "skipped": b.Skipped, "failed": b.Failed}}); err != nil {
			return err
		}
		return store.SaveImportProgress(ctx, tx, b, true)
	})
	if err != nil {
		return err
	}
	m.progress("writing", total, total)
	m.rep.BatchID = b.ID
	return nil
}

// writeRow creates the record of one row.
func (m *migration) writeRow(ctx context.Context, tx *store.Tx, r *migRow) error {
	l := m.links[r]
	if l == nil {
		l = &migLinks{}
	}
	var err error
	switch r.kind {
	case "companies":
		err = m.writeCompany(ctx, tx, r)
	case "contacts":
		rec := r.rec.(*contactRow)
		rec.c.OwnerID, rec.c.CompanyID, rec.company = m.ownerOf(r), "", ""
		if len(l.companies) > 0 {
			rec.c.CompanyID, rec.company = l.companies[0].recordID(), m.companyName(l.companies[0], r.company.name)
		}
		rec.c.ID, rec.c.CreatedAt, rec.c.UpdatedAt = m.a.cfg.NewID(), rec.stamp.CreatedAt, rec.stamp.UpdatedAt
		rec.prepareDoc()
		r.id = rec.c.ID
		m.contacts[r.imp] = append(m.contacts[r.imp], rec)
		if len(m.contacts[r.imp]) >= 1000 {
			err = m.flushContacts(ctx, tx)
		}
	case "deals":
		err = m.writeDeal(ctx, tx, r, l)
	default:
		err = m.writeActivity(ctx, tx, r, l)
	}
	if err != nil {
		return rowErrorIn(r, err)
	}
	return nil
}

// rowErrorIn names the file and line of a row the database refused.
func rowErrorIn(r *migRow, err error) error {
	e := AsError(err)
	if e.Code == EInternal {
		return err
	}
	return &Error{Code: e.Code, Message: e.Message, Fields: e.Fields, Detail: r.file + " line " + strconv.Itoa(r.line)}
}

// companyName is the name of a linked company, for a contact's search entry.
func (m *migration) companyName(l migLink, written string) string {
	if l.row != nil {
		if c, ok := l.row.rec.(*companyRow); ok {
			return c.c.Name
		}
	}
	return written
}

// flushContacts stores the contacts made so far, a file at a time, as
// an import's new contacts are (tags, custom values, batch records, one
// event each for rules, webhooks and scoring), and indexes them.
func (m *migration) flushContacts(ctx context.Context, tx *store.Tx) error {
	for imp, rows := range m.contacts {
		imp.batchID = m.batchID
		if err := imp.storeNew(ctx, tx, rows); err != nil {
			return err
		}
		delete(m.contacts, imp)
	}
	return m.flushDocs(ctx, tx)
}

func (m *migration) writeCompany(ctx context.Context, tx *store.Tx, r *migRow) error {
	a, rec := m.a, r.rec.(*companyRow)
	in := rec.in
	in.OwnerID = m.ownerOf(r)
	c, tagNames, err := a.validateCompany(ctx, tx, in)
	if err != nil {
		return err
	}
	c.ID, c.CreatedBy, c.CreatedAt, c.UpdatedAt = a.cfg.NewID(), actorID(m.actor), rec.stamp.CreatedAt, rec.stamp.UpdatedAt
	if err := store.InsertCompany(ctx, tx, c); err != nil {
		return err
	}
	tags, err := r.imp.tags(ctx, tx, tagNames)
	if err != nil {
		return err
	}
	if err := store.SetTags(ctx, tx, "company", c.ID, tagIDs(tags)); err != nil {
		return err
	}
	if _, err := a.applyCustomValues(ctx, tx, "company", c.ID, rec.custom, true); err != nil {
		return err
	}
	if err := a.indexCompany(ctx, tx, c.ID); err != nil {
		return err
	}
	r.id = c.ID
	if err := store.InsertImportRecord(ctx, tx, m.batchID, store.ImportRecord{Entity: "company", RecordID: c.ID, Action: "created"}); err != nil {
		return err
	}
	return a.announce(ctx, tx, actorID(m.actor), Change{Action: ActionCompanyCreated, Entity: "company", ID: c.ID, Name: c.Name,
		Details: map[string]any{"import": m.batchID}})
}

// writeDeal places a deal in its stage: a deal the export says was won
// or lost goes to its pipeline's won or lost stage.
func (m *migration) writeDeal(ctx context.Context, tx *store.Tx, r *migRow, l *migLinks) error {
	rec := r.rec.(*dealRow)
	in := rec.in
	in.OwnerID, in.CompanyID, in.ContactIDs, in.Status = m.ownerOf(r), "", nil, ""
	if len(l.companies) > 0 {
		in.CompanyID = l.companies[0].recordID()
	}
	for _, c := range l.contacts {
		in.ContactIDs = append(in.ContactIDs, c.recordID())
	}
	kind := store.DealOpen
	if s := r.placed; s != nil {
		in.PipelineID, in.StageID = s.pipelineID, s.id
		kind = s.Kind
		if r.status == store.DealWon || r.status == store.DealLost {
			kind = r.status
		}
		if kind != store.DealOpen {
			in.StageID = m.closing[s.pipelineID+"/"+kind]
		}
		if kind == store.DealLost && strings.TrimSpace(in.LostReason) == "" {
			in.LostReason = sourceTitle(m.opt.Source) // the export says lost, not why
		}
	}
	id := m.a.cfg.NewID()
	if err := m.a.saveDeal(ctx, tx, m.actor, Deal{ID: id, Stamp: rec.stamp}, in); err != nil {
		return err
	}
	// The export's times: won or lost when it says (reports count a
	// deal's revenue by its closed_at), in its stage since then or since
	// its last move; when the export does not say, the migration's time.
	entered, closed := r.times.staged, time.Time{}
	if kind != store.DealOpen {
		closed = r.times.closedAt(kind)
		entered = closed
	}
	if err := store.KeepDealTimes(ctx, tx, id, entered, closed); err != nil {
		return err
	}
	r.id = id
	return store.InsertImportRecord(ctx, tx, m.batchID, store.ImportRecord{Entity: "deal", RecordID: id, Action: "created"})
}

func sourceTitle(source string) string {
	return map[string]string{"pipedrive": "Pipedrive", "hubspot": "HubSpot"}[source]
}

// writeActivity makes a row's activity; the activities are stored in
// bulk (see flushActivities). They come in as history: no rule,
// webhook or notification fires for a call made last year, and the
// batch (import_records) says where each came from.
func (m *migration) writeActivity(ctx context.Context, tx *store.Tx, r *migRow, l *migLinks) error {
	act := r.act
	act.ID, act.UserID, act.CreatedBy = m.a.cfg.NewID(), m.ownerOf(r), actorID(m.actor)
	seen := map[RecordRef]bool{}
	for _, group := range []struct {
		entity string
		links  []migLink
	}{{"deal", l.deals}, {"contact", l.contacts}, {"company", l.companies}} {
		for _, link := range group.links {
			ref := RecordRef{Entity: group.entity, ID: link.recordID()}
			if ref.ID != "" && !seen[ref] {
				seen[ref] = true
				act.Links = append(act.Links, ref)
			}
		}
	}
	r.id = act.ID
	if r.task != nil { // not done yet: a task, on the same records
		t := *r.task
		t.ID, t.AssigneeID, t.CreatedBy, t.Links = act.ID, act.UserID, act.CreatedBy, act.Links
		t.DueKey = dueKey(t)
		m.tasks = append(m.tasks, t)
	} else {
		m.acts = append(m.acts, act)
	}
	if len(m.acts)+len(m.tasks) >= 1000 {
		return m.flushActivities(ctx, tx)
	}
	return nil
}

// flushActivities stores the activities and tasks made so far, listed
// in the batch.
func (m *migration) flushActivities(ctx context.Context, tx *store.Tx) error {
	if err := store.InsertActivities(ctx, tx, m.acts); err != nil {
		return err
	}
	if err := store.InsertTasks(ctx, tx, m.tasks); err != nil {
		return err
	}
	records := make([]store.ImportRecord, 0, len(m.acts)+len(m.tasks))
	for _, act := range m.acts {
		records = append(records, store.ImportRecord{Entity: "activity", RecordID: act.ID, Action: "created"})
	}
	for _, t := range m.tasks {
		records = append(records, store.ImportRecord{Entity: "task", RecordID: t.ID, Action: "created"})
	}
	m.acts, m.tasks = m.acts[:0], m.tasks[:0]
	return store.InsertImportRecords(ctx, tx, m.batchID, records)
}

// flushDocs indexes the contacts written so far, a file at a time.
func (m *migration) flushDocs(ctx context.Context, tx *store.Tx) error {
	seen := map[*importer]bool{}
	for _, r := range m.rows["contacts"] {
		if r.imp == nil || seen[r.imp] || len(r.imp.docs) == 0 {
			continue
		}
		seen[r.imp] = true
		docs := r.imp.docs
		r.imp.docs = nil
		if err := store.InsertNewSearchDocs(ctx, tx, docs); err != nil {
			return err
		}
	}
	return nil
}

// recordTags lists the tags the migration created in its batch, so an
// undo removes them too.
func (m *migration) recordTags(ctx context.Context, tx *store.Tx, before []string) error {
	had := map[string]bool{}
	for _, id := range before {
		had[id] = true
	}
	after, err := store.TagIDs(ctx, tx)
	if err != nil {
		return err
	}
	for _, id := range after {
		if !had[id] {
			if err := store.InsertImportRecord(ctx, tx, m.batchID, store.ImportRecord{Entity: "tag", RecordID: id, Action: "created"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeIDs remembers every record by the other CRM's id, but those an
// earlier run already remembers.
func (m *migration) writeIDs(ctx context.Context, tx *store.Tx) error {
	var ids []store.MigrationID
	for _, kind := range migrationKinds {
		for _, r := range m.rows[kind] {
			if !r.refused && !r.known && r.ext != "" && r.id != "" {
				ids = append(ids, store.MigrationID{Kind: kind, ExternalID: r.ext, RecordID: r.id})
			}
		}
	}
	return store.InsertMigrationIDs(ctx, tx, m.opt.Source, m.batchID, ids)
}

// writeProblems keeps the refused rows and the left-out values with the
// batch, by file and line, for the imports page and its download.
func (m *migration) writeProblems(ctx context.Context, tx *store.Tx) error {
	cells := map[string][]string{}
	for _, kind := range migrationKinds {
		for _, r := range m.rows[kind] {
			cells[r.file+"\x00"+strconv.Itoa(r.line)] = r.cells
		}
	}
	for i, list := range [][]MigrationProblem{m.rep.Problems, m.rep.Warnings} {
		for _, p := range list {
			raw, _ := json.Marshal(cells[p.File+"\x00"+strconv.Itoa(p.Line)])
			if raw == nil || string(raw) == "null" {
				raw = []byte("[]")
			}
			msg := p.Message
			if i == 1 {
				msg = keptPrefix + p.Message + "\n" + p.Value
			}
			if err := store.InsertMigrationFailure(ctx, tx, m.batchID, p.File, store.ImportFailure{Line: p.Line, Field: p.Field, Message: msg, Cells: string(raw)}); err != nil {
				return err
			}
		}
	}
	return nil
}
