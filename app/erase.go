package app

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"rolo/store"
)

// erasedMark replaces a person's details wherever they were copied into
// other records' text.
const erasedMark = "[erased]"

// scrubKeep are the tables the sweep leaves alone: accounts and settings
// are not about the person, and other contacts' own names and addresses
// are other people's data even when they look alike.
var scrubKeep = map[string]bool{
	"users": true, "sessions": true, "settings": true, "schema_migrations": true,
	"contacts": true, "contact_photos": true, "contact_emails": true, "contact_phones": true, "companies": true,
	"role_permissions": true, "role_visibility": true, "api_keys": true, "custom_fields": true,
	"custom_field_options": true, "tags": true, "pipelines": true, "stages": true, "list_counts": true,
}

// ErasePerson removes one person for good (contacts: manage): the contact
// with its emails, phones, photo, tags, consent and custom values; the activities
// and tasks about them alone; the rows that are copies of their record
// (imports' snapshots of it, its webhook messages and delayed rule runs,
// failed import rows with their data); every value they ever had — found
// in the audit trail, not only the current record — wherever it was copied
// (notes of shared activities and tasks, deal titles, notifications,
// audit details of other records in their JSON form); and their search
// entry. secure_delete zeroes what this frees, the search index is merged
// and the write-ahead log emptied, so no byte of them stays in the file.
// The audit log keeps that an erasure happened, by whom and when, and
// nothing more. It cannot be undone, so confirm must repeat the contact's
// name.
func (a *App) ErasePerson(ctx context.Context, actor Actor, id, confirm string) error {
	if err := a.can(actor, AreaContacts, LevelManage); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", id); err != nil {
		return err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		c, err := store.ContactByID(ctx, tx, id)
		if err == store.ErrNotFound {
			return errorf(ENotFound, "error.contact_not_found")
		}
		if err != nil {
			return err
		}
		if !strings.EqualFold(strings.TrimSpace(confirm), strings.TrimSpace(c.DisplayName)) {
			return Invalid(map[string]string{"confirm": "error.erase_confirm_mismatch"})
		}
		history, err := store.RecordHistory(ctx, tx, "contact", id)
		if err != nil {
			return err
		}
		who := personOf(c)
		for _, h := range history {
			who.addHistory(h)
		}
		needles := who.needles(a.phoneRegion(ctx, tx))
		if err := store.ForgetEmailBodies(ctx, tx, "contact", id); err != nil { // their logged emails, shared ones too
			return err
		}
		if err := store.DeleteActivitiesOnlyOf(ctx, tx, "contact", id); err != nil {
			return err
		}
		if err := store.DeleteSearchDoc(ctx, tx, "contact", id); err != nil {
			return err
		}
		deals, err := store.LiveDealIDsOf(ctx, tx, "contact", id) // their entries name the person
		if err != nil {
			return err
		}
		if err := store.ForgetRecordCopies(ctx, tx, "contact", id); err != nil {
			return err
		}
		if _, err := store.DeleteContactPhoto(ctx, tx, id); err != nil { // the cascade would too; said here
			return err
		}
		if err := store.EraseContactRow(ctx, tx, id); err != nil {
			return err
		}
		if err := store.ForgetAuditDetails(ctx, tx, "contact", id); err != nil {
			return err
		}
		if err := store.ForgetMerges(ctx, tx, "contact", id); err != nil { // their fields as they were before a merge
			return err
		}
		if err := store.DeleteImportFailuresMentioning(ctx, tx, append(needles, who.cellPairs()...)); err != nil {
			return err
		}
		if err := store.ScrubText(ctx, tx, needles, erasedMark, scrubKeep); err != nil {
			return err
		}
		for _, d := range deals {
			if err := a.indexDeal(ctx, tx, d); err != nil {
				return err
			}
		}
		if err := store.OptimizeSearchIndex(ctx, tx); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactErased, Entity: "contact", ID: id})
	})
	if err != nil {
		return err
	}
	// The log still holds the pages as they were before; fold it into the
	// file (where secure_delete zeroed what was freed) and empty it.
	return a.db.CheckpointTruncate(ctx)
}

// person is every value that identified someone, across the versions of
// their record: full names, first and last name pairs, emails, phones
// and handles (social profiles, website).
type person struct {
	names, emails, phones, handles []string
	pairs                          [][2]string
}

