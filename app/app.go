// Package app is Rolo's behaviour: validation, accounts, sessions and every
// CRM rule that the web UI, the JSON API and the CLI share. It calls store
// and never reads a request or writes HTML.
package app

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	assets "rolo/embed"
	"rolo/store"
)

// Config holds the settings that callers may change; zero values get the
// defaults below.
type Config struct {
	// SessionIdle logs a browser out after this long without a request.
	SessionIdle time.Duration
	// SessionLifetime logs a browser out this long after login, however active.
	SessionLifetime time.Duration
	// SetupCode, when set, must be entered to create the first admin. serve
	// sets it when listening beyond loopback, so nobody else on the LAN can
	// claim the instance first.
	SetupCode string
	// Now and NewID let tests pin the clock and the IDs.
	Now   func() time.Time
	NewID func() string
	// Sleep slows down repeated failed logins; tests make it instant.
	Sleep func(ctx context.Context, d time.Duration)
}

// App is the façade every caller uses.
type App struct {
	db       *store.DB
	cfg      Config
	throttle *loginThrottle
	hasUsers atomic.Bool                               // once true it stays true; saves a query per request
	hooks    hooks                                     // automation rules and webhook endpoints, cached; see automation_hook.go
	perms    atomic.Pointer[Permissions]               // the permission matrix, cached; see permission.go
	fields   keptByKey[string, []CustomField]          // custom fields by entity; see custom_field_cache.go
	sessions keptByKey[string, sessionRow]             // by token hash; see session_kept.go
	apiKeys  keptByKey[string, apiKeyRow]              // by token hash; see session_kept.go
	tags     keptByKey[string, Tag]                    // by folded name; see kept_reads.go
	team     keptByKey[struct{}, []store.User]         // every user; see kept_reads.go
	types    keptByKey[struct{}, []store.ActivityType] // activity types; see kept_reads.go
}

// New wraps an open database.
func New(db *store.DB, cfg Config) *App {
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = 7 * 24 * time.Hour
	}
	if cfg.SessionLifetime == 0 {
		cfg.SessionLifetime = 30 * 24 * time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.NewID == nil {
		cfg.NewID = func() string { return uuid.Must(uuid.NewV7()).String() }
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepContext
	}
	return &App{db: db, cfg: cfg, throttle: newLoginThrottle()}
}

// Open opens the database at path, migrating it to this binary's schema.
func Open(ctx context.Context, path string, cfg Config) (*App, error) {
	db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations, Now: cfg.Now})
	if err != nil {
		return nil, err
	}
	a := New(db, cfg)
	if err := a.indexPendingKinds(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("indexing for search: %w", err)
	}
	return a, nil
}

// Close checkpoints and closes the database.
func (a *App) Close() error { return a.db.Close() }

// DB exposes the store for operations commands (backup, doctor).
func (a *App) DB() *store.DB { return a.db }

func (a *App) now() time.Time { return a.cfg.Now().UTC() }

func sleepContext(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
