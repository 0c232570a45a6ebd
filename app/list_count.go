package app

import (
	"context"

	"rolo/store"
)

// CountRecords counts every contact or company q matches, as the actor
// may see them: the total an HTML list asks for after showing its page
// (see store.ListQuery.CountLater).
func (a *App) CountRecords(ctx context.Context, actor Actor, entity string, q store.ListQuery) (int, error) {
	if err := a.checkListQuery(q, entity == "contact"); err != nil {
		return 0, err
	}
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return 0, err
	}
	if !a.scopeList(actor, &q) {
		return 0, nil
	}
	q.CountLater, q.Cursor = false, ""
	if entity == "company" {
		return store.CountCompanies(ctx, a.db.Reader(), q)
	}
	return store.CountContacts(ctx, a.db.Reader(), q)
}
