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

func (imp *importer) parseCompany(ctx context.Context, row csvRow) (importRecord, []ImportProblem) {
	by := imp.cellsOf(row.Cells)
	p := map[string]string{}
	in := CompanyInput{Name: first(by, "name"), Domain: first(by, "domain"), Website: first(by, "website"),
		Industry: first(by, "industry"), Size: first(by, "size"), Phone: first(by, "phone"), Notes: strings.Join(by["notes"], "\n\n"),
		Address: store.Address{Street: first(by, "address.street"), City: first(by, "address.city"), Region: first(by, "address.region"),
			PostalCode: first(by, "address.postal_code"), Country: first(by, "address.country")}}
	for _, t := range by["tags"] {
		in.Tags = append(in.Tags, splitImportTags(t)...)
	}
	if imp.opt.Tag != "" {
		in.Tags = append(in.Tags, imp.opt.Tag)
	}
	in.OwnerID = imp.owner(by, p)
	custom := imp.customValues(by, p)
	c, _, err := imp.a.validateCompany(ctx, imp.a.db.Reader(), in)
	if err != nil || len(p) > 0 {
		return nil, problemsOf(row.Line, err, p, func(field string) string {
			if field == "name" || field == "website" || field == "domain" || field == "size" {
				return first(by, field)
			}
			return ""
		})
	}
	in.CustomFields = custom
	return &companyRow{line: row.Line, id: first(by, "id"), in: in, c: c, custom: custom}, nil
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
	for _, t := range by["tags"] {
		in.Tags = append(in.Tags, splitImportTags(t)...)
	}
	if imp.opt.Tag != "" {
		in.Tags = append(in.Tags, imp.opt.Tag)
	}
	in.OwnerID = imp.owner(by, p)
	in.PipelineID, in.StageID = imp.stage(ctx, first(by, "pipeline"), first(by, "stage"), p)
	if name := first(by, "company"); name != "" {
		found, err := store.CompanyIDsBySortName(ctx, imp.a.db.Reader(), []string{foldKey(name)})
		if err == nil {
			err = imp.keepSeen(ctx, imp.a.db.Reader(), "company", found)
		}
		if err != nil || found[foldKey(name)] == "" {
			p["company"] = "error.company_unknown"
		}
		in.CompanyID = found[foldKey(name)]
	}
	if ref := first(by, "contact"); ref != "" {
		ids, err := store.ContactIDsByEmail(ctx, imp.a.db.Reader(), []string{NormalizeEmail(ref)})
		if err != nil || len(ids) == 0 {
			p["contact"] = "error.contact_unknown"
		} else {
			in.ContactIDs = ids[:1]
		}
	}
	if in.Status == "open" || in.Status == "" {
		in.Status = ""
	}
	in.CustomFields = imp.customValues(by, p)
	d, _, err := imp.a.validateDeal(ctx, imp.a.db.Reader(), imp.actor, in, Deal{}, p)
	if err != nil || len(p) > 0 {
		return nil, problemsOf(row.Line, err, p, func(field string) string {
			switch field {
			case "value":
				return in.Amount
			case "stage", "pipeline", "company", "contact", "currency", "expected_close_date", "owner":
				return first(by, field)
			}
			return ""
		})
	}
	return &dealRow{line: row.Line, in: in, d: d}, nil
}

// stage finds a pipeline and stage by name (or the import's stage).
func (imp *importer) stage(ctx context.Context, pipeline, stage string, p map[string]string) (string, string) {
	if imp.opt.StageID != "" {
		s, err := store.StageByID(ctx, imp.a.db.Reader(), imp.opt.StageID)
		if err != nil {
			p["stage"] = "error.stage_unknown"
		}
		return s.PipelineID, s.ID
	}
	if stage == "" && pipeline == "" {
		return "", ""
	}
	pipelines, err := store.ListPipelines(ctx, imp.a.db.Reader(), false)
	if err != nil {
		p["stage"] = "error.stage_unknown"
		return "", ""
	}
	named := func(name, key, want string) bool {
		want = foldKey(want)
		_, last, _ := strings.Cut(key, ".")
		return foldKey(name) == want || (key != "" && foldKey(strings.ReplaceAll(last, "_", " ")) == want)
	}
	for _, pl := range pipelines {
		if pipeline != "" && !named(pl.Name, pl.NameKey, pipeline) {
			continue
		}
		if stage == "" {
			return pl.ID, ""
		}
		for _, s := range pl.Stages {
			if named(s.Name, s.NameKey, stage) {
				return pl.ID, s.ID
			}
		}
	}
	p["stage"] = "error.stage_unknown"
	return "", ""
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
