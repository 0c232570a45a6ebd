package app

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"rolo/store"
)

// companyRow is one checked row of a company import.
type companyRow struct {
	line   int
	id     string
	in     CompanyInput
	c      Company
	custom CustomValues
}

func (r *companyRow) preview() map[string]string {
	f := companyFields(r.c)
	f["tags"] = strings.Join(r.in.Tags, ", ")
	return f
}

// parseCompany reads one row. As with contacts, a bad field is left out
// and reported as a warning with its value, the rest of the row kept; the
// row is refused only when it has no name.
func (imp *importer) parseCompany(ctx context.Context, row csvRow) (importRecord, []ImportProblem) {
	by := imp.cellsOf(row.Cells)
	p := map[string]string{}
	in := CompanyInput{Name: first(by, "name"), Domain: first(by, "domain"), Website: first(by, "website"),
		Industry: first(by, "industry"), Size: first(by, "size"), Phone: first(by, "phone"), Notes: strings.Join(by["notes"], "\n\n"),
		Address: store.Address{Street: first(by, "address.street"), City: first(by, "address.city"), Region: first(by, "address.region"),
			PostalCode: first(by, "address.postal_code"), Country: first(by, "address.country")}}
	var rowTags []string
	for _, t := range by["tags"] {
		rowTags = append(rowTags, splitImportTags(t)...)
	}
	in.Tags = imp.withImportTag(rowTags)
	in.OwnerID = imp.owner(by, p)
	custom := imp.customValues(by, p)
	orig := in
	value := func(field string) string {
		switch field {
		case "owner":
			return first(by, "owner")
		case "tags":
			return strings.Join(rowTags, ", ")
		}
		if key, ok := strings.CutPrefix(field, "custom_fields."); ok {
			return first(by, "cf."+key)
		}
		if f, ok := companyTextField(&orig, field); ok {
			return *f
		}
		return ""
	}
	warnings := warningsOf(row.Line, p, value)
	// Validate, leave out what is wrong, validate again: each round drops
	// at least one field, so this ends.
	for round := 0; ; round++ {
		c, _, err := imp.a.validateCompany(ctx, imp.a.db.Reader(), in)
		e := AsError(err)
		if err == nil {
			in.CustomFields = custom
			sortProblems(warnings)
			return &companyRow{line: row.Line, id: first(by, "id"), in: in, c: c, custom: custom}, warnings
		}
		if e.Code != EInvalid || len(e.Fields) == 0 || e.Fields["name"] != "" || round == 5 {
			return nil, append(problemsOf(row.Line, importFields(err), map[string]string{}, value), warnings...)
		}
		for field, msg := range e.Fields {
			field = importField(field)
			warnings = append(warnings, ImportProblem{Line: row.Line, Field: field, Message: msg, Value: value(field)})
			switch field {
			case "tags":
				in.Tags = imp.withImportTag(nil)
			case "owner":
				in.OwnerID = ""
			default:
				if f, ok := companyTextField(&in, field); ok {
					*f = ""
				}
			}
		}
	}
}

// companyTextField is the text field of a company's input by its name.
func companyTextField(in *CompanyInput, field string) (*string, bool) {
	f, ok := map[string]*string{"name": &in.Name, "domain": &in.Domain, "website": &in.Website, "industry": &in.Industry,
		"size": &in.Size, "phone": &in.Phone, "notes": &in.Notes, "address.street": &in.Address.Street, "address.city": &in.Address.City,
		"address.region": &in.Address.Region, "address.postal_code": &in.Address.PostalCode, "address.country": &in.Address.Country}[field]
	return f, ok
}

// withImportTag is a row's tags with the import's own tag.
func (imp *importer) withImportTag(tags []string) []string {
	if imp.opt.Tag != "" {
		return append(tags, imp.opt.Tag)
	}
	return tags
}

// importField names a validation problem's field as the file's column
// does: owner_id is the owner column, company_id the company,
// contact_ids the contact.
func importField(field string) string {
	switch name, _, _ := strings.Cut(field, "."); name {
	case "owner_id":
		return "owner"
	case "company_id":
		return "company"
	case "contact_ids":
		return "contact"
	}
	return field
}

