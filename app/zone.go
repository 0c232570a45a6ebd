package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zone rules inside the binary, for machines without /usr/share/zoneinfo (Windows)

	"rolo/store"
)

// Location is the zone a user's times are entered and shown in: their
// profile's choice, else the server's.
func Location(u *User) *time.Location {
	if loc, err := cachedZone(ZoneName(u)); err == nil {
		return loc
	}
	return time.Local
}

// cachedZone is time.LoadLocation, keeping what it loaded by name:
// loading a zone reads and parses its rules, and a page view asked for
// its reader's zone several times, each time checking the name by loading
// it too (issue 18). A *time.Location never changes, and only names that
// loaded are kept, so the map holds at most the IANA zones.
func cachedZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		zones.Store(name, loc)
	}
	return loc, err
}

var zones sync.Map

// loadZone reads an IANA zone name; "" is the server's zone.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return time.Local, nil
	}
	return cachedZone(name)
}

// validZone tells whether name is an IANA zone name (or "" for the server's).
// "Local" is refused: it would mean whatever machine reads it.
func validZone(name string) bool {
	if name == "Local" || len(name) > 64 {
		return false
	}
	_, err := loadZone(name)
	return err == nil
}

// ZoneName is the IANA name of the zone a user's times are in, for forms
// and for stamping new tasks.
func ZoneName(u *User) string {
	if u != nil && u.TimeZone != "" && validZone(u.TimeZone) {
		return u.TimeZone
	}
	return serverZone()
}

// serverZone names the machine's zone: $TZ, else where /etc/localtime
// points into the zone database, else UTC.
var serverZone = sync.OnceValue(func() string {
	candidates := []string{strings.TrimPrefix(os.Getenv("TZ"), ":")}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			candidates = append(candidates, name)
		}
	}
	for _, name := range candidates {
		if name != "" && validZone(name) {
			return name
		}
	}
	return "UTC"
})

// startOfDay is midnight of t's day in loc.
func startOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// AdoptBrowserZone sets the actor's zone from their browser (at login)
// when they have not chosen one; an unknown name is ignored.
func (a *App) AdoptBrowserZone(ctx context.Context, actor Actor, zone string) error {
	if actor == nil || actor.TimeZone != "" || zone == "" || !validZone(zone) {
		return nil
	}
	_, err := a.changeUser(ctx, actor, actor.ID, ActionUserTimeZoneDetected, map[string]any{"time_zone": zone}, func(u *store.User) error {
		u.TimeZone = zone
		return nil
	})
	return err
}
