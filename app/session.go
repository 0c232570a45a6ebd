package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"

	"rolo/store"
)

// Session is a logged-in browser, with the token that goes in its cookie.
type Session struct {
	ID        string
	Token     string // only known right after login; never stored
	User      *User
	ExpiresAt time.Time
}

// Client describes where a login comes from, for throttling and the
// session list.
type Client struct {
	Addr      string
	UserAgent string
}

// touchEvery limits idle-clock updates to one write per minute per session.
const touchEvery = time.Minute

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login checks an email and password and opens a session. Failed attempts
// are slowed down and then refused for a while, per address and account
// together and per address; an account's failures from everywhere only
// slow it down, so nobody can lock someone else out (see throttle.go).
func (a *App) Login(ctx context.Context, email, password string, client Client) (*Session, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := a.now()
	delay, retry := a.throttle.check(email, client.Addr, now)
	if retry > 0 {
		return nil, &Error{Code: ETooMany, Message: "error.login_locked", RetryAfter: retry}
	}
	if delay > 0 {
		a.cfg.Sleep(ctx, delay)
	}
	u, err := store.UserByEmail(ctx, a.db.Reader(), email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	ok := false
	if err == nil {
		if ok, err = CheckPassword(u.PasswordHash, password); err != nil {
			return nil, err
		}
	} else {
		// Hash anyway so that the time taken does not tell whether the account exists.
		_, _ = CheckPassword(dummyHash(), password)
	}
	if !ok || u.Disabled() {
		a.throttle.fail(email, client.Addr, now)
		return nil, errorf(EUnauthorized, "error.login_failed")
	}
	a.throttle.succeed(email, client.Addr)

	token := randomToken()
	s := store.Session{
		ID: a.cfg.NewID(), UserID: u.ID, TokenHash: hashToken(token),
		ExpiresAt: now.Add(a.cfg.SessionLifetime), ClientAddr: client.Addr, UserAgent: truncate(client.UserAgent, 300),
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := store.DeleteExpiredSessions(ctx, tx, a.cfg.SessionIdle); err != nil {
			return err
		}
		if err := store.InsertSession(ctx, tx, s); err != nil {
			return err
		}
		if err := store.TouchUserLogin(ctx, tx, u.ID); err != nil {
			return err
		}
		return a.record(ctx, tx, u.ID, Change{Action: ActionUserLogin, Entity: "user", ID: u.ID, Details: map[string]any{"addr": client.Addr}})
	})
	if err != nil {
		return nil, err
	}
	return &Session{ID: s.ID, Token: token, User: a.withPermissions(toUser(u)), ExpiresAt: s.ExpiresAt}, nil
}

// UnlockLogin lets an account log in again at once: the failed logins
// counted against it, from every address, are forgotten. It takes
// settings: manage, as disabling an account does, and is audited.
func (a *App) UnlockLogin(ctx context.Context, actor Actor, userID string) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	u, err := store.UserByID(ctx, a.db.Reader(), userID)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(ENotFound, "error.user_not_found")
	}
	if err != nil {
		return err
	}
	a.throttle.unlock(strings.ToLower(u.Email), a.now())
	return a.db.Write(ctx, func(tx *store.Tx) error {
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionUserUnlocked, Entity: "user", ID: u.ID, Name: u.Name})
	})
}

// LockedLogins gives, by user ID, the accounts that some address may not
// log in to for now (too many failures from there), with when the last
// such lock ends: for the users page to offer UnlockLogin.
func (a *App) LockedLogins(ctx context.Context, actor Actor) (map[string]time.Time, error) {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return nil, err
	}
	locked := a.throttle.lockedUntil(a.now())
	out := map[string]time.Time{}
	if len(locked) == 0 {
		return out, nil
	}
	users, err := store.ListUsers(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if until, ok := locked[strings.ToLower(u.Email)]; ok {
			out[u.ID] = until
		}
	}
	return out, nil
}

// dummyHash is checked against when the email is unknown. It is made on
// first use, not at start-up: hashing costs memory and time that a server
// that nobody logs in to should not spend.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("rolo-timing-equaliser")
	return h
})

// Authenticate returns the session a cookie token belongs to, or an
// EUnauthorized error when it is unknown, expired, idle too long or its
// user is disabled.
func (a *App) Authenticate(ctx context.Context, token string) (*Session, error) {
	unauthorized := errorf(EUnauthorized, "error.session_expired")
	if token == "" || len(token) > 100 {
		return nil, unauthorized
	}
	hash := hashToken(token)
	s, u, err := a.sessionByHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, unauthorized
	}
	if err != nil {
		return nil, err
	}
	now := a.now()
	if !now.Before(s.ExpiresAt) || now.Sub(s.LastSeenAt) >= a.cfg.SessionIdle {
		a.sessions.forget(hash)
		_ = a.db.Write(ctx, func(tx *store.Tx) error { return store.DeleteSession(ctx, tx, s.ID) })
		return nil, unauthorized
	}
	if u.Disabled() {
		return nil, unauthorized
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		a.sessions.forget(hash) // the kept row has the old last-seen time
		if err := a.db.Write(ctx, func(tx *store.Tx) error { return store.TouchSession(ctx, tx, s.ID) }); err != nil {
			return nil, err
		}
	}
	return &Session{ID: s.ID, User: a.withPermissions(toUser(u)), ExpiresAt: s.ExpiresAt}, nil
}

// Logout ends one session.
func (a *App) Logout(ctx context.Context, s *Session) error {
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.DeleteSession(ctx, tx, s.ID); err != nil {
			return err
		}
		return a.record(ctx, tx, s.User.ID, Change{Action: ActionUserLogout, Entity: "user", ID: s.User.ID})
	})
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
