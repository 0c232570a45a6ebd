package app

import (
	"context"

	"rolo/store"
)

// Every request signs in again with its cookie or key; the row behind it
// is kept between requests (kept.go) while nothing that could end or
// change it was written: a session or key deleted or re-pointed, or any
// change to a user (role, password, disabled). Its last-seen time is not
// counted, so the request that writes it forgets the kept row and the next
// one reads it again.

type sessionRow struct {
	session store.Session
	user    store.User
}

type apiKeyRow struct {
	key  store.APIKey
	user store.User
}

// sessionByHash is store.SessionByTokenHash through what is kept.
func (a *App) sessionByHash(ctx context.Context, hash string) (store.Session, store.User, error) {
	c, err := a.changeCounts(ctx)
	if err != nil {
		return store.Session{}, store.User{}, err
	}
	row, err := a.sessions.read(hash, [2]int64{c.Sessions, c.Users}, func() (sessionRow, error) {
		s, u, err := store.SessionByTokenHash(ctx, a.db.Reader(), hash)
		return sessionRow{s, u}, err
	})
	return row.session, row.user, err
}

// apiKeyByHash is store.APIKeyByTokenHash through what is kept.
func (a *App) apiKeyByHash(ctx context.Context, hash string) (store.APIKey, store.User, error) {
	c, err := a.changeCounts(ctx)
	if err != nil {
		return store.APIKey{}, store.User{}, err
	}
	row, err := a.apiKeys.read(hash, [2]int64{c.APIKeys, c.Users}, func() (apiKeyRow, error) {
		k, u, err := store.APIKeyByTokenHash(ctx, a.db.Reader(), hash)
		return apiKeyRow{k, u}, err
	})
	return row.key, row.user, err
}
