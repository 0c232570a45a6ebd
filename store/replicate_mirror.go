package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"
)

func ltxTXID(n uint64) ltx.TXID { return ltx.TXID(n) }

// mirror keeps a second replica holding the same LTX files as the first.
// LTX files never change once written (a name is a level and a range of
// transactions), so copying the ones missing and deleting the ones the
// first replica dropped makes the second restorable on its own. Snapshots
// and higher levels are copied before level 0, so a mirror cut off midway
// still restores to a consistent point.
type mirror struct {
	src, dst *trackedClient
	interval time.Duration
	logger   *slog.Logger
}

func (m *mirror) run(ctx context.Context) {
	t := time.NewTicker(m.interval)
	defer t.Stop()
	backoff, failures := m.interval, 0
	for {
		err := m.once(ctx)
		wait := m.interval
		if err != nil && ctx.Err() == nil {
			failures++
			if failures == 1 || failures%60 == 0 {
				m.logger.Error("replica mirror failing", "err", err, "failures", failures)
			}
			// Back off as Litestream does, up to a minute.
			backoff = min(backoff*2, time.Minute)
			wait = backoff
		} else if failures > 0 {
			m.logger.Info("replica mirror recovered", "after_failures", failures)
			failures, backoff = 0, m.interval
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// once copies what the source has and the mirror lacks, then deletes
// what the source no longer has.
func (m *mirror) once(ctx context.Context) error {
	type level struct {
		n        int
		src, dst []*ltx.FileInfo
	}
	var levels []level
	for n := litestream.SnapshotLevel; n >= 0; n-- {
		// The mirror first, so that its own trouble shows even while the
		// first replica is out of reach too. Reads of the first replica go
		// past its tracking: the mirror's trouble is not the first one's.
		dst, err := listLTX(ctx, m.dst, n)
		if err != nil {
			return err
		}
		src, err := listLTX(ctx, m.src.ReplicaClient, n)
		if err != nil {
			return fmt.Errorf("read the first replica: %w", err)
		}
		levels = append(levels, level{n, src, dst})
	}
	for _, lv := range levels {
		have := map[[2]ltx.TXID]bool{}
		for _, f := range lv.dst {
			have[[2]ltx.TXID{f.MinTXID, f.MaxTXID}] = true
		}
		for _, f := range lv.src {
			if have[[2]ltx.TXID{f.MinTXID, f.MaxTXID}] {
				if lv.n == 0 {
					m.dst.seen(f.MaxTXID)
				}
				continue
			}
			if err := m.copy(ctx, f); err != nil {
				return err
			}
		}
	}
	for _, lv := range levels {
		keep := map[[2]ltx.TXID]bool{}
		for _, f := range lv.src {
			keep[[2]ltx.TXID{f.MinTXID, f.MaxTXID}] = true
		}
		var drop []*ltx.FileInfo
		for _, f := range lv.dst {
			if !keep[[2]ltx.TXID{f.MinTXID, f.MaxTXID}] {
				drop = append(drop, f)
			}
		}
		if len(drop) > 0 {
			if err := m.dst.DeleteLTXFiles(ctx, drop); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *mirror) copy(ctx context.Context, f *ltx.FileInfo) error {
	rd, err := m.src.ReplicaClient.OpenLTXFile(ctx, f.Level, f.MinTXID, f.MaxTXID, 0, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil // compacted away since the listing; the next pass sees what replaced it
	} else if err != nil {
		return fmt.Errorf("read the first replica: %w", err)
	}
	defer rd.Close()
	if _, err := m.dst.WriteLTXFile(ctx, f.Level, f.MinTXID, f.MaxTXID, rd); err != nil {
		return err
	}
	return nil
}

func listLTX(ctx context.Context, c litestream.ReplicaClient, level int) ([]*ltx.FileInfo, error) {
	itr, err := c.LTXFiles(ctx, level, 0, false)
	if err != nil {
		return nil, err
	}
	defer itr.Close()
	return ltx.SliceFileIterator(itr)
}
