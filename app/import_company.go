package app

import (
	"context"
	"encoding/json"
	"strings"

	"rolo/store"
)

// companyRow is one checked row of a company import.
type companyRow struct {
	line   int
	id     string
	stamp  store.Stamp // Rolo's own export: the times a created company keeps
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
			return &companyRow{line: row.Line, id: first(by, "id"), stamp: rowTimes(by), in: in, c: c, custom: custom}, warnings
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

// writeCompany matches a company by id or by name (companyMatch); a new
// one keeps the id and times of Rolo's own export.
func (imp *importer) writeCompany(ctx context.Context, tx *store.Tx, r *companyRow, b *store.ImportBatch) error {
	id, byID, err := imp.companyMatch(ctx, tx, r)
	if err != nil {
		return err
	}
	switch {
	case id == "":
		id = imp.newRecordID(r.id, byID)
		c, tagNames, err := imp.a.validateCompany(ctx, tx, r.in)
		if err != nil {
			return imp.rowError(r.line, err)
		}
		c.ID, c.CreatedBy = id, actorID(imp.actor)
		if keepsID(r.id, byID) {
			c.CreatedAt, c.UpdatedAt = r.stamp.CreatedAt, r.stamp.UpdatedAt
		}
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