// importFields is err with its fields named as the file's columns.
func importFields(err error) error {
	e := AsError(err)
	if err == nil || len(e.Fields) == 0 {
		return err
	}
	fields := map[string]string{}
	for k, v := range e.Fields {
		fields[importField(k)] = v
	}
	return &Error{Code: e.Code, Message: e.Message, Fields: fields}
}

// warningsOf turns the problems of a kept row into warnings with their
// values.
func warningsOf(line int, p map[string]string, value func(field string) string) []ImportProblem {
	var out []ImportProblem
	for field, msg := range p {
		out = append(out, ImportProblem{Line: line, Field: field, Message: msg, Value: value(field)})
	}
	return out
}

// writeCompany matches a company by id or by name.
func (imp *importer) writeCompany(ctx context.Context, tx *store.Tx, r *companyRow, b *store.ImportBatch) error {
	found := map[string]string{}
	if r.id != "" {
		if old, err := store.CompanyByID(ctx, tx, r.id); err == nil && !old.Trashed() {
			found["id"] = old.ID
		}
	}
	if found["id"] == "" {
		byName, err := store.CompanyIDsBySortName(ctx, tx, []string{r.c.SortName})
		if err != nil {
			return err
		}
		found["name"] = byName[r.c.SortName]
	}
	if err := imp.keepSeen(ctx, tx, "company", found); err != nil {
		return err
	}
	id := found["id"] + found["name"]
	switch {
	case id == "":
		id = imp.a.cfg.NewID()
		c, tagNames, err := imp.a.validateCompany(ctx, tx, r.in)
		if err != nil {
			return imp.rowError(r.line, err)
		}
		c.ID, c.CreatedBy = id, actorID(imp.actor)
		if err := store.InsertCompany(ctx, tx, c); err != nil {
			return imp.rowError(r.line, err)
		}
		tags, err := imp.tags(ctx, tx, tagNames)
		if err != nil {
			return err
		}
		if err := store.SetTags(ctx, tx, "company", id, tagIDs(tags)); err != nil {
			return err
		}
		if _, err := imp.a.applyCustomValues(ctx, tx, "company", id, r.custom, true); err != nil {
			return imp.rowError(r.line, err)
		}
		if err := imp.a.indexCompany(ctx, tx, id); err != nil {
			return err
		}
		if err := store.InsertImportRecord(ctx, tx, b.ID, store.ImportRecord{Entity: "company", RecordID: id, Action: "created"}); err != nil {
			return err
		}
		b.Created++
		return imp.a.record(ctx, tx, actorID(imp.actor), Change{Action: ActionCompanyCreated, Entity: "company", ID: id, Name: c.Name,
			Details: map[string]any{"import": b.ID}})
	case imp.opt.OnDuplicate == "skip":
		b.Skipped++
		return nil
	}
	old, err := store.CompanyByID(ctx, tx, id)
	if err != nil {
		return err
	}
	before, _ := json.Marshal(CompanyInputOf(old))
	in := CompanyInputOf(old)
	overwrite := imp.opt.OnDuplicate == "overwrite"
	set := func(dst *string, v string) {
		if v != "" && (overwrite || *dst == "") {
			*dst = v
		}
	}
	set(&in.Domain, r.in.Domain)
	set(&in.Website, r.in.Website)
	set(&in.Industry, r.in.Industry)
	set(&in.Size, r.in.Size)
	set(&in.Phone, r.in.Phone)
	set(&in.OwnerID, r.in.OwnerID)
	set(&in.Notes, r.in.Notes)
	set(&in.Address.Street, r.in.Address.Street)
	set(&in.Address.City, r.in.Address.City)
	set(&in.Address.Region, r.in.Address.Region)
	set(&in.Address.PostalCode, r.in.Address.PostalCode)
	set(&in.Address.Country, r.in.Address.Country)
	in.Tags = append(in.Tags, r.in.Tags...)
	in.CustomFields = r.custom
	if err := imp.a.updateCompany(ctx, tx, imp.actor, id, old.Version, in); err != nil {
		return imp.rowError(r.line, err)
	}
	b.Updated++
	return store.InsertImportRecord(ctx, tx, b.ID, store.ImportRecord{Entity: "company", RecordID: id, Action: "updated", Before: string(before)})
}

