package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"rolo/store"
)

// A contact import reads its rows in import_contact_read.go and finds
// the contact each row matches in import_contact_match.go; here the
// batch is written.

// writeContacts stores one chunk inside tx. New contacts wait in fresh
// and are stored together, in multi-row statements (storeNew); a row that
// updates a contact first stores those waiting, since it may be one.
func (imp *importer) writeContacts(ctx context.Context, tx *store.Tx, rows []*contactRow, b *store.ImportBatch) error {
	found, err := imp.existing(ctx, tx, rows)
	if err != nil {
		return err
	}
	if err := imp.resolveCompanies(ctx, tx, rows, b); err != nil {
		return err
	}
	fresh := make([]*contactRow, 0, len(rows))
	for _, r := range rows {
		keys := imp.matchKeys(r)
		id := ""
		for _, k := range keys {
			if id = found[k]; id != "" {
				break
			}
		}
		switch {
		case id == "":
			imp.newContactID(r)
			r.c.CreatedBy = actorID(imp.actor)
			fresh = append(fresh, r)
			b.Created++
			id = r.c.ID
		case imp.opt.OnDuplicate == "skip":
			b.Skipped++
			continue
		default:
			if err := imp.storeNew(ctx, tx, fresh); err != nil {
				return err
			}
			fresh = fresh[:0]
			if err := imp.updateContact(ctx, tx, id, r); err != nil {
				return imp.rowError(r.line, err)
			}
			b.Updated++
		}
		for _, k := range keys {
			found[k] = id // a later row of the file with the same key finds this contact
		}
	}
	if err := imp.storeNew(ctx, tx, fresh); err != nil {
		return err
	}
	docs := imp.docs
	imp.docs = imp.docs[:0]
	return store.InsertNewSearchDocs(ctx, tx, docs)
}

// rowError names the line of a row that the database refused.
func (imp *importer) rowError(line int, err error) error {
	e := AsError(err)
	if e.Code == EInternal {
		return fmt.Errorf("line %d: %w", line, err)
	}
	fields := map[string]string{"line": strconv.Itoa(line)}
	for k, v := range e.Fields {
		fields[k] = v
	}
	return &Error{Code: e.Code, Message: e.Message, Fields: fields}
}

// resolveCompanies finds the companies rows name, creating missing ones
// (recorded in the batch, so an undo trashes them too).
func (imp *importer) resolveCompanies(ctx context.Context, tx *store.Tx, rows []*contactRow, b *store.ImportBatch) error {
	var missing []string
	for _, r := range rows {
		if k := r.companyKeyOf(); k != "" && imp.compIDs[k] == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		known, err := store.CompanyIDsBySortName(ctx, tx, missing)
		if err != nil {
			return err
		}
		if err := imp.keepSeen(ctx, tx, "company", known); err != nil {
			return err
		}
		for k, id := range known {
			imp.compIDs[k] = id
		}
	}
	for _, r := range rows {
		k := r.companyKeyOf()
		if k == "" {
			continue
		}
		if imp.compIDs[k] == "" {
			co := Company{ID: imp.a.cfg.NewID(), Name: strings.TrimSpace(r.company), SortName: k, OwnerID: r.c.OwnerID}
			co.CreatedBy = actorID(imp.actor)
			if err := store.InsertCompany(ctx, tx, co); err != nil {
				return imp.rowError(r.line, err)
			}
			if err := imp.a.indexCompany(ctx, tx, co.ID); err != nil {
				return err
			}
			if err := store.InsertImportRecord(ctx, tx, b.ID, store.ImportRecord{Entity: "company", RecordID: co.ID, Action: "created"}); err != nil {
				return err
			}
			// Its history is the batch's record of it, as for the contacts (see storeNew).
			if err := imp.a.announce(ctx, tx, actorID(imp.actor), Change{Action: ActionCompanyCreated, Entity: "company", ID: co.ID, Name: co.Name,
				Details: map[string]any{"import": b.ID}}); err != nil {
				return err
			}
			imp.compIDs[k] = co.ID
		}
		r.c.CompanyID = imp.compIDs[k]
	}
	return nil
}

// tags finds or creates the tags named, remembering them for later rows.
func (imp *importer) tags(ctx context.Context, tx *store.Tx, names []string) ([]Tag, error) {
	var out []Tag
	var missing []string
	for _, n := range names {
		if id := imp.tagIDs[foldKey(n)]; id != "" {
			out = append(out, Tag{ID: id, Name: n})
		} else {
			missing = append(missing, n)
		}
	}
	created, err := imp.a.ensureTags(ctx, tx, imp.actor, missing)
	for _, t := range created {
		imp.tagIDs[t.Key] = t.ID
	}
	return append(out, created...), err
}

