package app

import (
	"context"
	"slices"

	"rolo/store"
)

// Reads most pages make, kept between requests (kept.go). Slices come
// back as the caller's own copy.

func (a *App) keptUsers(ctx context.Context) ([]store.User, error) {
	c, err := a.changeCounts(ctx)
	if err != nil {
		return nil, err
	}
	users, err := a.team.read(struct{}{}, [2]int64{c.Users}, func() ([]store.User, error) {
		return store.ListUsers(ctx, a.db.Reader())
	})
	return slices.Clone(users), err
}

func (a *App) keptActivityTypes(ctx context.Context) ([]ActivityType, error) {
	c, err := a.changeCounts(ctx)
	if err != nil {
		return nil, err
	}
	types, err := a.types.read(struct{}{}, [2]int64{c.ActivityTypes}, func() ([]ActivityType, error) {
		return store.ActivityTypes(ctx, a.db.Reader())
	})
	return slices.Clone(types), err
}

// keptTagByKey is store.TagByKey through what is kept.
func (a *App) keptTagByKey(ctx context.Context, key string) (Tag, error) {
	c, err := a.changeCounts(ctx)
	if err != nil {
		return Tag{}, err
	}
	return a.tags.read(key, [2]int64{c.Tags}, func() (Tag, error) {
		return store.TagByKey(ctx, a.db.Reader(), key)
	})
}
