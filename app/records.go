package app

import (
	"context"
	"errors"
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
	return cs, a.companyCustomForActor(ctx, actor, cs)
}

// dealCustomForActor is customForActor for deals.
func (a *App) dealCustomForActor(ctx context.Context, actor Actor, ds []Deal) error {
	if err := a.fillDeals(ctx, ds); err != nil {
		return err
	}
	values := make([]CustomValues, len(ds))
	for i, d := range ds {
		values[i] = d.CustomFields
	}
	return a.hideFields(ctx, actor, "deal", values...)
}

// companyCustomForActor is customForActor for companies.
func (a *App) companyCustomForActor(ctx context.Context, actor Actor, cs []Company) error {
	if err := a.fillCompanies(ctx, cs); err != nil {
		return err
	}
	values := make([]CustomValues, len(cs))
	for i, c := range cs {
		values[i] = c.CustomFields
	}
	return a.hideFields(ctx, actor, "company", values...)
}

// RecordList is one page of whole records with the total the filters
// match: what the API's lists answer.
type RecordList[R any] struct {
	store.RecordPage[R]
	Total int
}

// ListContactRecords is ListContacts for callers that answer with whole
// contacts (the API, `--json`): the page's contacts come from the list's
// own statement, and their custom values from one more, instead of
// listing rows and then loading each record again by id.
func (a *App) ListContactRecords(ctx context.Context, actor Actor, q store.ListQuery) (RecordList[Contact], error) {
	page, total, err := listWith(ctx, a, actor, "contact", q, store.ListContactRecords, store.CountContacts)
	if err != nil {
		return RecordList[Contact]{}, err
	}
	return RecordList[Contact]{RecordPage: page, Total: total}, a.customForActor(ctx, actor, page.Records)
}

// ListCompanyRecords is ListContactRecords for companies.
func (a *App) ListCompanyRecords(ctx context.Context, actor Actor, q store.ListQuery) (RecordList[Company], error) {
	page, total, err := listWith(ctx, a, actor, "company", q, store.ListCompanyRecords, store.CountCompanies)
	if err != nil {
		return RecordList[Company]{}, err
	}
	return RecordList[Company]{RecordPage: page, Total: total}, a.companyCustomForActor(ctx, actor, page.Records)
}

// ListDealRecords is ListContactRecords for deals.
func (a *App) ListDealRecords(ctx context.Context, actor Actor, q store.DealQuery) (RecordList[Deal], error) {
	page, total, err := listDealsWith(ctx, a, actor, q, store.ListDealRecords)
	if err != nil {
		return RecordList[Deal]{}, err
	}
	return RecordList[Deal]{RecordPage: page, Total: total}, a.dealCustomForActor(ctx, actor, page.Records)
}

// listWith checks q, a contact or company list (entity), and narrows it
// to what actor sees, then reads its page with list and the total its
// filters match with count.
func listWith[P any](ctx context.Context, a *App, actor Actor, entity string, q store.ListQuery,
	list func(context.Context, store.Querier, store.ListQuery) (P, error),
	count func(context.Context, store.Querier, store.ListQuery) (int, error)) (page P, total int, err error) {
	if err := a.checkListQuery(q, entity == "contact"); err != nil {
		return page, 0, err
	}
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return page, 0, err
	}
	if !a.scopeList(actor, &q) {
		return page, 0, nil
	}
	return pageAndTotal(ctx, a.db.Reader(), q, list, count)
}

// pageAndTotal reads q's page with list and the total its filters match
// with count; a cursor made under another order is an invalid request.
func pageAndTotal[Q, P any](ctx context.Context, db store.Querier, q Q, list func(context.Context, store.Querier, Q) (P, error),
	count func(context.Context, store.Querier, Q) (int, error)) (page P, total int, err error) {
	page, err = list(ctx, db, q)
	if errors.Is(err, store.ErrBadCursor) {
		return page, 0, Invalid(map[string]string{"cursor": "error.cursor_invalid"})
	}
	if err != nil {
		return page, 0, err
	}
	total, err = count(ctx, db, q)
	return page, total, err
}