// dealRow is one checked row of a deal import.
type dealRow struct {
	line int
	in   DealInput
	d    Deal
}

func (r *dealRow) preview() map[string]string { return dealFields(r.d) }

// parseDeal reads one row. A bad field is left out and reported as a
// warning with its value, the rest of the row kept; a pipeline or stage
// that matches nothing is left out too, and the deal goes where a row
// without it would (the named pipeline's first open stage, or the
// default pipeline). The row is refused only when it has no title or
// cannot be placed at all: the import's stage is unknown, or there is
// no pipeline in use.
func (imp *importer) parseDeal(ctx context.Context, row csvRow) (importRecord, []ImportProblem) {
	by := imp.cellsOf(row.Cells)
	p := map[string]string{}
	in := DealInput{Title: first(by, "title"), Amount: first(by, "value"), Currency: first(by, "currency"),
		LostReason: first(by, "lost_reason"), Source: first(by, "source"), Notes: strings.Join(by["notes"], "\n\n"),
		Status: strings.ToLower(first(by, "status"))}
	if d, ok := parseImportDate(first(by, "expected_close_date")); ok {
		in.ExpectedCloseDate = d
	} else {
		p["expected_close_date"] = "error.date_invalid"
	}
	var rowTags []string
	for _, t := range by["tags"] {
		rowTags = append(rowTags, splitImportTags(t)...)
	}
	in.Tags = imp.withImportTag(rowTags)
	in.OwnerID = imp.owner(by, p)
	var kind string
	var placed bool
	in.PipelineID, in.StageID, kind, placed = imp.place(ctx, first(by, "pipeline"), first(by, "stage"), p)
	if name := first(by, "company"); name != "" {
		found, err := store.CompanyIDsBySortName(ctx, imp.a.db.Reader(), []string{foldKey(name)})
		if err == nil {
			err = imp.keepSeen(ctx, imp.a.db.Reader(), "company", found)
		}
		if err != nil {
			return nil, problemsOf(row.Line, err, map[string]string{}, func(string) string { return "" })
		}
		if found[foldKey(name)] == "" {
			p["company"] = "error.company_unknown"
		}
		in.CompanyID = found[foldKey(name)]
	}
	if ref := first(by, "contact"); ref != "" {
		ids, err := store.ContactIDsByEmail(ctx, imp.a.db.Reader(), []string{NormalizeEmail(ref)})
		if err != nil {
			return nil, problemsOf(row.Line, err, map[string]string{}, func(string) string { return "" })
		}
		if len(ids) == 0 {
			p["contact"] = "error.contact_unknown"
		} else {
			in.ContactIDs = ids[:1]
		}
	}
	switch {
	case in.Status == store.DealOpen:
		in.Status = ""
	case in.Status != "" && !contains(DealStatuses, in.Status):
		p["status"] = "error.deal_status_invalid"
		in.Status = ""
	case in.Status != "" && in.StageID != "" && in.Status != kind:
		p["status"] = "error.status_stage_mismatch" // the stage says more than the status
		in.Status = ""
	}
	in.CustomFields = imp.customValues(by, p)
	value := func(field string) string {
		switch field {
		case "value":
			return first(by, "value")
		case "notes":
			return strings.Join(by["notes"], "\n\n")
		case "tags":
			return strings.Join(rowTags, ", ")
		}
		if key, ok := strings.CutPrefix(field, "custom_fields."); ok {
			return first(by, "cf."+key)
		}
		return first(by, field)
	}
	if !placed {
		problems := problemsOf(row.Line, nil, map[string]string{}, value)
		for _, field := range []string{"stage", "pipeline"} {
			if msg := p[field]; msg != "" {
				problems = append(problems, ImportProblem{Line: row.Line, Field: field, Message: msg, Value: value(field)})
				delete(p, field)
				break
			}
		}
		return nil, append(problems, warningsOf(row.Line, p, value)...)
	}
	warnings := warningsOf(row.Line, p, value)
	for round := 0; ; round++ {
		q := map[string]string{}
		d, _, err := imp.a.validateDeal(ctx, imp.a.db.Reader(), imp.actor, in, Deal{}, q)
		if err != nil {
			return nil, append(problemsOf(row.Line, err, map[string]string{}, value), warnings...)
		}
		if len(q) == 0 {
			sortProblems(warnings)
			return &dealRow{line: row.Line, in: in, d: d}, warnings
		}
		if q["title"] != "" || round == 5 {
			return nil, append(problemsOf(row.Line, importFields(Invalid(q)), map[string]string{}, value), warnings...)
		}
		for field, msg := range q {
			field = importField(field)
			warnings = append(warnings, ImportProblem{Line: row.Line, Field: field, Message: msg, Value: value(field)})
			switch field {
			case "currency":
				in.Currency = ""
				if in.Amount != "" { // an amount in a currency not known is no amount in the default one
					warnings = append(warnings, ImportProblem{Line: row.Line, Field: "value", Message: msg, Value: value("value")})
					in.Amount = ""
				}
			case "value":
				in.Amount = ""
			case "expected_close_date":
				in.ExpectedCloseDate = ""
			case "company":
				in.CompanyID = ""
			case "contact":
				in.ContactIDs = nil
			case "owner":
				in.OwnerID = ""
			case "tags":
				in.Tags = imp.withImportTag(nil)
			case "source":
				in.Source = ""
			case "notes":
				in.Notes = ""
			case "lost_reason":
				in.LostReason = ""
			}
		}
	}
}