// storeNew stores new contacts (their IDs already given) with their tags,
// photos and custom values, lists them in the batch and tells rules and
// webhooks of each. Their history is the batch: no audit entry per
// contact, the batch's records (import_records) say who imported each,
// when and from which file (store.ImportTrail), and the batch's own entry
// carries the counts.
func (imp *importer) storeNew(ctx context.Context, tx *store.Tx, rows []*contactRow) error {
	if len(rows) == 0 {
		return nil
	}
	cs := make([]*Contact, len(rows))
	var links []store.TagLink
	for i, r := range rows {
		tags, err := imp.tags(ctx, tx, r.tags)
		if err != nil {
			return imp.rowError(r.line, err)
		}
		for _, t := range tags { // a new contact: nothing to replace
			links = append(links, store.TagLink{RecordID: r.c.ID, TagID: t.ID, SortName: r.c.SortName})
		}
		cs[i] = &r.c
	}
	if err := store.InsertContacts(ctx, tx, cs); err != nil {
		var refused *store.RefusedRow
		if errors.As(err, &refused) {
			return imp.rowError(rows[refused.Row].line, refused.Err)
		}
		return err
	}
	if err := store.AddTags(ctx, tx, "contact", links); err != nil {
		return err
	}
	records := make([]store.ImportRecord, len(rows))
	for i, r := range rows {
		if err := imp.completeNew(ctx, tx, r); err != nil {
			return imp.rowError(r.line, err)
		}
		records[i] = store.ImportRecord{Entity: "contact", RecordID: r.c.ID, Action: "created"}
	}
	if err := store.InsertImportRecords(ctx, tx, imp.batchID, records); err != nil {
		return err
	}
	for _, r := range rows {
		if err := imp.a.announce(ctx, tx, actorID(imp.actor), Change{Action: ActionContactCreated, Entity: "contact", ID: r.c.ID,
			Name: r.c.DisplayName, Details: map[string]any{"import": imp.batchID}}); err != nil {
			return err
		}
	}
	return nil
}

// completeNew gives a stored new contact its photo and custom values,
// and its search entry: at once with custom values (their text is in
// it), else with the chunk's others at its end.
func (imp *importer) completeNew(ctx context.Context, tx *store.Tx, r *contactRow) error {
	if photo := imp.opt.photos[r.line]; photo != nil { // a vCard's PHOTO
		if err := store.SetContactPhoto(ctx, tx, r.c.ID, photo); err != nil {
			return err
		}
	}
	if len(r.custom) > 0 || imp.hasRequiredCustom() {
		if _, err := imp.a.applyCustomValues(ctx, tx, "contact", r.c.ID, r.custom, true); err != nil {
			return err
		}
		return imp.a.indexContact(ctx, tx, r.c.ID)
	}
	doc := r.doc
	doc.Ref, doc.OwnerID = r.c.ID, r.c.OwnerID
	imp.docs = append(imp.docs, doc)
	return nil
}

func (imp *importer) hasRequiredCustom() bool {
	for _, f := range imp.custom {
		if f.Required {
			return true
		}
	}
	return false
}

// updateContact merges a row into a stored contact: fill sets only the
// fields that are empty, overwrite sets every field the row has. Emails,
// phones and tags are added to, never removed.
func (imp *importer) updateContact(ctx context.Context, tx *store.Tx, id string, r *contactRow) error {
	old, err := store.ContactByID(ctx, tx, id)
	if err != nil {
		return err
	}
	before, err := json.Marshal(InputOf(old))
	if err != nil {
		return err
	}
	in := mergeContact(InputOf(old), InputOf(r.c), imp.opt.OnDuplicate == "overwrite")
	in.Tags = append(in.Tags, r.tags...)
	in.CustomFields = r.custom
	if err := imp.a.updateContact(ctx, tx, imp.actor, id, old.Version, in); err != nil {
		return err
	}
	if err := imp.updatePhoto(ctx, tx, id, r); err != nil {
		return err
	}
	return store.InsertImportRecord(ctx, tx, imp.batchID, store.ImportRecord{Entity: "contact", RecordID: id, Action: "updated", Before: string(before)})
}

// updatePhoto gives a matched contact the card's photo: fill sets it
// when the contact has none, overwrite replaces it.
func (imp *importer) updatePhoto(ctx context.Context, tx *store.Tx, id string, r *contactRow) error {
	photo := imp.opt.photos[r.line]
	if photo == nil {
		return nil
	}
	if imp.opt.OnDuplicate != "overwrite" {
		if v, err := store.ContactPhotoVersion(ctx, tx, id); err != nil || v != "" {
			return err
		}
	}
	if err := store.SetContactPhoto(ctx, tx, id, photo); err != nil {
		return err
	}
	return imp.a.record(ctx, tx, actorID(imp.actor), Change{Action: ActionContactPhotoSet, Entity: "contact", ID: id, Name: r.c.DisplayName,
		Details: map[string]any{"import": imp.batchID}})
}

func mergeContact(old, row ContactInput, overwrite bool) ContactInput {
	set := func(dst *string, v string) {
		if v != "" && (overwrite || *dst == "") {
			*dst = v
		}
	}
	set(&old.FirstName, row.FirstName)
	set(&old.LastName, row.LastName)
	set(&old.DisplayName, row.DisplayName)
	set(&old.Title, row.Title)
	set(&old.CompanyID, row.CompanyID)
	set(&old.Birthday, row.Birthday)
	set(&old.Website, row.Website)
	set(&old.LeadSource, row.LeadSource)
	set(&old.OwnerID, row.OwnerID)
	set(&old.Notes, row.Notes)
	set(&old.Address.Street, row.Address.Street)
	set(&old.Address.City, row.Address.City)
	set(&old.Address.Region, row.Address.Region)
	set(&old.Address.PostalCode, row.Address.PostalCode)
	set(&old.Address.Country, row.Address.Country)
	if overwrite {
		set(&old.LifecycleStatus, row.LifecycleStatus)
	}
	old.Emails = append(old.Emails, row.Emails...) // validation keeps each address once
	have := map[string]bool{}
	for _, p := range old.Phones {
		have[p.Value] = true
	}
	for _, p := range row.Phones {
		if !have[p.Value] {
			old.Phones = append(old.Phones, p)
		}
	}
	return old
}
