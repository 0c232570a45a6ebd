package app

import (
	"context"

	"rolo/store"
)

// ContactsByID loads whole contacts for a list page (the API answers with
// full records), in the order of ids; unknown ids are left out.
func (a *App) ContactsByID(ctx context.Context, actor Actor, ids []string) ([]Contact, error) {
	return store.ContactsByIDs(ctx, a.db.Reader(), ids)
}

// CompaniesByID loads whole companies for a list page, in the order of ids.
func (a *App) CompaniesByID(ctx context.Context, actor Actor, ids []string) ([]Company, error) {
	return store.CompaniesByIDs(ctx, a.db.Reader(), ids)
}
