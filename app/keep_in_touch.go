package app

import (
	"context"
	"errors"
	"strconv"
	"time"

	"rolo/store"
)

// KeepInTouch is a contact's "keep in touch every N days" cadence.
type KeepInTouch = store.KeepInTouch

const day = 24 * time.Hour

// SetKeepInTouch sets how often the actor wants to be in touch with a
// contact; days 0 removes the cadence. The clock starts at the contact's
// last activity, or now when there is none.
func (a *App) SetKeepInTouch(ctx context.Context, actor Actor, contactID string, days int) error {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", contactID); err != nil {
		return err
	}
	if days < 0 || days > 3650 {
		return Invalid(map[string]string{"keep_in_touch_days": "error.keep_in_touch_invalid"})
	}
	if actor == nil {
		return errorf(EInvalid, "error.login_required") // a cadence reminds someone
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		c, err := store.ContactByID(ctx, tx, contactID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && c.Trashed()) {
			return errorf(ENotFound, "error.contact_not_found")
		}
		if err != nil {
			return err
		}
		if days == 0 {
			if err := store.DeleteKeepInTouch(ctx, tx, contactID); err != nil {
				return err
			}
			return a.record(ctx, tx, actor.ID, Change{Action: ActionContactKeepInTouchClear, Entity: "contact", ID: contactID, Name: c.DisplayName})
		}
		last, err := store.LastActivityAt(ctx, tx, RecordRef{Entity: "contact", ID: contactID})
		if err != nil {
			return err
		}
		if last.IsZero() {
			last = tx.Now
		}
		k := KeepInTouch{ContactID: contactID, EveryDays: days, UserID: actor.ID, LastTouchAt: last, DueAt: last.Add(time.Duration(days) * day)}
		if err := store.PutKeepInTouch(ctx, tx, k); err != nil {
			return err
		}
		return a.record(ctx, tx, actor.ID, Change{Action: ActionContactKeepInTouchSet, Entity: "contact", ID: contactID, Name: c.DisplayName,
			Changes: map[string]FieldChange{"keep_in_touch_days": {To: strconv.Itoa(days)}}})
	})
}

// KeepInTouchOf is a contact's cadence; ok is false when it has none.
func (a *App) KeepInTouchOf(ctx context.Context, actor Actor, contactID string) (KeepInTouch, bool, error) {
	k, err := store.KeepInTouchOf(ctx, a.db.Reader(), contactID)
	if errors.Is(err, store.ErrNotFound) {
		return k, false, nil
	}
	return k, err == nil, err
}

// refreshKeepInTouch moves the cadences of the linked contacts on to
// their newest activity, after an activity was logged, changed or deleted.
func (a *App) refreshKeepInTouch(ctx context.Context, tx *store.Tx, links []RecordRef) error {
	done := map[string]bool{}
	for _, l := range links {
		if l.Entity != "contact" || done[l.ID] {
			continue
		}
		done[l.ID] = true
		k, err := store.KeepInTouchOf(ctx, tx, l.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		last, err := store.LastActivityAt(ctx, tx, l)
		if err != nil {
			return err
		}
		if last.IsZero() {
			continue // nothing logged any more: keep counting from when it was set
		}
		k.LastTouchAt, k.DueAt = last, last.Add(time.Duration(k.EveryDays)*day)
		if err := store.PutKeepInTouch(ctx, tx, k); err != nil {
			return err
		}
	}
	return nil
}
