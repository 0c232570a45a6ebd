package app

import (
	"context"
	"errors"

	"rolo/store"
)

// Record visibility: a role set to "only records I own or am assigned to"
// sees the contacts, companies and deals it owns, the tasks assigned to
// it, and the activities and tasks linked to its records. Everything that
// reads records — lists, record pages, search, the API, exports, reports
// and the calendar feed — passes here, so no route can show more.

// notVisible reads as "not found": a user must not learn that a record
// they may not see exists.
func notVisible(kind string) error {
	return errorf(ENotFound, "error."+kind+"_not_found")
}

// checkRecordVisible refuses a contact, company or deal that actor may
// not see.
func (a *App) checkRecordVisible(ctx context.Context, q store.Querier, actor Actor, kind, id string) error {
	scope := a.ownerScope(actor)
	if scope == "" {
		return nil
	}
	owner, err := store.RecordOwner(ctx, q, kind, id)
	if errors.Is(err, store.ErrNotFound) {
		return notVisible(kind)
	}
	if err != nil {
		return err
	}
	if owner != scope {
		return notVisible(kind)
	}
	return nil
}

// scopeList narrows a contact or company list to actor's records. It
// returns false when the list asks for another owner's records, which
// actor may not see: the list is then empty.
func (a *App) scopeList(actor Actor, q *store.ListQuery) bool {
	scope := a.ownerScope(actor)
	if scope == "" {
		return true
	}
	if q.Owner != "" && q.Owner != scope {
		return false
	}
	q.Owner = scope
	return true
}

// scopeDeals is scopeList for deal lists and boards.
func (a *App) scopeDeals(actor Actor, q *store.DealQuery) bool {
	scope := a.ownerScope(actor)
	if scope == "" {
		return true
	}
	if q.Owner != "" && q.Owner != scope {
		return false
	}
	q.Owner = scope
	return true
}

// scopeActivities lets actor list a visible record's activities, or else
// only the activities actor did.
func (a *App) scopeActivities(ctx context.Context, actor Actor, q *store.ActivityQuery) bool {
	scope := a.ownerScope(actor)
	if scope == "" {
		return true
	}
	if q.Record.ID != "" && a.checkRecordVisible(ctx, a.db.Reader(), actor, q.Record.Entity, q.Record.ID) == nil {
		return true
	}
	if q.UserID != "" && q.UserID != scope {
		return false
	}
	q.UserID = scope
	return true
}

// scopeTasks lets actor list a visible record's tasks, or else only the
// tasks assigned to actor.
func (a *App) scopeTasks(ctx context.Context, actor Actor, q *store.TaskQuery) bool {
	scope := a.ownerScope(actor)
	if scope == "" {
		return true
	}
	if q.Record.ID != "" && a.checkRecordVisible(ctx, a.db.Reader(), actor, q.Record.Entity, q.Record.ID) == nil {
		return true
	}
	if q.AssigneeID != "" && q.AssigneeID != scope {
		return false
	}
	q.AssigneeID = scope
	return true
}

// checkActivityVisible refuses an activity actor may not see.
func (a *App) checkActivityVisible(ctx context.Context, actor Actor, id string) error {
	scope := a.ownerScope(actor)
	if scope == "" {
		return nil
	}
	ok, err := store.ActivityVisibleTo(ctx, a.db.Reader(), id, scope)
	if err != nil {
		return err
	}
	if !ok {
		return notVisible("activity")
	}
	return nil
}

// checkTaskVisible refuses a task actor may not see.
func (a *App) checkTaskVisible(ctx context.Context, actor Actor, id string) error {
	scope := a.ownerScope(actor)
	if scope == "" {
		return nil
	}
	ok, err := store.TaskVisibleTo(ctx, a.db.Reader(), id, scope)
	if err != nil {
		return err
	}
	if !ok {
		return notVisible("task")
	}
	return nil
}
