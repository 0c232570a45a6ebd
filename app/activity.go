package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"rolo/store"
)

// Activity is a logged call, note, email, meeting or custom activity.
type Activity = store.Activity

// RecordRef names a linked contact, company or deal.
type RecordRef = store.RecordRef

// LinkEntities are the kinds of record activities and tasks link to.
var LinkEntities = []string{"contact", "company", "deal"}

// ActivityInput is what a form or the API says about an activity.
type ActivityInput struct {
	TypeID          string
	OccurredAt      time.Time // zero means now
	DurationMinutes int
	Outcome         string
	Body            string
	UserID          string // who did it; "" means the actor
	Links           []RecordRef
}

const (
	maxLinks       = 50
	maxDurationMin = 7 * 24 * 60
)

// validateActivity checks in and returns the activity to store. old is
// the activity as stored (zero for a new one): its type may stay even if
// archived, and its links to records actor may not see stay.
func (a *App) validateActivity(ctx context.Context, q store.Querier, actor Actor, in ActivityInput, old Activity) (Activity, error) {
	p := map[string]string{}
	act := Activity{TypeID: strings.TrimSpace(in.TypeID), OccurredAt: in.OccurredAt.UTC(), DurationMinutes: in.DurationMinutes}
	if act.OccurredAt.IsZero() {
		act.OccurredAt = a.now()
	}
	if y := act.OccurredAt.Year(); y < 1900 || y > 2200 {
		p["occurred_at"] = "error.date_invalid"
	}
	types, err := store.ActivityTypes(ctx, q)
	if err != nil {
		return act, err
	}
	typeOK := false
	for _, t := range types {
		if t.ID == act.TypeID && (!t.Archived() || t.ID == old.TypeID) {
			typeOK = true
		}
	}
	if !typeOK {
		p["type"] = "error.activity_type_unknown"
	}
	if act.DurationMinutes < 0 || act.DurationMinutes > maxDurationMin {
		p["duration_minutes"] = "error.duration_invalid"
	}
	var problem string
	if act.Outcome, problem = cleanText(in.Outcome, maxShortText, false); problem != "" {
		p["outcome"] = problem
	}
	if act.Body, problem = cleanText(in.Body, maxNotes, true); problem != "" {
		p["notes"] = problem
	}
	act.UserID = strings.TrimSpace(in.UserID)
	if act.UserID == "" {
		act.UserID = actorID(actor)
	} else if err := checkOwner(ctx, q, act.UserID, p); err != nil {
		return act, err
	} else if p["owner_id"] != "" {
		delete(p, "owner_id")
		p["user_id"] = "error.user_unknown"
	}
	if act.Links, err = a.checkLinks(ctx, q, actor, in.Links, old.Links, p); err != nil {
		return act, err
	}
	if len(act.Links) == 0 && p["links"] == "" {
		p["links"] = "error.link_required"
	}
	if len(p) > 0 {
		return act, Invalid(p)
	}
	return act, nil
}

// checkLinks drops repeats and reports, under links.N, links to records
// that do not exist, are in the trash, or that actor may not see — all
// alike, so the answer does not tell whether a hidden record exists. kept
// are the links the activity or task already has: those actor may not see
// stay, whether or not links names them, since actor cannot know of them.
func (a *App) checkLinks(ctx context.Context, q store.Querier, actor Actor, links, kept []RecordRef, p map[string]string) ([]RecordRef, error) {
	if len(links) > maxLinks {
		p["links"] = "error.too_many"
		return nil, nil
	}
	var out []RecordRef
	seen := map[RecordRef]bool{}
	for _, l := range kept {
		if ok, err := a.sees(ctx, q, actor, l); err != nil {
			return nil, err
		} else if !ok && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	for i, l := range links {
		l.Entity, l.ID = strings.TrimSpace(l.Entity), strings.TrimSpace(l.ID)
		if l.ID == "" || seen[l] {
			continue
		}
		seen[l] = true
		ok := false
		if contains(LinkEntities, l.Entity) {
			var err error
			if ok, err = a.linkable(ctx, q, actor, l); err != nil {
				return nil, err
			}
		}
		if !ok {
			p[fmt.Sprintf("links.%d", i)] = "error.link_unknown"
			continue
		}
		out = append(out, l)
	}
	return out, nil
}

// LogActivity records an activity on its linked records; a contact's
// keep-in-touch reminder moves on from it.
func (a *App) LogActivity(ctx context.Context, actor Actor, in ActivityInput) (Activity, error) {
	if err := a.can(actor, AreaActivities, LevelCreate); err != nil {
		return Activity{}, err
	}
	var id string
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		act, err := a.validateActivity(ctx, tx, actor, in, Activity{})
		if err != nil {
			return err
		}
		act.ID, act.CreatedBy = a.cfg.NewID(), actorID(actor)
		id = act.ID
		if err := store.InsertActivity(ctx, tx, act); err != nil {
			return err
		}
		if err := a.refreshKeepInTouch(ctx, tx, act.Links); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), activityChange(ActionActivityCreated, act))
	})
	if err != nil {
		return Activity{}, err
	}
	return a.Activity(ctx, actor, id)
}

