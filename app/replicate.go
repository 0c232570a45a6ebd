package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	assets "rolo/embed"
	"rolo/store"
)

// OpenReplicated opens the database at path like Open and ships every
// transaction to the replica URLs with Litestream (see store/replicate.go).
// No URLs is Open.
func OpenReplicated(ctx context.Context, path string, cfg Config, urls []string, interval time.Duration) (*App, error) {
	db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations, Now: cfg.Now, Replicate: urls, ReplicaSyncInterval: interval})
	if err != nil {
		return nil, err
	}
	return New(db, cfg), nil
}

// ReplicaState is how one replica stands, for the settings page, /healthz
// and `rolo replicas`.
type ReplicaState struct {
	store.ReplicaStatus
}

// Replica states, as State names them.
const (
	ReplicaInSync  = "in_sync"
	ReplicaBehind  = "behind"
	ReplicaFailing = "failing"
	ReplicaWaiting = "waiting" // nothing shipped yet, no failure either
)

// State names where the replica stands.
func (s ReplicaState) State() string {
	switch {
	case !s.FailingSince.IsZero():
		return ReplicaFailing
	case s.TXID == 0:
		return ReplicaWaiting
	case s.TXID < s.LocalTXID && !s.BehindSince.IsZero():
		return ReplicaBehind
	}
	return ReplicaInSync
}

// Lag is how long the oldest transaction the replica lacks has waited:
// what losing the machine now would lose. Zero when in sync.
func (s ReplicaState) Lag(now time.Time) time.Duration {
	if s.TXID >= s.LocalTXID || s.BehindSince.IsZero() {
		return 0
	}
	return now.Sub(s.BehindSince).Round(time.Second)
}

// Replicas reports each replica this server ships to; none without
// --replicate.
func (a *App) Replicas(ctx context.Context) []ReplicaState {
	var list []ReplicaState
	for _, st := range a.db.Replicas(ctx) {
		list = append(list, ReplicaState{st})
	}
	return list
}

// FailingReplicas are the replicas that do not answer, for /healthz.
func (a *App) FailingReplicas(ctx context.Context) []ReplicaState {
	var failing []ReplicaState
	for _, r := range a.Replicas(ctx) {
		if r.State() == ReplicaFailing {
			failing = append(failing, r)
		}
	}
	return failing
}

// InspectReplicas reads each replica target without a running server,
// for `rolo replicas`.
func InspectReplicas(ctx context.Context, dbPath string, urls []string) []ReplicaState {
	var list []ReplicaState
	for _, u := range urls {
		list = append(list, ReplicaState{store.InspectReplica(ctx, dbPath, u)})
	}
	return list
}

// RestoreFromReplica brings back the database as the replica at rawURL
// held it at the moment at (the latest when zero). With out, it writes a
// new file there and leaves the database alone; without, it replaces the
// database as `rolo restore FILE` does, keeping the replaced file aside
// (its path is returned). Either way the restored file is checked as a
// backup is before it is used.
func RestoreFromReplica(ctx context.Context, dbPath, rawURL string, at time.Time, out string, now time.Time) (written, replaced string, err error) {
	if out != "" {
		if out, err = filepath.Abs(out); err != nil {
			return "", "", err
		}
		if err := store.RestoreReplica(ctx, rawURL, out, at); err != nil {
			return "", "", err
		}
		if err := checkRestorable(ctx, out); err != nil {
			removeDBFiles(out)
			return "", "", fmt.Errorf("the restored copy was refused: %w", err)
		}
		return out, "", nil
	}
	if dbPath, err = filepath.Abs(dbPath); err != nil {
		return "", "", err
	}
	// Refuse at once while serve runs, before a long download.
	lock, err := store.LockForServe(dbPath)
	if err != nil {
		return "", "", err
	}
	lock.Release()
	staged := dbPath + ".from-replica"
	removeDBFiles(staged) // what a killed run left
	defer removeDBFiles(staged)
	if err := store.RestoreReplica(ctx, rawURL, staged, at); err != nil {
		return "", "", err
	}
	replaced, err = Restore(ctx, dbPath, staged, now)
	return dbPath, replaced, err
}

// RestoreIfMissing starts a replacement machine: when the database file
// does not exist it restores the latest state of the replica at rawURL
// there, checked as a backup is. A replica that holds nothing yet starts
// a new database (the first start of a standby setup); one that cannot be
// read stops serve, so that a passing network fault never starts an
// empty CRM in place of the real one.
func RestoreIfMissing(ctx context.Context, dbPath, rawURL string) (restored bool, err error) {
	if dbPath, err = filepath.Abs(dbPath); err != nil {
		return false, err
	}
	if _, err := os.Stat(dbPath); err == nil || !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return false, err
	}
	staged := dbPath + ".from-replica"
	removeDBFiles(staged)
	defer removeDBFiles(staged)
	if err := store.RestoreReplica(ctx, rawURL, staged, time.Time{}); err != nil {
		if errors.Is(err, store.ErrNoReplica) {
			slog.Warn("the replica holds nothing yet: starting a new database", "replica", store.RedactReplicaURL(rawURL))
			return false, nil
		}
		return false, fmt.Errorf("--restore-if-missing: %w", err)
	}
	if err := checkRestorable(ctx, staged); err != nil {
		return false, fmt.Errorf("--restore-if-missing: the restored copy was refused: %w", err)
	}
	if err := os.Rename(staged, dbPath); err != nil {
		return false, err
	}
	return true, nil
}

func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", ".tmp"} {
		_ = os.Remove(path + suffix)
	}
}

// ParseReplicaURLs splits --replicate values (commas or spaces between
// URLs) and checks each.
func ParseReplicaURLs(values ...string) ([]string, error) { return store.ParseReplicaURLs(values...) }

// RedactReplicaURL is a replica URL as logs and pages may show it.
func RedactReplicaURL(raw string) string { return store.RedactReplicaURL(raw) }