// place finds a deal's pipeline and stage by name (or the import's
// stage), with the stage's kind. A name that matches nothing is a
// problem in p and is left out. placed is false when the deal cannot go
// anywhere: the import's stage is unknown, or no pipeline is in use.
func (imp *importer) place(ctx context.Context, pipeline, stage string, p map[string]string) (pipelineID, stageID, kind string, placed bool) {
	if imp.opt.StageID != "" {
		s, err := store.StageByID(ctx, imp.a.db.Reader(), imp.opt.StageID)
		if err != nil || s.Archived() {
			p["stage"] = "error.stage_unknown"
			return "", "", "", false
		}
		return s.PipelineID, s.ID, s.Kind, true
	}
	if imp.pipelines == nil {
		list, err := store.ListPipelines(ctx, imp.a.db.Reader(), false)
		if err != nil {
			p["pipeline"] = "error.pipeline_unknown"
			return "", "", "", false
		}
		imp.pipelines = []Pipeline{}
		for _, pl := range list {
			if !pl.Archived() {
				imp.pipelines = append(imp.pipelines, pl)
			}
		}
	}
	if len(imp.pipelines) == 0 {
		p["pipeline"] = "error.pipeline_unknown"
		return "", "", "", false
	}
	named := func(name, key, want string) bool {
		want = foldKey(want)
		_, last, _ := strings.Cut(key, ".")
		return foldKey(name) == want || (key != "" && foldKey(strings.ReplaceAll(last, "_", " ")) == want)
	}
	var in []Pipeline // where to look for the stage
	if pipeline != "" {
		for _, pl := range imp.pipelines {
			if named(pl.Name, pl.NameKey, pipeline) {
				in = append(in, pl)
				pipelineID = pl.ID
				break
			}
		}
		if pipelineID == "" {
			p["pipeline"] = "error.pipeline_unknown"
		}
	}
	if in == nil {
		in = imp.pipelines
	}
	if stage == "" {
		return pipelineID, "", "", true
	}
	for _, pl := range in {
		for _, s := range pl.Stages {
			if !s.Archived() && named(s.Name, s.NameKey, stage) {
				return pl.ID, s.ID, s.Kind, true
			}
		}
	}
	p["stage"] = "error.stage_unknown"
	return pipelineID, "", "", true
}

func (imp *importer) writeDeal(ctx context.Context, tx *store.Tx, r *dealRow, b *store.ImportBatch) error {
	id := imp.a.cfg.NewID()
	if err := imp.a.saveDeal(ctx, tx, imp.actor, Deal{ID: id}, r.in); err != nil {
		return imp.rowError(r.line, err)
	}
	b.Created++
	return store.InsertImportRecord(ctx, tx, b.ID, store.ImportRecord{Entity: "deal", RecordID: id, Action: "created"})
}