// activityChange is an activity's audit entry; a new one is logged for
// rules, webhooks and the users it mentions. Its name is its outcome,
// stored even when empty, as it always was.
func activityChange(action AuditAction, act Activity) Change {
	return Change{Action: action, Entity: "activity", ID: act.ID,
		Details: map[string]any{"name": act.Outcome, "type": act.TypeID, "occurred_at": store.FormatTime(act.OccurredAt), "links": act.Links}}
}

// Activity loads one activity; trashed ones are not found.
func (a *App) Activity(ctx context.Context, actor Actor, id string) (Activity, error) {
	if err := a.can(actor, AreaActivities, LevelView); err != nil {
		return Activity{}, err
	}
	if err := a.checkActivityVisible(ctx, actor, id); err != nil {
		return Activity{}, err
	}
	act, err := store.ActivityByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && act.Trashed()) {
		return act, errorf(ENotFound, "error.activity_not_found")
	}
	return act, err
}

// UpdateActivity replaces an activity's fields and links, provided nobody
// saved it since the caller read version.
func (a *App) UpdateActivity(ctx context.Context, actor Actor, id string, version int, in ActivityInput) (Activity, error) {
	if err := a.can(actor, AreaActivities, LevelEdit); err != nil {
		return Activity{}, err
	}
	if err := a.checkActivityVisible(ctx, actor, id); err != nil {
		return Activity{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := store.ActivityByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && old.Trashed()) {
			return errorf(ENotFound, "error.activity_not_found")
		}
		if err != nil {
			return err
		}
		if old.Version != version {
			return errorf(EConflict, "error.stale")
		}
		if in.UserID == "" {
			in.UserID = old.UserID // who did it stays unless the input says otherwise
		}
		act, err := a.validateActivity(ctx, tx, actor, in, old)
		if err != nil {
			return err
		}
		act.ID, act.Version, act.UpdatedBy = id, version, actorID(actor)
		if err := store.UpdateActivity(ctx, tx, act); err != nil {
			if errors.Is(err, store.ErrStale) {
				return errorf(EConflict, "error.stale")
			}
			return err
		}
		if err := a.refreshKeepInTouch(ctx, tx, append(old.Links, act.Links...)); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), activityChange(ActionActivityUpdated, act))
	})
	if err != nil {
		return Activity{}, err
	}
	return a.Activity(ctx, actor, id)
}

// TrashActivity deletes an activity from its timelines.
func (a *App) TrashActivity(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaActivities, LevelDelete); err != nil {
		return err
	}
	if err := a.checkActivityVisible(ctx, actor, id); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := store.ActivityByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && old.Trashed()) {
			return errorf(ENotFound, "error.activity_not_found")
		}
		if err != nil {
			return err
		}
		if err := store.TrashActivity(ctx, tx, id, actorID(actor)); err != nil {
			return err
		}
		if err := a.refreshKeepInTouch(ctx, tx, old.Links); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), activityChange(ActionActivityDeleted, old))
	})
}

// ActivityList is one page of activities and how many match.
type ActivityList struct {
	store.ActivityPage
	Total int
}

// ListActivities pages through activities, newest first.
func (a *App) ListActivities(ctx context.Context, actor Actor, q store.ActivityQuery) (ActivityList, error) {
	if q.Limit < 0 || q.Limit > 500 {
		return ActivityList{}, Invalid(map[string]string{"limit": "error.limit_invalid"})
	}
	if err := a.can(actor, AreaActivities, LevelView); err != nil {
		return ActivityList{}, err
	}
	if !a.scopeActivities(ctx, actor, &q) {
		return ActivityList{}, nil
	}
	page, err := store.ListActivities(ctx, a.db.Reader(), q)
	if errors.Is(err, store.ErrBadCursor) {
		return ActivityList{}, Invalid(map[string]string{"cursor": "error.cursor_invalid"})
	}
	if err != nil {
		return ActivityList{}, err
	}
	total, err := store.CountActivities(ctx, a.db.Reader(), q)
	return ActivityList{ActivityPage: page, Total: total}, err
}

// RecordNames names linked records for display (trashed ones too). A
// record actor may not see is left out, as an unknown one is: a shared
// activity must not tell an own-records-only user a colleague's
// customer's name.
func (a *App) RecordNames(ctx context.Context, actor Actor, refs []RecordRef) (map[RecordRef]string, error) {
	names, err := store.RecordNames(ctx, a.db.Reader(), refs)
	scope := a.ownerScope(actor)
	if err != nil || scope == "" {
		return names, err
	}
	byKind := map[string][]string{}
	for ref := range names {
		byKind[ref.Entity] = append(byKind[ref.Entity], ref.ID)
	}
	for kind, ids := range byKind {
		own, err := store.OwnedIDs(ctx, a.db.Reader(), kind, ids, scope)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if !slices.Contains(own, id) {
				delete(names, RecordRef{Entity: kind, ID: id})
			}
		}
	}
	return names, nil
}
