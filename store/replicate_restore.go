package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/benbjohnson/litestream"
)

// ErrNoReplica is a replica target that holds nothing to restore.
var ErrNoReplica = errors.New("the replica holds no copy of a database yet")

// RestoreReplica writes the database as the replica at rawURL held it at
// the moment at (the latest when zero) to dest, a file that must not
// exist yet. Litestream writes it under a temporary name and renames it
// when complete; the caller checks it before use.
func RestoreReplica(ctx context.Context, rawURL, dest string, at time.Time) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", dest)
	}
	client, err := newReplicaClient(rawURL)
	if err != nil {
		return fmt.Errorf("replica %s: %w", RedactReplicaURL(rawURL), err)
	}
	if err := client.Init(ctx); err != nil {
		return fmt.Errorf("replica %s: %w", RedactReplicaURL(rawURL), err)
	}
	replica := litestream.NewReplicaWithClient(nil, client)
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = dest
	opt.Timestamp = at
	opt.IntegrityCheck = litestream.IntegrityCheckFull
	if !at.IsZero() {
		// A timestamp outside what the replica holds is refused by name,
		// instead of Litestream's bare "timestamp does not exist".
		var st ReplicaStatus
		inspectTarget(ctx, client, &st)
		if st.Oldest.IsZero() {
			return ErrNoReplica
		}
		if at.Before(st.Oldest) {
			return fmt.Errorf("the replica reaches back to %s only; choose --at after that", st.Oldest.UTC().Format(time.RFC3339))
		}
	}
	slog.Debug("restoring from replica", "replica", RedactReplicaURL(rawURL), "at", at, "to", dest)
	if err := replica.Restore(ctx, opt); err != nil {
		if errors.Is(err, litestream.ErrTxNotAvailable) || errors.Is(err, litestream.ErrNoSnapshots) {
			return ErrNoReplica
		}
		return fmt.Errorf("restore from %s: %w", RedactReplicaURL(rawURL), err)
	}
	return nil
}
