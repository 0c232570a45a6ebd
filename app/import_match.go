package app

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"rolo/store"
)

// Companies and deals: the record a row is (by Rolo's id, and a company
// by its name too), found the same way by the dry run (classify) and by
// the write, so the preview's numbers are the import's.

// rowRecord is what a row's id finds: live is a record the importer may
// see and match; taken is an id in use in any state (trashed, someone
// else's), which a new record cannot have.
type rowRecord struct {
	id          string
	live, taken bool
}

// recordByRowID looks up the record of kind (company or deal) a row's id
// names.
func (imp *importer) recordByRowID(ctx context.Context, q store.Querier, kind, id string) (rowRecord, error) {
	if id == "" {
		return rowRecord{}, nil
	}
	var trashed bool
	var err error
	switch kind {
	case "company":
		var c Company
		c, err = store.CompanyByID(ctx, q, id)
		trashed = c.Trashed()
	default:
		var d Deal
		d, err = store.DealByID(ctx, q, id)
		trashed = d.Trashed()
	}
	if errors.Is(err, store.ErrNotFound) {
		return rowRecord{}, nil
	}
	if err != nil {
		return rowRecord{}, err
	}
	found := map[string]string{"id": id}
	if !trashed {
		if err := imp.keepSeen(ctx, q, kind, found); err != nil {
			return rowRecord{}, err
		}
	}
	return rowRecord{id: id, live: !trashed && found["id"] != "", taken: true}, nil
}

// keepsID tells whether a row's new record gets the row's own id (Rolo's
// export, so a fresh database gets the same ids): not when it is in use
// or not one Rolo makes.
func keepsID(id string, r rowRecord) bool {
	return keptID(id) != "" && !r.taken
}

// newRecordID is the id a row's new record gets (see keepsID).
func (imp *importer) newRecordID(id string, r rowRecord) string {
	if keepsID(id, r) {
		return keptID(id)
	}
	return imp.a.cfg.NewID()
}

// companyMatch is the stored company a company row is: by id, else by
// name.
func (imp *importer) companyMatch(ctx context.Context, q store.Querier, r *companyRow) (string, rowRecord, error) {
	byID, err := imp.recordByRowID(ctx, q, "company", r.id)
	if err != nil || byID.live {
		return byID.id, byID, err
	}
	found, err := store.CompanyIDsBySortName(ctx, q, []string{r.c.SortName})
	if err == nil {
		err = imp.keepSeen(ctx, q, "company", found)
	}
	return found[r.c.SortName], byID, err
}

// classify counts a row of a dry run as created, updated or skipped, as
// the write would; keys of the records the file itself creates are kept
// in imp.seen, so a later row matching one counts as the write counts it.
func (imp *importer) classify(ctx context.Context, rec importRecord, rep *ImportReport) {
	var found bool
	switch r := rec.(type) {
	case *contactRow:
		found = imp.classifyContact(ctx, r)
	case *companyRow:
		name, id := "company-name:"+r.c.SortName, "company-id:"+keptID(r.id)
		found = imp.seen[name] || (keptID(r.id) != "" && imp.seen[id])
		if !found {
			match, byID, err := imp.companyMatch(ctx, imp.a.db.Reader(), r)
			found = err == nil && match != ""
			if !found { // the write creates it: later rows find it by name, and by id when it keeps the row's
				imp.seen[name] = true
				imp.seen[id] = keepsID(r.id, byID)
			}
		}
	case *dealRow:
		id := "deal-id:" + keptID(r.id)
		found = keptID(r.id) != "" && imp.seen[id]
		if !found {
			byID, err := imp.recordByRowID(ctx, imp.a.db.Reader(), "deal", r.id)
			found = err == nil && byID.live
			imp.seen[id] = !found && keepsID(r.id, byID) // the write creates it with this id
		}
	}
	switch {
	case !found:
		rep.Created++
	case imp.opt.OnDuplicate == "skip":
		rep.Skipped++
	default:
		rep.Updated++
	}
}

