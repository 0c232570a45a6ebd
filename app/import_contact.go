package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"rolo/store"
)

// contactRow is one checked row of a contact import.
type contactRow struct {
	line    int
	id      string // Rolo's own export: update this contact
	company string // company name, found or created when written
	c       Contact
	tags    []string
	custom  CustomValues
	doc     store.SearchDoc // its search text, prepared while an earlier chunk writes
}

// prepareDoc makes the row's search document, all but the id it gets
// when it is stored.
func (r *contactRow) prepareDoc() {
	c := r.c
	c.Tags = make([]Tag, len(r.tags))
	for i, name := range r.tags {
		c.Tags[i] = Tag{Name: name}
	}
	r.doc = contactDoc(c, r.company)
}

func (r *contactRow) preview() map[string]string {
	f := contactFields(r.c)
	f["company"], f["tags"] = r.company, strings.Join(r.tags, ", ")
	for k, v := range r.custom {
		f["cf."+k] = fmt.Sprint(v)
	}
	return f
}

func (imp *importer) parse(ctx context.Context, row csvRow) (importRecord, []ImportProblem) {
	switch imp.opt.Entity {
	case "company":
		return imp.parseCompany(ctx, row)
	case "deal":
		return imp.parseDeal(ctx, row)
	}
	return imp.parseContact(ctx, row)
}

