package app

import (
	"context"
	"errors"

	"rolo/store"
)

// CompanyBasics loads one company, trashed or not, under the same checks
// as Company but without the custom values and field protection Company
// adds: a contact page links to its company by id and name and reads no
// more (two statements fewer a view, issue 18).
func (a *App) CompanyBasics(ctx context.Context, actor Actor, id string) (Company, error) {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return Company{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "company", id); err != nil {
		return Company{}, err
	}
	c, err := store.CompanyByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return c, errorf(ENotFound, "error.company_not_found")
	}
	return c, err
}
