package app

import (
	"context"
	"errors"
	"strings"

	"rolo/store"
)

// Webhooks belong to the user who made them. A role that may create in
// the integrations area keeps its own endpoints; one that may manage it
// sees and controls everyone's. An endpoint only carries what its owner may
// see: the same record visibility and field protection as their pages.
// Endpoints without an owner were made by the command-line operator, who
// sees everything.

// checkWebhookOwner refuses an endpoint that actor neither owns nor
// manages; one they may not reach reads as not found.
func (a *App) checkWebhookOwner(ctx context.Context, q store.Querier, actor Actor, id string) (store.Webhook, error) {
	if err := a.can(actor, AreaIntegrations, LevelCreate); err != nil {
		return store.Webhook{}, err
	}
	w, err := store.WebhookByID(ctx, q, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Webhook{}, errorf(ENotFound, "error.webhook_not_found")
	}
	if err != nil {
		return store.Webhook{}, err
	}
	if a.can(actor, AreaIntegrations, LevelManage) != nil && w.CreatedBy != actorID(actor) {
		return store.Webhook{}, errorf(ENotFound, "error.webhook_not_found")
	}
	return w, nil
}

// webhookOwner loads the user whose eyes an endpoint sees with, with the
// role's permissions; nil for an operator's endpoint.
func (a *App) webhookOwner(ctx context.Context, q store.Querier, createdBy string) (*User, bool, error) {
	if createdBy == "" {
		return nil, true, nil
	}
	su, err := store.UserByID(ctx, q, createdBy)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	u := a.withPermissions(toUser(su))
	// A disabled account, or a role no longer allowed webhooks, sends
	// nothing more: the endpoint is theirs, and they are out.
	if u.Disabled || a.can(u, AreaIntegrations, LevelCreate) != nil {
		return nil, false, nil
	}
	return u, true, nil
}

// recordAreas is the permission area of each kind of record an event is
// about.
var recordAreas = map[string]Area{"contact": AreaContacts, "company": AreaContacts, "deal": AreaDeals, "task": AreaActivities, "activity": AreaActivities}

// webhookSees tells whether the endpoint made by createdBy may carry ev:
// its owner may see the record (inside tx, so a record made in the same
// transaction counts) and the field the event names.
func (a *App) webhookSees(ctx context.Context, tx *store.Tx, createdBy string, ev Event) (bool, error) {
	owner, ok, err := a.webhookOwner(ctx, tx, createdBy)
	if err != nil || !ok || owner == nil {
		return ok, err
	}
	area, known := recordAreas[ev.Entity]
	if !known || a.can(owner, area, LevelView) != nil {
		return false, nil // what the owner cannot check or read is not sent
	}
	if key, custom := strings.CutPrefix(ev.Field, "custom_fields."); custom {
		hidden, _, err := a.protectedKeys(ctx, tx, owner, ev.Entity)
		if err != nil || hidden[key] {
			return false, err
		}
	}
	scope := a.ownerScope(owner)
	if scope == "" {
		return true, nil
	}
	switch ev.Entity {
	case "task":
		return store.TaskVisibleTo(ctx, tx, ev.EntityID, scope)
	case "activity":
		return store.ActivityVisibleTo(ctx, tx, ev.EntityID, scope)
	}
	recordOwner, err := store.RecordOwner(ctx, tx, ev.Entity, ev.EntityID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil && recordOwner == scope, err
}
