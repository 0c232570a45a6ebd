package app

import (
	"context"
	"slices"

	"rolo/store"
)

// ContactsByID loads whole contacts for a list page (the API answers with
// full records), in the order of ids; unknown ids are left out.
func (a *App) ContactsByID(ctx context.Context, actor Actor, ids []string) ([]Contact, error) {
	cs, err := store.ContactsByIDs(ctx, a.db.Reader(), ids)
	if err != nil {
		return nil, err
	}
	if scope := a.ownerScope(actor); scope != "" {
		cs = slices.DeleteFunc(cs, func(c Contact) bool { return c.OwnerID != scope })
	}
	return cs, a.customForActor(ctx, actor, cs)
}

// customForActor fills contacts' custom values, leaving out those of
// fields hidden from actor.
func (a *App) customForActor(ctx context.Context, actor Actor, cs []Contact) error {
	if err := a.fillContacts(ctx, cs); err != nil {
		return err
	}
	values := make([]CustomValues, len(cs))
	for i, c := range cs {
		values[i] = c.CustomFields
	}
	return a.hideFields(ctx, actor, "contact", values...)
}

// CompaniesByID loads whole companies for a list page, in the order of ids.
func (a *App) CompaniesByID(ctx context.Context, actor Actor, ids []string) ([]Company, error) {
	cs, err := store.CompaniesByIDs(ctx, a.db.Reader(), ids)
	if err != nil {
		return nil, err
	}
	if scope := a.ownerScope(actor); scope != "" {
		cs = slices.DeleteFunc(cs, func(c Company) bool { return c.OwnerID != scope })
	}
	if err := a.fillCompanies(ctx, cs); err != nil {
		return nil, err
	}
	values := make([]CustomValues, len(cs))
	for i, c := range cs {
		values[i] = c.CustomFields
	}
	return cs, a.hideFields(ctx, actor, "company", values...)
}

// ContactRecordList is one page of whole contacts with the total the
// filters match: what the API's list answers.
type ContactRecordList struct {
	Contacts   []Contact
	NextCursor string // "" on the last page
	Total      int
}

// ListContactRecords is ListContacts for callers that answer with whole
// contacts (the API, `--json`): the page's contacts come from the list's
// own statement, and their custom values from one more, instead of
// listing rows and then loading each record again by id.
func (a *App) ListContactRecords(ctx context.Context, actor Actor, q store.ListQuery) (ContactRecordList, error) {
	page, total, err := listContactsWith(ctx, a, actor, q, store.ListContactRecords)
	if err != nil {
		return ContactRecordList{}, err
	}
	out := ContactRecordList{Contacts: page.Contacts, NextCursor: page.NextCursor, Total: total}
	return out, a.customForActor(ctx, actor, out.Contacts)
}
