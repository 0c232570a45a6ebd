package app

import (
	"context"
	"strings"

	"rolo/store"
)

// DefaultPhoneRegion reads numbers typed without a country code until an
// admin chooses the business's own region.
const DefaultPhoneRegion = "US"

// PhoneRegion is the region assumed for phone numbers typed without a
// country code.
func (a *App) PhoneRegion(ctx context.Context) string {
	return a.phoneRegion(ctx, a.db.Reader())
}

// phoneRegion reads the setting through q, so that a write transaction
// reads it on its own connection rather than taking a second one.
func (a *App) phoneRegion(ctx context.Context, q store.Querier) string {
	if region, ok := ctx.Value(phoneRegionKey{}).(string); ok {
		return region // an import reads the setting once for all its rows
	}
	region, err := store.Setting(ctx, q, "phone_region", DefaultPhoneRegion)
	if err != nil || !ValidRegion(region) {
		return DefaultPhoneRegion
	}
	return region
}

// SetPhoneRegion changes the default phone region (admins). Numbers stored
// earlier keep the E.164 form they were given.
func (a *App) SetPhoneRegion(ctx context.Context, actor Actor, region string) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if !ValidRegion(region) {
		return Invalid(map[string]string{"phone_region": "error.region_invalid"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutSetting(ctx, tx, "phone_region", region); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSettingsUpdated, Entity: "settings", ID: "phone_region",
			Details: map[string]any{"phone_region": region}})
	})
}
