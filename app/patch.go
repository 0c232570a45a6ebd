package app

import (
	"context"
	"errors"

	"rolo/store"
)

// PatchContact changes some fields of a contact: patch edits the input
// made from the stored record, and the result is saved if the record is
// still at version. Permission is checked before the record is read, and
// read and write share one transaction, so a partial update (API PATCH)
// never overwrites a change it did not see.
func (a *App) PatchContact(ctx context.Context, actor Actor, id string, version int, patch func(*ContactInput)) (Contact, error) {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return Contact{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", id); err != nil {
		return Contact{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		c, err := store.ContactByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && c.Trashed()) {
			return errorf(ENotFound, "error.contact_not_found")
		}
		if err != nil {
			return err
		}
		in := InputOf(c)
		patch(&in)
		return a.updateContact(ctx, tx, actor, id, version, in)
	})
	if err != nil {
		return Contact{}, err
	}
	return a.Contact(ctx, actor, id)
}

// PatchCompany is PatchContact for companies.
func (a *App) PatchCompany(ctx context.Context, actor Actor, id string, version int, patch func(*CompanyInput)) (Company, error) {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return Company{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "company", id); err != nil {
		return Company{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		c, err := store.CompanyByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && c.Trashed()) {
			return errorf(ENotFound, "error.company_not_found")
		}
		if err != nil {
			return err
		}
		in := CompanyInputOf(c)
		patch(&in)
		return a.updateCompany(ctx, tx, actor, id, version, in)
	})
	if err != nil {
		return Company{}, err
	}
	return a.Company(ctx, actor, id)
}