// parseContact reads one row. A bad field is left out and reported as a
// warning with its value, the rest of the row kept: the record comes back
// with the warnings. The row is refused (no record, the problems) only
// when nothing identifies it: no name, email, phone or company.
func (imp *importer) parseContact(ctx context.Context, row csvRow) (importRecord, []ImportProblem) {
	by := imp.cellsOf(row.Cells)
	p := map[string]string{}
	in := ContactInput{
		FirstName: strings.TrimSpace(first(by, "first_name") + " " + first(by, "middle_name")), LastName: first(by, "last_name"),
		DisplayName: first(by, "display_name"), Title: first(by, "title"), Website: first(by, "website"),
		LeadSource: first(by, "lead_source"), LifecycleStatus: lifecycleOf(first(by, "lifecycle_status")), Notes: strings.Join(by["notes"], "\n\n"),
		Address: imp.address(row.Cells),
	}
	if imp.opt.Status != "" {
		in.LifecycleStatus = imp.opt.Status
	}
	in.Emails, in.Phones = imp.channels(row.Cells, "email"), imp.channels(row.Cells, "phone")
	var ok bool
	raw := first(by, "birthday")
	if y, m, d := first(by, "birthday.year"), first(by, "birthday.month"), first(by, "birthday.day"); raw == "" && m != "" && d != "" {
		raw = fmt.Sprintf("--%02s-%02s", m, d) // Thunderbird's Birth Year/Month/Day; no year is --MM-DD
		if y != "" {
			raw = fmt.Sprintf("%s-%02s-%02s", y, m, d)
		}
	}
	if in.Birthday, ok = parseImportDate(raw); !ok {
		p["birthday"] = "error.birthday_invalid"
		in.Birthday = ""
	}
	var rowTags []string
	for _, t := range by["tags"] {
		rowTags = append(rowTags, splitImportTags(t)...)
	}
	in.Tags = append(rowTags, imp.opt.Tag)
	if imp.opt.Tag == "" {
		in.Tags = rowTags
	}
	owner := imp.owner(by, p)
	custom := imp.customValues(by, p)
	company := first(by, "company")
	if _, problem := cleanText(company, 300, false); problem != "" {
		p["company"] = problem
		company = ""
	}
	value := func(field string) string {
		switch name, i, _ := strings.Cut(field, "."); name {
		case "emails", "phones":
			n, _ := strconv.Atoi(i)
			list := in.Emails
			if name == "phones" {
				list = in.Phones
			}
			if n < len(list) {
				return list[n].Value
			}
		case "birthday":
			return raw
		case "owner":
			return first(by, "owner")
		case "lifecycle_status":
			return first(by, "lifecycle_status")
		case "tags":
			return strings.Join(rowTags, ", ")
		case "company":
			return first(by, "company")
		case "custom_fields":
			return first(by, "cf."+i)
		}
		if f, ok := contactTextField(&in, field); ok {
			return *f
		}
		return ""
	}
	var warnings []ImportProblem
	for field, msg := range p {
		warnings = append(warnings, ImportProblem{Line: row.Line, Field: field, Message: msg, Value: value(field)})
	}
	// Validate, leave out what is wrong, validate again: each round drops
	// at least one field, so this ends.
	for round := 0; ; round++ {
		try := in
		identify(&try, company)
		c, tags, err := imp.a.validateContact(ctx, imp.a.db.Reader(), imp.actor, try)
		e := AsError(err)
		nameless := e.Fields["first_name"] == "error.contact_name_required"
		if err == nil || round == 4 || e.Code != EInvalid || len(e.Fields) == 0 || (nameless && len(e.Fields) == 1) {
			if err != nil {
				problems := problemsOf(row.Line, err, map[string]string{}, value)
				if nameless {
					problems = []ImportProblem{{Line: row.Line, Message: "error.import_nothing_identifies"}}
				}
				return nil, append(problems, warnings...)
			}
			c.OwnerID = owner
			sortProblems(warnings)
			return &contactRow{line: row.Line, id: first(by, "id"), company: company, c: c, tags: tags, custom: custom}, warnings
		}
		var dropEmails, dropPhones []int
		for field, msg := range e.Fields {
			if nameless && field == "first_name" {
				continue // a name may come from what is left (identify)
			}
			warnings = append(warnings, ImportProblem{Line: row.Line, Field: field, Message: msg, Value: value(field)})
			name, i, _ := strings.Cut(field, ".")
			n, _ := strconv.Atoi(i)
			switch {
			case name == "emails" && i != "":
				dropEmails = append(dropEmails, n)
			case name == "phones" && i != "":
				dropPhones = append(dropPhones, n)
			case field == "emails":
				in.Emails = in.Emails[:min(len(in.Emails), maxChannels)]
			case field == "phones":
				in.Phones = in.Phones[:min(len(in.Phones), maxChannels)]
			case field == "tags":
				in.Tags = nil
				if imp.opt.Tag != "" {
					in.Tags = []string{imp.opt.Tag}
				}
			case field == "lifecycle_status":
				in.LifecycleStatus = ""
			case field == "owner_id":
				in.OwnerID = ""
			case field == "birthday":
				in.Birthday = ""
			case field == "website":
				in.Website = ""
			default:
				if f, ok := contactTextField(&in, field); ok {
					*f = ""
				}
			}
		}
		in.Emails = dropIndexes(in.Emails, dropEmails)
		in.Phones = dropIndexes(in.Phones, dropPhones)
	}
}

// channels reads a row's emails or phones with their labels, in column
// order. A column mapped to "phone" has no label, "mobile" and
// "phone.work" (home, fax, other…) have theirs, and the k-th
// "phone_label" column labels the k-th phone column (Google's "Phone 1 -
// Type", Rolo's own "phone_label"). A cell may hold several values
// separated by " ::: " (Google, Rolo's third column; emails also by ";",
// "," or spaces), its label cell their labels the same way; one label
// labels them all.
func (imp *importer) channels(cells []string, kind string) []store.Labeled {
	type column struct{ value, label string }
	var values []column
	var labels []string
	for i, f := range imp.fields {
		v := imp.cell(cells, i)
		switch {
		case f == kind+"_label":
			labels = append(labels, v)
		case f == kind:
			values = append(values, column{value: v})
		case kind == "phone" && f == "mobile":
			values = append(values, column{v, "mobile"})
		case strings.HasPrefix(f, kind+"."):
			values = append(values, column{v, f[len(kind)+1:]})
		}
	}
	var out []store.Labeled
	for k, c := range values {
		var ls []string
		if k < len(labels) && labels[k] != "" {
			ls = splitMulti(labels[k])
		}
		for j, part := range splitMulti(c.value) {
			label := c.label
			if len(ls) > 0 {
				label = importLabel(ls[min(j, len(ls)-1)])
			}
			if kind == "phone" {
				out = append(out, store.Labeled{Label: label, Value: part})
				continue
			}
			for _, one := range strings.FieldsFunc(part, func(r rune) bool { return r == ';' || r == ',' || r == ' ' }) {
				out = append(out, store.Labeled{Label: label, Value: one})
			}
		}
	}
	return out
}