func personOf(c store.Contact) *person {
	p := &person{}
	in := InputOf(c)
	in.DisplayName = c.DisplayName
	p.addInput(in)
	for _, ph := range c.Phones {
		p.phones = append(p.phones, ph.E164)
	}
	return p
}

func (p *person) addInput(in ContactInput) {
	p.addName(in.FirstName, in.LastName)
	p.names = append(p.names, in.DisplayName)
	for _, e := range in.Emails {
		p.emails = append(p.emails, e.Value)
	}
	for _, ph := range in.Phones {
		p.phones = append(p.phones, ph.Value)
	}
	for _, s := range in.Social {
		p.handles = append(p.handles, s.Value)
	}
	p.handles = append(p.handles, in.Website)
}

func (p *person) addName(first, last string) {
	if first != "" && last != "" {
		p.names = append(p.names, composeDisplayName(first, last), first+" "+last)
		p.pairs = append(p.pairs, [2]string{first, last})
	}
}

// addHistory reads one copy of the record (see store.RecordHistory): audit
// details with name, fields, changes and merged fields, or a snapshot of
// its input.
func (p *person) addHistory(raw string) {
	var entry struct {
		Name    string                 `json:"name"`
		Fields  map[string]string      `json:"fields"`
		Merged  map[string]string      `json:"merged_fields"`
		Changes map[string]FieldChange `json:"changes"`
	}
	err := json.Unmarshal([]byte(raw), &entry)
	var mistyped *json.UnmarshalTypeError // a detail of another shape: the rest is still read
	if (err == nil || errors.As(err, &mistyped)) && (entry.Name != "" || entry.Fields != nil || entry.Changes != nil) {
		p.names = append(p.names, entry.Name)
		p.addFields(entry.Fields)
		p.addFields(entry.Merged)
		from, to := map[string]string{}, map[string]string{}
		for k, ch := range entry.Changes {
			from[k], to[k] = ch.From, ch.To
		}
		p.addFields(from)
		p.addFields(to)
		return
	}
	var in ContactInput
	if json.Unmarshal([]byte(raw), &in) == nil {
		p.addInput(in)
	}
}

// addFields reads fields as contactFields flattened them for the log.
func (p *person) addFields(f map[string]string) {
	if len(f) == 0 {
		return
	}
	p.addName(f["first_name"], f["last_name"])
	p.names = append(p.names, f["display_name"])
	p.emails = append(p.emails, unlabel(f["emails"])...)
	p.phones = append(p.phones, unlabel(f["phones"])...)
	p.handles = append(p.handles, unlabel(f["social"])...)
	p.handles = append(p.handles, f["website"])
}

// unlabel splits "work: a@x; home: b@y" back into its values.
func unlabel(list string) []string {
	var out []string
	for _, part := range strings.Split(list, "; ") {
		if _, v, ok := strings.Cut(part, ": "); ok {
			part = v
		}
		out = append(out, part)
	}
	return out
}

// needles are the strings to sweep from every table: each value as typed,
// phones also in E.164, each in lower and upper case (sort keys and search
// text keep folded copies; SQL's replace matches case exactly) and as JSON
// writes it (audit details, payloads and snapshots are JSON, which escapes
// &, < and > as \u0026, \u003c and \u003e). First or last names alone are
// not swept: they are shared by many other people.
func (p *person) needles(region string) []string {
	values := append(append(append([]string{}, p.names...), p.emails...), p.handles...)
	for _, ph := range p.phones {
		values = append(values, ph)
		if e164 := NormalizePhone(ph, region); e164 != "" {
			values = append(values, e164)
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, v := range values {
		for _, form := range []string{v, strings.ToLower(v), strings.ToUpper(v)} {
			add(form)
			add(jsonText(form, true))
			add(jsonText(form, false))
		}
	}
	return out
}

// cellPairs find a failed import row that has the first and last name in
// neighbouring cells (the row is stored as a JSON array of its cells).
func (p *person) cellPairs() []string {
	var out []string
	for _, pair := range p.pairs {
		out = append(out, jsonText(pair[0], true)+`","`+jsonText(pair[1], true))
	}
	return out
}

// jsonText is s as it stands inside a JSON string, with or without the
// HTML escapes Go's encoder adds by default.
func jsonText(s string, escapeHTML bool) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(s)
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(b.String()), `"`), `"`)
}
