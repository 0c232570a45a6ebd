package app

import (
	"context"
	"log/slog"
	"time"

	"rolo/store"
)

// ReplicaFailingNotifyAfter is how long a replica may fail before the
// admins are told: Litestream retries by itself, and a NAS that reboots
// should not page anyone.
const ReplicaFailingNotifyAfter = 3 * time.Minute

// RunReplicaWatch looks at the replicas every interval until ctx ends and
// tells each active admin (under the bell, kind replica_failing) once
// about a replica failing longer than failAfter; a replica that recovers
// and fails again is told about again.
func (a *App) RunReplicaWatch(ctx context.Context, interval, failAfter time.Duration) {
	told := map[string]time.Time{} // replica URL → the failure told about
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for _, r := range a.Replicas(ctx) {
			since := r.FailingSince
			if since.IsZero() {
				delete(told, r.URL)
				continue
			}
			if told[r.URL].IsZero() && a.now().Sub(since) >= failAfter {
				if err := a.notifyReplicaFailing(ctx, r); err != nil {
					slog.Error("notify admins of a failing replica", "err", err)
					continue
				}
				told[r.URL] = since
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (a *App) notifyReplicaFailing(ctx context.Context, r ReplicaState) error {
	slog.Error("a replica has been failing", "replica", r.URL, "since", r.FailingSince.UTC().Format(time.RFC3339), "err", r.LastError)
	return a.db.Write(ctx, func(tx *store.Tx) error {
		users, err := store.ListUsers(ctx, tx)
		if err != nil {
			return err
		}
		text := r.URL
		if r.LastError != "" {
			text += " · " + truncate(r.LastError, 300)
		}
		for _, u := range users {
			if Role(u.Role) != RoleAdmin || u.Disabled() {
				continue
			}
			if muted, err := store.NotificationMuted(ctx, tx, u.ID, "replica_failing"); err != nil || muted {
				if err != nil {
					return err
				}
				continue
			}
			n := store.Notification{ID: a.cfg.NewID(), UserID: u.ID, Kind: "replica_failing", Text: text, Link: "/settings#backup"}
			if err := store.InsertNotification(ctx, tx, n); err != nil {
				return err
			}
		}
		return nil
	})
}