// cell is column i of a row, trimmed (Rolo's own export: un-neutralised).
func (imp *importer) cell(cells []string, i int) string {
	if i >= len(cells) {
		return ""
	}
	if v := strings.TrimSpace(cells[i]); imp.preset != "rolo" {
		return v
	}
	return unneutralise(strings.TrimSpace(cells[i]))
}

// address is the first filled address of the row. Programs write
// several (Outlook: business, home, other; Thunderbird: home, work), each
// a run of columns: a part that comes again starts the next address, and
// street lines in a row (Street, Street 2, Street 3) are one street.
func (imp *importer) address(cells []string) store.Address {
	var groups []map[string]string
	prev := ""
	for i, f := range imp.fields {
		if !strings.HasPrefix(f, "address.") {
			prev = ""
			continue
		}
		v := imp.cell(cells, i)
		cur := map[string]string(nil)
		if len(groups) > 0 {
			cur = groups[len(groups)-1]
		}
		_, again := cur[f]
		switch {
		case f == "address.street" && prev == f:
			if v != "" {
				cur[f] = strings.TrimPrefix(cur[f]+"\n"+v, "\n")
			}
		case cur == nil || again:
			groups = append(groups, map[string]string{f: v})
		default:
			cur[f] = v
		}
		prev = f
	}
	for _, g := range groups {
		if strings.Join([]string{g["address.street"], g["address.city"], g["address.region"], g["address.postal_code"], g["address.country"]}, "") != "" {
			return store.Address{Street: g["address.street"], City: g["address.city"], Region: g["address.region"],
				PostalCode: g["address.postal_code"], Country: g["address.country"]}
		}
	}
	return store.Address{}
}

// splitMulti splits a cell at " ::: ", leaving out empty parts.
func splitMulti(cell string) []string {
	var out []string
	for _, one := range strings.Split(cell, ":::") {
		if one = strings.TrimSpace(one); one != "" {
			out = append(out, one)
		}
	}
	return out
}

// importLabel reads a label as programs write it: Google's "* Home" is
// home, "Cell" and "Mobile Phone" are mobile; others are kept,
// lower-case.
func importLabel(label string) string {
	l := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(label), "*")))
	switch l {
	case "-":
		return "" // an unlabelled value among labelled ones
	case "cell", "cellular", "mobile phone", "iphone":
		return "mobile"
	case "business", "work phone":
		return "work"
	}
	return l
}

// identify gives a contact without a name the name that identifies it:
// its email is enough (validation names it after the address), otherwise
// its company (a card shown as a company), otherwise its first phone.
func identify(in *ContactInput, company string) {
	if strings.TrimSpace(in.FirstName+in.LastName+in.DisplayName) != "" || len(in.Emails) > 0 {
		return
	}
	if in.DisplayName = strings.TrimSpace(company); in.DisplayName != "" {
		return
	}
	for _, p := range in.Phones {
		if v := strings.TrimSpace(p.Value); v != "" {
			in.DisplayName = v
			return
		}
	}
}

// contactTextField points at the one-line or prose field of a contact
// named as validation names it.
func contactTextField(in *ContactInput, field string) (*string, bool) {
	f, ok := map[string]*string{"first_name": &in.FirstName, "last_name": &in.LastName, "display_name": &in.DisplayName,
		"title": &in.Title, "lead_source": &in.LeadSource, "notes": &in.Notes, "website": &in.Website,
		"address.street": &in.Address.Street, "address.city": &in.Address.City, "address.region": &in.Address.Region,
		"address.postal_code": &in.Address.PostalCode, "address.country": &in.Address.Country}[field]
	return f, ok
}