// writeDeal stores a deal row: a row whose id names a live deal matches
// it (skipped, or filled or overwritten as a contact is); any other row
// creates a deal, with the id and times of Rolo's own export.
func (imp *importer) writeDeal(ctx context.Context, tx *store.Tx, r *dealRow, b *store.ImportBatch) error {
	byID, err := imp.recordByRowID(ctx, tx, "deal", r.id)
	if err != nil {
		return err
	}
	if !byID.live {
		d := Deal{ID: imp.newRecordID(r.id, byID)}
		if keepsID(r.id, byID) {
			d.Stamp = r.stamp // a copy of the exported deal, times and all
		}
		if err := imp.a.saveDeal(ctx, tx, imp.actor, d, r.in); err != nil {
			return imp.rowError(r.line, err)
		}
		b.Created++
		return store.InsertImportRecord(ctx, tx, b.ID, store.ImportRecord{Entity: "deal", RecordID: d.ID, Action: "created"})
	}
	if imp.opt.OnDuplicate == "skip" {
		b.Skipped++
		return nil
	}
	old, err := store.DealByID(ctx, tx, byID.id)
	if err != nil {
		return err
	}
	before, err := json.Marshal(DealInputOf(old))
	if err != nil {
		return err
	}
	if err := imp.a.saveDeal(ctx, tx, imp.actor, old, mergeDeal(DealInputOf(old), r.in, imp.opt.OnDuplicate == "overwrite")); err != nil {
		return imp.rowError(r.line, err)
	}
	b.Updated++
	return store.InsertImportRecord(ctx, tx, b.ID, store.ImportRecord{Entity: "deal", RecordID: old.ID, Action: "updated", Before: string(before)})
}

// mergeDeal merges a row into a stored deal: fill sets only the fields
// that are empty, overwrite every field the row has (its stage and
// outcome too). Contacts and tags are added to, never removed.
func mergeDeal(old, row DealInput, overwrite bool) DealInput {
	set := func(dst *string, v string) {
		if v != "" && (overwrite || *dst == "") {
			*dst = v
		}
	}
	set(&old.Title, row.Title)
	if row.Amount != "" && (overwrite || old.Value == 0) {
		old.Amount, old.Currency = row.Amount, row.Currency
	}
	set(&old.LostReason, row.LostReason)
	set(&old.CompanyID, row.CompanyID)
	set(&old.OwnerID, row.OwnerID)
	set(&old.ExpectedCloseDate, row.ExpectedCloseDate)
	set(&old.Source, row.Source)
	set(&old.Notes, row.Notes)
	if overwrite && row.StageID != "" {
		old.PipelineID, old.StageID, old.Status = row.PipelineID, row.StageID, row.Status
	}
	for _, id := range row.ContactIDs {
		if !slices.Contains(old.ContactIDs, id) {
			old.ContactIDs = append(old.ContactIDs, id)
		}
	}
	old.Tags = append(old.Tags, row.Tags...)
	old.CustomFields = row.CustomFields
	return old
}

// dealContacts finds the contacts a deal row names, in order: by email,
// or by id (Rolo's export names a contact without an email by its id).
// unknown tells that a name found none.
func (imp *importer) dealContacts(ctx context.Context, refs []string) (ids []string, unknown bool, err error) {
	q := imp.a.db.Reader()
	for _, ref := range refs {
		var found []string
		switch {
		case strings.Contains(ref, "@"):
			if found, err = store.ContactIDsByEmail(ctx, q, []string{NormalizeEmail(ref)}); err != nil {
				return nil, false, err
			}
		case keptID(ref) != "":
			list, err := store.ContactsByIDs(ctx, q, []string{keptID(ref)})
			if err != nil {
				return nil, false, err
			}
			if len(list) == 1 && !list[0].Trashed() {
				found = []string{list[0].ID}
			}
		}
		if len(found) == 0 {
			unknown = true
			continue
		}
		if !slices.Contains(ids, found[0]) {
			ids = append(ids, found[0])
		}
	}
	return ids, unknown, nil
}
