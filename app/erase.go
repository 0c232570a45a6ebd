package app

import (
	"context"
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
	"contacts": true, "contact_emails": true, "contact_phones": true, "companies": true,
	"role_permissions": true, "role_visibility": true, "api_keys": true, "custom_fields": true,
	"custom_field_options": true, "tags": true, "pipelines": true, "stages": true, "list_counts": true,
}

// ErasePerson removes one person for good (contacts: manage): the contact
// with its emails, phones, tags, consent and custom values; the activities
// and tasks about them alone; their details wherever they were copied
// (notes of shared activities, deal titles, webhook payloads, audit
// details); and their search entry. The audit log keeps that an erasure
// happened, by whom and when, and nothing more. It cannot be undone, so
// confirm must repeat the contact's name.
func (a *App) ErasePerson(ctx context.Context, actor Actor, id, confirm string) error {
	if err := a.can(actor, AreaContacts, LevelManage); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", id); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
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
		needles := personNeedles(c)
		if err := store.DeleteActivitiesOnlyOf(ctx, tx, "contact", id); err != nil {
			return err
		}
		if err := store.DeleteSearchDoc(ctx, tx, "contact", id); err != nil {
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
		if err := store.ScrubText(ctx, tx, needles, erasedMark, scrubKeep); err != nil {
			return err
		}
		if err := store.OptimizeSearchIndex(ctx, tx); err != nil {
			return err
		}
		return a.audit(ctx, tx, actorID(actor), "contact.erased", "contact", id, nil)
	})
}

// personNeedles are the strings that identify the person: full name,
// emails and phone numbers as typed and in E.164. First or last names
// alone are not swept: they are shared by many other people.
func personNeedles(c store.Contact) []string {
	out := []string{c.DisplayName}
	if full := strings.TrimSpace(c.FirstName + " " + c.LastName); full != c.DisplayName {
		out = append(out, full)
	}
	for _, e := range c.Emails {
		out = append(out, e.Value)
	}
	for _, p := range c.Phones {
		out = append(out, p.Value)
		if p.E164 != "" {
			out = append(out, p.E164)
		}
	}
	// Sort keys and search text keep case-folded copies; SQL's replace
	// matches case exactly, so the folded forms are swept too.
	for _, n := range out {
		if l := strings.ToLower(n); l != n {
			out = append(out, l)
		}
		if u := strings.ToUpper(n); u != n {
			out = append(out, u)
		}
	}
	return out
}
