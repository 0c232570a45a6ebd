package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"rolo/store"
)

// Reading one row of a contact import: its cells become a ContactInput,
// a bad field is left out with a warning (see parseContact), and the row
// gets the keys it is matched by (import_contact_match.go).

// contactRow is one checked row of a contact import.
type contactRow struct {
	line    int
	id      string      // Rolo's own export: update this contact
	stamp   store.Stamp // Rolo's own export: the times a created contact keeps
	company string      // company name, found or created when written
	c       Contact
	tags    []string
	custom  CustomValues
	doc     store.SearchDoc // its search text, prepared while an earlier chunk writes
	// nationals are its numbers' national digits, kept when validation
	// read them, so its search text need not parse them again
	nationals *nationalForms
	// Worked out by prepare, on the goroutine that reads the rows, so the
	// one that writes does not: its match keys and folded company name.
	prepared   bool
	keys       []string
	companyKey string
}

// prepare readies a row of the write pass: its search text, match keys
// and folded company name.
func (imp *importer) prepare(r *contactRow) {
	r.prepareDoc()
	r.nationals = nil // in the doc now; the row waits a chunk or two to be written
	r.companyKey, r.prepared = foldKey(r.company), true
	r.keys = imp.keysOf(r)
}

// companyKeyOf is the folded name of the row's company.
func (r *contactRow) companyKeyOf() string {
	if r.prepared {
		return r.companyKey
	}
	return foldKey(r.company)
}

// prepareDoc makes the row's search document, all but the id it gets
// when it is stored.
func (r *contactRow) prepareDoc() {
	c := r.c
	c.Tags = make([]Tag, len(r.tags))
	for i, name := range r.tags {
		c.Tags[i] = Tag{Name: name}
	}
	r.doc = contactDocKnown(c, r.company, r.nationals)
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
	in.Social = imp.channels(row.Cells, "social")
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
	readCtx, nationals := ctx, (*nationalForms)(nil)
	if imp.writing { // the row gets its search text (prepareDoc)
		nationals = &nationalForms{}
		readCtx = withNationalForms(ctx, nationals)
	}
	// Validate, leave out what is wrong, validate again: each round drops
	// at least one field, so this ends.
	for round := 0; ; round++ {
		try := in
		identify(&try, company)
		c, tags, err := imp.a.validateContact(readCtx, imp.a.db.Reader(), imp.actor, try)
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
			return &contactRow{line: row.Line, id: first(by, "id"), stamp: rowTimes(by), company: company, c: c, tags: tags, custom: custom,
				nationals: nationals}, warnings
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
			if kind != "email" { // a phone or a profile's address is one value
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