// dropIndexes removes the elements at the indexes.
func dropIndexes(list []store.Labeled, drop []int) []store.Labeled {
	if len(drop) == 0 {
		return list
	}
	out := list[:0:0]
	for i, v := range list {
		if !slices.Contains(drop, i) {
			out = append(out, v)
		}
	}
	return out
}

// matchKeys are the keys that find this row's contact, strongest first.
func (imp *importer) matchKeys(r *contactRow) []string {
	var keys []string
	if r.id != "" {
		keys = append(keys, "id:"+r.id)
	}
	for _, m := range imp.opt.Match {
		switch m {
		case "email":
			for _, e := range r.c.Emails {
				keys = append(keys, "email:"+e.Value)
			}
		case "phone":
			for _, p := range r.c.Phones {
				if p.E164 != "" {
					keys = append(keys, "phone:"+p.E164)
				}
			}
		case "name":
			keys = append(keys, "name:"+r.c.SortName+"\x00"+foldKey(r.company))
		}
	}
	return keys
}

// classify counts a row of a dry run as created, updated or skipped.
func (imp *importer) classify(ctx context.Context, rec importRecord, rep *ImportReport) {
	r, ok := rec.(*contactRow)
	if !ok {
		rep.Created++
		return
	}
	keys := imp.matchKeys(r)
	found := false
	for _, k := range keys {
		found = found || imp.seen[k]
	}
	if !found {
		m, err := imp.existing(ctx, imp.a.db.Reader(), []*contactRow{r})
		found = err == nil && len(m) > 0
	}
	for _, k := range keys {
		imp.seen[k] = true
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

// existing finds stored contacts for the rows' keys, with a handful of
// queries for the whole chunk. Name keys compare the company by its
// folded name.
func (imp *importer) existing(ctx context.Context, q store.Querier, rows []*contactRow) (map[string]string, error) {
	var ids, emails, phones, names []string
	for _, r := range rows {
		for _, k := range imp.matchKeys(r) {
			kind, v, _ := strings.Cut(k, ":")
			switch kind {
			case "id":
				ids = append(ids, v)
			case "email":
				emails = append(emails, v)
			case "phone":
				phones = append(phones, v)
			case "name":
				names = append(names, strings.Split(v, "\x00")[0])
			}
		}
	}
	found := map[string]string{}
	if len(ids) > 0 {
		live, err := store.ContactsByIDs(ctx, q, ids)
		if err != nil {
			return nil, err
		}
		for _, c := range live {
			if !c.Trashed() {
				found["id:"+c.ID] = c.ID
			}
		}
	}
	for _, m := range []struct {
		kind   string
		values []string
		find   func(context.Context, store.Querier, []string) (map[string]string, error)
	}{{"email", emails, store.ContactIDsByEmails}, {"phone", phones, store.ContactIDsByPhone}} {
		byValue, err := m.find(ctx, q, m.values)
		if err != nil {
			return nil, err
		}
		for v, id := range byValue {
			found[m.kind+":"+v] = id
		}
	}
	if len(names) > 0 {
		byName, err := store.ContactIDsByName(ctx, q, names)
		if err != nil {
			return nil, err
		}
		companyIDs := map[string]string{} // company id → folded name
		for key := range byName {
			if _, co, _ := strings.Cut(key, "\x00"); co != "" {
				companyIDs[co] = ""
			}
		}
		if len(companyIDs) > 0 {
			list := make([]string, 0, len(companyIDs))
			for id := range companyIDs {
				list = append(list, id)
			}
			named, err := store.CompanyNames(ctx, q, list)
			if err != nil {
				return nil, err
			}
			for id, n := range named {
				companyIDs[id] = foldKey(n)
			}
		}
		for key, id := range byName {
			name, co, _ := strings.Cut(key, "\x00")
			found["name:"+name+"\x00"+companyIDs[co]] = id
		}
	}
	return found, imp.keepSeen(ctx, q, "contact", found)
}

// keepSeen drops from found (key → record id) the records of kind the
// importing user may not see: another user's record is not matched, so
// an import neither writes to it nor links to it.
func (imp *importer) keepSeen(ctx context.Context, q store.Querier, kind string, found map[string]string) error {
	if imp.scope == "" || len(found) == 0 {
		return nil
	}
	var ids []string
	for _, id := range found {
		ids = append(ids, id)
	}
	own, err := store.OwnedIDs(ctx, q, kind, ids, imp.scope)
	if err != nil {
		return err
	}
	mine := map[string]bool{}
	for _, id := range own {
		mine[id] = true
	}
	for k, id := range found {
		if !mine[id] {
			delete(found, k)
		}
	}
	return nil
}

// writeContacts stores one chunk inside tx.
func (imp *importer) writeContacts(ctx context.Context, tx *store.Tx, rows []*contactRow, b *store.ImportBatch) error {
	found, err := imp.existing(ctx, tx, rows)
	if err != nil {
		return err
	}
	if err := imp.resolveCompanies(ctx, tx, rows, b); err != nil {
		return err
	}
	for _, r := range rows {
		id := ""
		for _, k := range imp.matchKeys(r) {
			if id = found[k]; id != "" {
				break
			}
		}
		switch {
		case id == "":
			if err := imp.createContact(ctx, tx, r); err != nil {
				return imp.rowError(r.line, err)
			}
			b.Created++
			id = r.c.ID
		case imp.opt.OnDuplicate == "skip":
			b.Skipped++
			continue
		default:
			if err := imp.updateContact(ctx, tx, id, r); err != nil {
				return imp.rowError(r.line, err)
			}
			b.Updated++
		}
		for _, k := range imp.matchKeys(r) {
			found[k] = id // a later row of the file with the same key finds this contact
		}
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
		if k := foldKey(r.company); k != "" && imp.compIDs[k] == "" {
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
		k := foldKey(r.company)
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
			if err := imp.a.record(ctx, tx, actorID(imp.actor), Change{Action: ActionCompanyCreated, Entity: "company", ID: co.ID, Name: co.Name,
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

func (imp *importer) createContact(ctx context.Context, tx *store.Tx, r *contactRow) error {
	c := r.c
	c.ID, c.CreatedBy = imp.a.cfg.NewID(), actorID(imp.actor)
	if err := store.InsertContact(ctx, tx, c); err != nil {
		return err
	}
	tags, err := imp.tags(ctx, tx, r.tags)
	if err != nil {
		return err
	}
	for _, t := range tags { // a new contact: nothing to replace
		if err := store.AddTag(ctx, tx, "contact", c.ID, t.ID); err != nil {
			return err
		}
	}
	c.Tags = tags
	r.c.ID = c.ID
	if photo := imp.opt.photos[r.line]; photo != nil { // a vCard's PHOTO
		if err := store.SetContactPhoto(ctx, tx, c.ID, photo); err != nil {
			return err
		}
	}
	if len(r.custom) > 0 || imp.hasRequiredCustom() {
		if _, err := imp.a.applyCustomValues(ctx, tx, "contact", c.ID, r.custom, true); err != nil {
			return err
		}
		if err := imp.a.indexContact(ctx, tx, c.ID); err != nil { // with the custom values' text
			return err
		}
	} else {
		doc := r.doc
		doc.Ref, doc.OwnerID = c.ID, c.OwnerID
		imp.docs = append(imp.docs, doc)
	}
	if err := store.InsertImportRecord(ctx, tx, imp.batchID, store.ImportRecord{Entity: "contact", RecordID: c.ID, Action: "created"}); err != nil {
		return err
	}
	// One short entry per record (the record's page shows "created by
	// import"); the batch's own entry carries the counts.
	return imp.a.record(ctx, tx, actorID(imp.actor), Change{Action: ActionContactCreated, Entity: "contact", ID: c.ID, Name: c.DisplayName,
		Details: map[string]any{"import": imp.batchID}})
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
