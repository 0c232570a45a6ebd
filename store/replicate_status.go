package store

import (
	"context"
	"os"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"
)

// ReplicaStatus is how one replica stands.
type ReplicaStatus struct {
	URL          string // without secrets
	Mirror       bool   // a copy of the first replica (see replication)
	TXID         uint64 // last transaction the replica holds
	LocalTXID    uint64 // last transaction taken from the database's log
	LastSync     time.Time
	BehindSince  time.Time // the oldest transaction the replica lacks; zero when in sync
	FailingSince time.Time // zero while the target answers
	LastError    string
	Oldest       time.Time // the oldest point a restore can reach
	Latest       time.Time // the newest
}

// Replicas reports each replica of a database opened with Replicate;
// nil without replication. It never waits on a target: each target's
// files are listed in the background (at most every probeEvery), so a
// target that stopped answering shows up even when nothing is written,
// and a slow one does not hold up a page.
func (db *DB) Replicas(ctx context.Context) []ReplicaStatus {
	if db.repl == nil {
		return nil
	}
	r := db.repl
	targets := []*trackedClient{r.primary}
	for _, m := range r.mirrors {
		targets = append(targets, m.dst)
	}
	local := r.localTXID()
	var list []ReplicaStatus
	for i, c := range targets {
		st := c.probed()
		st.Mirror, st.LocalTXID = i > 0, local
		lastOK, failing, lastErr, txid := c.state()
		st.LastSync, st.FailingSince = lastOK, failing
		if lastErr != "" {
			st.LastError = lastErr
		}
		if i == 0 {
			if pos := r.db.Replica.Pos(); pos.TXID > txid {
				txid = pos.TXID
			}
		}
		st.TXID = max(uint64(txid), st.TXID)
		st.BehindSince = r.pendingSince(st.TXID)
		if st.BehindSince.IsZero() && st.TXID < local {
			st.BehindSince = lastOK // its log file is gone: count from the last success
		}
		list = append(list, st)
	}
	return list
}

// probeEvery is how often a status request may list a target's files.
const probeEvery = 5 * time.Second

// probed returns what the last listing of the target found and starts a
// new one when that is older than probeEvery.
func (c *trackedClient) probed() ReplicaStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Sooner when the target received files since: its range has moved.
	stale := time.Since(c.probedAt) > probeEvery || (time.Since(c.probedAt) > time.Second && uint64(c.maxTXID) > c.probe.TXID)
	if !c.probing && stale {
		c.probing = true
		go func() {
			st := ReplicaStatus{URL: c.url}
			st.TXID = inspectTarget(context.Background(), c, &st)
			st.LastError = "" // a failed listing is in the client's own record
			c.mu.Lock()
			c.probe, c.probedAt, c.probing = st, time.Now(), false
			c.mu.Unlock()
		}()
	}
	st := c.probe
	st.URL = c.url
	return st
}

// inspectTarget lists a replica's files: the oldest and newest points it
// can restore to, and the last transaction it holds (returned).
func inspectTarget(ctx context.Context, c litestream.ReplicaClient, st *ReplicaStatus) uint64 {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var maxTXID ltx.TXID
	for level := litestream.SnapshotLevel; level >= 0; level-- {
		files, err := listLTX(ctx, c, level)
		if err != nil {
			if st.LastError == "" {
				st.LastError = err.Error()
			}
			return uint64(maxTXID)
		}
		for _, f := range files {
			maxTXID = max(maxTXID, f.MaxTXID)
			// A restore starts from a file that holds the whole database:
			// a snapshot, or any level's file from the first transaction.
			if (level == litestream.SnapshotLevel || f.MinTXID == 1) && (st.Oldest.IsZero() || f.CreatedAt.Before(st.Oldest)) {
				st.Oldest = f.CreatedAt
			}
			if f.CreatedAt.After(st.Latest) {
				st.Latest = f.CreatedAt
			}
		}
	}
	return uint64(maxTXID)
}

// InspectReplica reads a replica target without a running server, for
// `rolo replicas`: its position, its restorable range and, when the local
// database has Litestream's files beside it, how far behind it is.
func InspectReplica(ctx context.Context, dbPath, rawURL string) ReplicaStatus {
	st := ReplicaStatus{URL: RedactReplicaURL(rawURL)}
	client, err := newReplicaClient(rawURL)
	if err != nil {
		st.LastError = err.Error()
		return st
	}
	if err := client.Init(ctx); err != nil {
		st.LastError, st.FailingSince = err.Error(), time.Now()
		return st
	}
	st.TXID = inspectTarget(ctx, client, &st)
	if st.LastError != "" {
		st.FailingSince = time.Now()
		return st
	}
	st.LastSync = st.Latest
	// Litestream keeps each transaction it takes from the log as a file
	// beside the database until the replica has compacted it.
	local := litestream.NewDB(dbPath)
	if files, err := localLTX(local); err == nil {
		for _, f := range files {
			st.LocalTXID = max(st.LocalTXID, uint64(f.txid))
			if uint64(f.txid) == st.TXID+1 {
				st.BehindSince = f.mod
			}
		}
	}
	return st
}

type localFile struct {
	txid ltx.TXID
	mod  time.Time
}

// localLTX lists Litestream's level-0 files beside the database.
func localLTX(db *litestream.DB) ([]localFile, error) {
	entries, err := os.ReadDir(db.LTXLevelDir(0))
	if err != nil {
		return nil, err
	}
	var files []localFile
	for _, e := range entries {
		_, maxTXID, err := ltx.ParseFilename(e.Name())
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		files = append(files, localFile{maxTXID, info.ModTime()})
	}
	return files, nil
}
