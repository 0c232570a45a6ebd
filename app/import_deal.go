package app

import (
	"context"
	"strings"

	"rolo/store"
)

// dealRow is one checked row of a deal import.
type dealRow struct {
	line  int
	id    string      // Rolo's own export: the deal this row is
	stamp store.Stamp // Rolo's own export: the times a created deal keeps
	in    DealInput
	d     Deal
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
	if refs := splitMulti(first(by, "contact")); len(refs) > 0 {
		ids, unknown, err := imp.dealContacts(ctx, refs)
		if err != nil {
			return nil, problemsOf(row.Line, err, map[string]string{}, func(string) string { return "" })
		}
		if unknown {
			p["contact"] = "error.contact_unknown"
		}
		in.ContactIDs = ids
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
			return &dealRow{line: row.Line, id: first(by, "id"), stamp: rowTimes(by), in: in, d: d}, warnings
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
	pipelines, err := imp.livePipelines(ctx)
	if err != nil || len(pipelines) == 0 {
		p["pipeline"] = "error.pipeline_unknown"
		return "", "", "", false
	}
	var in []Pipeline // where to look for the stage
	if pipeline != "" {
		for _, pl := range pipelines {
			if namedAs(pl.Name, pl.NameKey, pipeline) {
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
		in = pipelines
	}
	if stage == "" {
		return pipelineID, "", "", true
	}
	for _, pl := range in {
		for _, s := range pl.Stages {
			if !s.Archived() && namedAs(s.Name, s.NameKey, stage) {
				return pl.ID, s.ID, s.Kind, true
			}
		}
	}
	p["stage"] = "error.stage_unknown"
	return pipelineID, "", "", true
}

// livePipelines reads the pipelines in use once for the import. Rows are
// checked by several goroutines at a time (import_first_pass.go), so the
// first to ask reads them under the lock; a failed read is tried again by
// the next row, as one goroutine would.
func (imp *importer) livePipelines(ctx context.Context) ([]Pipeline, error) {
	imp.pipelinesMu.Lock()
	defer imp.pipelinesMu.Unlock()
	if imp.pipelines != nil {
		return imp.pipelines, nil
	}
	list, err := store.ListPipelines(ctx, imp.a.db.Reader(), false)
	if err != nil {
		return nil, err
	}
	imp.pipelines = []Pipeline{}
	for _, pl := range list {
		if !pl.Archived() {
			imp.pipelines = append(imp.pipelines, pl)
		}
	}
	return imp.pipelines, nil
}
