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
	if err := a.fillContacts(ctx, cs); err != nil {
		return nil, err
	}
	values := make([]CustomValues, len(cs))
	for i, c := range cs {
		values[i] = c.CustomFields
	}
	return cs, a.hideFields(ctx, actor, "contact", values...)
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
