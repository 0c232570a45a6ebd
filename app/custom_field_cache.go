package app

import (
	"context"
	"sync"

	"rolo/store"
)

// fieldCache keeps each entity's custom fields as last read, with the
// change count they were read at: a page compares one number instead of
// reading the fields and their options again (a tenth of a contact list's
// CPU under load). The count is kept by triggers, so a change written by
// another process is seen on the next read too.
type fieldCache struct {
	mu    sync.Mutex
	byKey map[string]cachedFields
}

type cachedFields struct {
	changes int64
	fields  []CustomField
}

// readFields is store.CustomFields through the cache. Only reads through
// the reader pool are cached: a write transaction must see its own
// changes. Callers must not change the slice they get.
func (a *App) readFields(ctx context.Context, q store.Querier, entity string) ([]CustomField, error) {
	if q != a.db.Reader() {
		return store.CustomFields(ctx, q, entity)
	}
	n, err := store.CustomFieldsChanges(ctx, q)
	if err != nil {
		return nil, err
	}
	c := &a.fields
	c.mu.Lock()
	hit, ok := c.byKey[entity]
	c.mu.Unlock()
	if ok && hit.changes == n {
		return hit.fields, nil
	}
	fields, err := store.CustomFields(ctx, q, entity)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.byKey == nil {
		c.byKey = map[string]cachedFields{}
	}
	c.byKey[entity] = cachedFields{changes: n, fields: fields}
	c.mu.Unlock()
	return fields, nil
}