// UndoImport reverts a batch in one transaction: what it created goes to
// the trash, what it updated gets its earlier fields back, unless someone
// changed the record since (those are kept and counted).
func (a *App) UndoImport(ctx context.Context, actor Actor, id string) (kept int, err error) {
	if err := a.can(actor, AreaImports, LevelDelete); err != nil {
		return 0, err
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		b, err := store.ImportBatchByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && b.Status == "undone") {
			return errorf(ENotFound, "error.import_not_found")
		}
		if err != nil {
			return err
		}
		records, err := store.ImportRecords(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, r := range records {
			changed, err := changedSince(ctx, tx, r, b)
			if err != nil {
				return err
			}
			if changed {
				kept++
				continue
			}
			if err := a.undoRecord(ctx, tx, actor, r); err != nil {
				return err
			}
		}
		if err := store.MarkImportUndone(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionImportUndone, Entity: "import", ID: id,
			Details: map[string]any{"name": b.FileName, "kept": kept}})
	})
	return kept, err
}

// changedSince tells whether someone changed a record after the batch
// finished: its newest history entry is later than the batch.
func changedSince(ctx context.Context, tx *store.Tx, r store.ImportRecord, b store.ImportBatch) (bool, error) {
	page, err := store.ListAudit(ctx, tx, store.AuditQuery{Entity: r.Entity, EntityID: r.RecordID, Limit: 1})
	if err != nil || len(page.Entries) == 0 || b.FinishedAt.IsZero() {
		return false, err
	}
	return page.Entries[0].At.After(b.FinishedAt), nil
}

// trashCompanyTx and trashDealTx trash a record an import created.
func (a *App) trashCompanyTx(ctx context.Context, tx *store.Tx, actor Actor, id string) error {
	c, err := store.CompanyByID(ctx, tx, id)
	if err != nil || c.Trashed() {
		return err
	}
	if err := store.TrashCompany(ctx, tx, id, actorID(actor), true); err != nil {
		return err
	}
	if err := a.indexCompany(ctx, tx, id); err != nil {
		return err
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionCompanyDeleted, Entity: "company", ID: id, Name: c.Name})
}

func (a *App) trashDealTx(ctx context.Context, tx *store.Tx, actor Actor, id string) error {
	d, err := store.DealByID(ctx, tx, id)
	if err != nil || d.Trashed() {
		return err
	}
	if err := store.TrashDeal(ctx, tx, id, actorID(actor), true); err != nil {
		return err
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionDealDeleted, Entity: "deal", ID: id, Name: d.Title})
}

func (a *App) undoRecord(ctx context.Context, tx *store.Tx, actor Actor, r store.ImportRecord) error {
	switch {
	case r.Action == "created" && r.Entity == "contact":
		return ignoreNotFound(a.trashContact(ctx, tx, actor, r.RecordID, true))
	case r.Action == "created" && r.Entity == "company":
		return ignoreNotFound(a.trashCompanyTx(ctx, tx, actor, r.RecordID))
	case r.Action == "created" && r.Entity == "deal":
		return ignoreNotFound(a.trashDealTx(ctx, tx, actor, r.RecordID))
	case r.Action == "created" && r.Entity == "activity": // a message an email import logged
		return ignoreNotFound(a.trashEmailActivity(ctx, tx, actor, r.RecordID))
	case r.Entity == "contact":
		var in ContactInput
		if err := json.Unmarshal([]byte(r.Before), &in); err != nil {
			return err
		}
		old, err := store.ContactByID(ctx, tx, r.RecordID)
		if err != nil {
			return ignoreNotFound(err)
		}
		return a.updateContact(ctx, tx, actor, r.RecordID, old.Version, in)
	case r.Entity == "company":
		var in CompanyInput
		if err := json.Unmarshal([]byte(r.Before), &in); err != nil {
			return err
		}
		old, err := store.CompanyByID(ctx, tx, r.RecordID)
		if err != nil {
			return ignoreNotFound(err)
		}
		return a.updateCompany(ctx, tx, actor, r.RecordID, old.Version, in)
	}
	return nil
}

func ignoreNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) || AsError(err).Code == ENotFound {
		return nil
	}
	return err
}
