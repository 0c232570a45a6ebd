package app

import (
	"context"

	"rolo/store"
)

// readFields is store.CustomFields kept between requests (kept.go): a
// page compares one count instead of reading the fields and their options
// again (a tenth of a contact list's CPU under load). Only reads through
// the reader pool are kept: a write transaction must see its own changes.
// Callers must not change the slice they get.
func (a *App) readFields(ctx context.Context, q store.Querier, entity string) ([]CustomField, error) {
	if q != a.db.Reader() {
		return store.CustomFields(ctx, q, entity)
	}
	c, err := a.changeCounts(ctx)
	if err != nil {
		return nil, err
	}
	return a.fields.read(entity, [2]int64{c.CustomFields}, func() ([]CustomField, error) {
		return store.CustomFields(ctx, q, entity)
	})
}
