package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
)

// ReplicaSyncInterval is how long a committed transaction may wait
// before Litestream has shipped it to the first replica: what a dead disk
// can lose, as long as the replica answers and keeps up.
const ReplicaSyncInterval = time.Second

// replication runs Litestream inside the process for one database file.
// Litestream v0.5 keeps one replica per database, so the first URL is
// Litestream's own replica (with its compactions, snapshots and
// retention) and every further URL is a mirror that receives a copy of
// the same files (replicate_mirror.go): each can restore on its own.
//
// Litestream's rules for a library: it opens before the application's
// connections and closes after them (store.Open and DB.Close keep that
// order), and it owns the checkpoints: it holds a read transaction so
// that no one else checkpoints past what it has shipped, so Rolo's own
// TRUNCATE checkpoints go through it (checkpoint below).
type replication struct {
	db      *litestream.DB
	store   *litestream.Store
	primary *trackedClient
	mirrors []*mirror
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

// startReplication opens Litestream on path before the application opens
// it. A target that cannot be reached does not stop it: the replica shows
// as failing and Litestream retries.
func startReplication(ctx context.Context, path string, urls []string, interval time.Duration) (*replication, error) {
	if interval <= 0 {
		interval = ReplicaSyncInterval
	}
	clients := make([]*trackedClient, len(urls))
	for i, u := range urls {
		c, err := newReplicaClient(u)
		if err != nil {
			return nil, fmt.Errorf("replica %s: %w", RedactReplicaURL(u), err)
		}
		clients[i] = newTrackedClient(c, RedactReplicaURL(u))
	}
	logger := slog.Default().With("component", "replication")
	lsdb := litestream.NewDB(path)
	lsdb.Logger = logger
	// A transaction reaches a replica in two steps, each on its own
	// clock: Litestream takes it from the log (MonitorInterval) and then
	// uploads it (SyncInterval, at most that often). Splitting interval
	// between the two keeps the sum, what a dead disk may lose, within it.
	lsdb.MonitorInterval = interval / 10
	lsdb.BusyTimeout = 5 * time.Second // as Rolo's own connections
	lsdb.ShutdownSyncTimeout = 10 * time.Second
	replica := litestream.NewReplicaWithClient(lsdb, clients[0])
	replica.SyncInterval = interval / 4
	// A target wiped while Rolo ran (a NAS reformatted) otherwise stays
	// stuck on the missing files; resetting starts it over from a snapshot.
	replica.AutoRecoverEnabled = true
	if fc, ok := clients[0].ReplicaClient.(*file.ReplicaClient); ok {
		fc.Replica = replica // keeps the database file's owner and mode on the copies
	}
	lsdb.Replica = replica
	levels := litestream.CompactionLevels{
		{Level: 0},
		{Level: 1, Interval: 30 * time.Second},
		{Level: 2, Interval: 5 * time.Minute},
		{Level: 3, Interval: time.Hour},
	}
	lstore := litestream.NewStore([]*litestream.DB{lsdb}, levels)
	lstore.Logger = logger
	lstore.CompactionMonitorEnabled = true
	// A daily snapshot kept for a week: the oldest point a restore can reach.
	lstore.SnapshotInterval = 24 * time.Hour
	lstore.SnapshotRetention = 7 * 24 * time.Hour
	lstore.SetShutdownSyncTimeout(10 * time.Second)
	if err := lstore.Open(ctx); err != nil {
		return nil, fmt.Errorf("start replication: %w", err)
	}
	r := &replication{db: lsdb, store: lstore, primary: clients[0]}
	mctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	r.stop = stop
	for _, c := range clients[1:] {
		m := &mirror{src: clients[0], dst: c, interval: interval, logger: logger.With("replica", c.url)}
		r.mirrors = append(r.mirrors, m)
		r.wg.Add(1)
		go func() { defer r.wg.Done(); m.run(mctx) }()
	}
	for _, c := range clients {
		logger.Info("replicating", "replica", c.url, "every", interval)
	}
	return r, nil
}

// checkpoint folds the write-ahead log into the database file through
// Litestream, which first ships what the log holds and then lets go of
// its read transaction for the checkpoint.
func (r *replication) checkpoint(ctx context.Context) error {
	return r.db.Checkpoint(ctx, "TRUNCATE")
}

// close ships what is left and stops; the application's connections must
// be closed already. The mirrors get a last pass so a clean stop leaves
// every replica complete.
func (r *replication) close(ctx context.Context) error {
	err := r.store.Close(ctx)
	r.stop()
	r.wg.Wait()
	for _, m := range r.mirrors {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		if merr := m.once(cctx); merr != nil {
			err = errors.Join(err, fmt.Errorf("replica %s: %w", m.dst.url, merr))
		}
		cancel()
	}
	return err
}

// localTXID is the last transaction Litestream has taken from the log.
func (r *replication) localTXID() uint64 {
	pos, err := r.db.Pos()
	if err != nil {
		return 0
	}
	return uint64(pos.TXID)
}

// pendingSince is when the first transaction after txid was taken from
// the log: how long a replica at txid has been behind. Zero when it is
// not behind or the file is gone.
func (r *replication) pendingSince(txid uint64) time.Time {
	if txid >= r.localTXID() {
		return time.Time{}
	}
	info, err := os.Stat(r.db.LTXPath(0, ltxTXID(txid+1), ltxTXID(txid+1)))
	if err != nil {
		return time.Time{}
	}
	return info.ModTime()
}

// litestreamManaged tells whether Litestream keeps its files beside the
// database at path (".NAME-litestream"): a serve with --replicate ships
// it, or did.
func litestreamManaged(path string) bool {
	dir, name := filepath.Split(path)
	_, err := os.Stat(filepath.Join(dir, "."+name+litestream.MetaDirSuffix))
	return err == nil
}
