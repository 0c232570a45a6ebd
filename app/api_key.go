package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"rolo/store"
)

// APIKey is a personal key for the JSON API, as listed (never its token).
type APIKey = store.APIKey

// APIKeyInput is what a user says about a new key.
type APIKeyInput struct {
	Name      string
	Scope     string    // read or write
	ExpiresAt time.Time // zero: never
}

// NewAPIKey is a key just made: Token is shown once and never again.
type NewAPIKey struct {
	APIKey
	Token string
}

// apiKeyPrefix marks Rolo's tokens, so secret scanners can spot a leaked one.
const apiKeyPrefix = "rolo_"

// CreateAPIKey makes a personal key for actor. Viewers may have keys too:
// the key carries its owner's role, so a viewer's key only reads.
func (a *App) CreateAPIKey(ctx context.Context, actor Actor, in APIKeyInput) (NewAPIKey, error) {
	if actor == nil {
		return NewAPIKey{}, errorf(EUnauthorized, "error.login_required")
	}
	p := map[string]string{}
	name, problem := cleanText(in.Name, 100, false)
	switch {
	case problem != "":
		p["name"] = problem
	case name == "":
		p["name"] = "error.required"
	}
	if in.Scope == "" {
		in.Scope = "read"
	}
	if in.Scope != "read" && in.Scope != "write" {
		p["scope"] = "error.api_key_scope_invalid"
	}
	if !in.ExpiresAt.IsZero() && !in.ExpiresAt.After(a.now()) {
		p["expires_at"] = "error.api_key_expiry_past"
	}
	if len(p) > 0 {
		return NewAPIKey{}, Invalid(p)
	}
	token := apiKeyPrefix + randomToken()
	k := APIKey{ID: a.cfg.NewID(), UserID: actor.ID, Name: name, Prefix: token[:len(apiKeyPrefix)+6], TokenHash: hashToken(token),
		Scope: in.Scope, ExpiresAt: in.ExpiresAt}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.InsertAPIKey(ctx, tx, k); err != nil {
			return err
		}
		k.CreatedAt = tx.Now
		return a.record(ctx, tx, actor.ID, Change{Action: ActionAPIKeyCreated, Entity: "api_key", ID: k.ID, Name: name,
			Details: map[string]any{"scope": k.Scope}})
	})
	if err != nil {
		return NewAPIKey{}, err
	}
	return NewAPIKey{APIKey: k, Token: token}, nil
}

// APIKeys lists actor's own keys.
func (a *App) APIKeys(ctx context.Context, actor Actor) ([]APIKey, error) {
	if actor == nil {
		return nil, errorf(EUnauthorized, "error.login_required")
	}
	return store.APIKeysOf(ctx, a.db.Reader(), actor.ID)
}

// RevokeAPIKey stops one of actor's keys working at once.
func (a *App) RevokeAPIKey(ctx context.Context, actor Actor, id string) error {
	if actor == nil {
		return errorf(EUnauthorized, "error.login_required")
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		k, err := store.APIKeyByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && k.UserID != actor.ID) {
			return errorf(ENotFound, "error.api_key_not_found") // someone else's key is not even there
		}
		if err != nil {
			return err
		}
		if err := store.RevokeAPIKey(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, actor.ID, Change{Action: ActionAPIKeyRevoked, Entity: "api_key", ID: id, Name: k.Name})
	})
}

// AuthenticateAPIKey finds the user behind a Bearer token and the key's
// scope. Revoked, expired and unknown keys, and keys of disabled users, are
// all the same "unauthorized".
func (a *App) AuthenticateAPIKey(ctx context.Context, token string) (*User, string, error) {
	unauthorized := errorf(EUnauthorized, "error.api_key_invalid")
	if !strings.HasPrefix(token, apiKeyPrefix) || len(token) > 100 {
		return nil, "", unauthorized
	}
	hash := hashToken(token)
	k, u, err := a.apiKeyByHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, "", unauthorized
	}
	if err != nil {
		return nil, "", err
	}
	now := a.now()
	if !k.RevokedAt.IsZero() || (!k.ExpiresAt.IsZero() && !now.Before(k.ExpiresAt)) {
		return nil, "", unauthorized
	}
	if u.Disabled() {
		return nil, "", unauthorized
	}
	// One write a minute at most: a busy script should not turn every read
	// into a write.
	if now.Sub(k.LastUsedAt) >= touchEvery {
		a.apiKeys.forget(hash) // the kept row has the old last-used time
		if err := a.db.Write(ctx, func(tx *store.Tx) error { return store.TouchAPIKey(ctx, tx, k.ID) }); err != nil {
			return nil, "", err
		}
	}
	return a.withPermissions(toUser(u)), k.Scope, nil
}
