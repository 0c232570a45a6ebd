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

// checkContactReadable refuses what Contact would refuse (no right to view
// contacts, another owner's contact for a reader of their own, a contact
// that does not exist, trashed ones being readable) with one small read
// instead of the whole record: for a contact's side cards, whose page
// has read the contact already.
func (a *App) checkContactReadable(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return err
	}
	owner, err := store.RecordOwner(ctx, a.db.Reader(), "contact", id)
	if errors.Is(err, store.ErrNotFound) {
		return notVisible("contact")
	}
	if err != nil {
		return err
	}
	if scope := a.ownerScope(actor); scope != "" && owner != scope {
		return notVisible("contact")
	}
	return nil
}

// sees tells whether actor may see the contact, company or deal ref. A
// record that does not exist is not seen either.
func (a *App) sees(ctx context.Context, q store.Querier, actor Actor, ref RecordRef) (bool, error) {
	err := a.checkRecordVisible(ctx, q, actor, ref.Entity, ref.ID)
	if err != nil && ErrorCode(err) == ENotFound {
		return false, nil
	}
	return err == nil, err
}

// linkable tells whether a write by actor may make a new reference to
// ref: the record is live and actor may see it. The caller reports a
// record actor may not see exactly as one that does not exist, so a write
// can neither reach other people's records nor learn that they exist.
func (a *App) linkable(ctx context.Context, q store.Querier, actor Actor, ref RecordRef) (bool, error) {
	live, err := store.LiveRecord(ctx, q, ref)
	if err != nil || !live {
		return false, err
	}
	return a.sees(ctx, q, actor, ref)
}

// scopeList narrows a contact or company list to actor's records. It
// returns false when the list asks for another owner's records, which
// actor may not see: the list is then empty.
func (a *App) scopeList(actor Actor, q *store.ListQuery) bool {
	return pinToScope(a.ownerScope(actor), &q.Owner)
}

// scopeDeals is scopeList for deal lists and boards.
func (a *App) scopeDeals(actor Actor, q *store.DealQuery) bool {
	return pinToScope(a.ownerScope(actor), &q.Owner)
}

// scopeActivities lets actor list a visible record's activities, or else
// only the activities actor did.
func (a *App) scopeActivities(ctx context.Context, actor Actor, q *store.ActivityQuery) bool {
	return a.scopeToRecordOr(ctx, actor, q.Record, &q.UserID)
}

// scopeTasks lets actor list a visible record's tasks, or else only the
// tasks assigned to actor.
func (a *App) scopeTasks(ctx context.Context, actor Actor, q *store.TaskQuery) bool {
	return a.scopeToRecordOr(ctx, actor, q.Record, &q.AssigneeID)
}

// scopeToRecordOr lets a list of one record's items through when actor
// sees the record; otherwise it pins user to actor (see pinToScope).
func (a *App) scopeToRecordOr(ctx context.Context, actor Actor, record store.RecordRef, user *string) bool {
	scope := a.ownerScope(actor)
	if scope != "" && record.ID != "" && a.checkRecordVisible(ctx, a.db.Reader(), actor, record.Entity, record.ID) == nil {
		return true
	}
	return pinToScope(scope, user)
}

// pinToScope sets a list's user filter to scope, the one user an
// own-records-only actor may list ("" for no limit). It returns false
// when the filter already names someone else: the list is then empty.
func pinToScope(scope string, user *string) bool {
	if scope == "" {
		return true
	}
	if *user != "" && *user != scope {
		return false
	}
	*user = scope
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
