package app

import (
	"context"
	"strings"

	"rolo/store"
)

// Phones by region (issue 23): a number typed without a country code is
// read in the region of the person who typed it — their own phone region
// when they chose one on their profile, else the instance's. The command
// line, web forms and rules (no user) use the instance's.

// regionFor is the region actor's typed numbers are read in, read through
// q (see phoneRegion). An import fixes it once for all its rows.
func (a *App) regionFor(ctx context.Context, q store.Querier, actor Actor) string {
	if region, ok := ctx.Value(phoneRegionKey{}).(string); ok {
		return region
	}
	if actor != nil && actor.ID != "" {
		if own, err := store.UserPhoneRegion(ctx, q, actor.ID); err == nil && own != "" && ValidRegion(own) {
			return own
		}
	}
	return a.phoneRegion(ctx, q)
}

// withRegionOf fixes the phone region of actor in ctx, for code below
// that reads numbers without knowing who typed them (companies).
func (a *App) withRegionOf(ctx context.Context, actor Actor) context.Context {
	if _, ok := ctx.Value(phoneRegionKey{}).(string); ok {
		return ctx
	}
	return context.WithValue(ctx, phoneRegionKey{}, a.regionFor(ctx, a.db.Reader(), actor))
}

// UserPhoneRegion is the region actor chose on their profile; "" means
// they follow the instance's.
func (a *App) UserPhoneRegion(ctx context.Context, actor Actor) string {
	if actor == nil {
		return ""
	}
	region, err := store.UserPhoneRegion(ctx, a.db.Reader(), actor.ID)
	if err != nil {
		return ""
	}
	return region
}

// PhoneRegionOf is the region actor's numbers are read in: their own, or
// the instance's.
func (a *App) PhoneRegionOf(ctx context.Context, actor Actor) string {
	return a.regionFor(ctx, a.db.Reader(), actor)
}

// SetUserPhoneRegion changes actor's own phone region; "" returns to the
// instance's. Numbers stored earlier keep their E.164 form; the numbers
// that could not be read may be re-read with ReadUnreadPhones.
func (a *App) SetUserPhoneRegion(ctx context.Context, actor Actor, region string) error {
	if actor == nil {
		return errorf(EForbidden, "error.forbidden")
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if region != "" && !ValidRegion(region) {
		return Invalid(map[string]string{"phone_region": "error.region_invalid"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.SetUserPhoneRegion(ctx, tx, actor.ID, region); err != nil {
			return err
		}
		return a.record(ctx, tx, actor.ID, Change{Action: ActionUserProfileUpdated, Entity: "user", ID: actor.ID,
			Details: map[string]any{"phone_region": region}})
	})
}
