package store

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"
)

// trackedClient wraps a Litestream replica client to remember how its
// target is doing: Litestream retries a failing target by itself but
// keeps no record a page could show.
type trackedClient struct {
	litestream.ReplicaClient
	url string // redacted

	mu           sync.Mutex
	lastOK       time.Time // last call that reached the target
	failingSince time.Time // zero while the target answers
	lastErr      string
	writeFailed  bool     // the last failure was a write: a listing alone does not clear it
	maxTXID      ltx.TXID // highest transaction written or seen at level 0

	probe    ReplicaStatus // what the last listing found (replicate_status.go)
	probedAt time.Time
	probing  bool
}

func newTrackedClient(c litestream.ReplicaClient, url string) *trackedClient {
	return &trackedClient{ReplicaClient: c, url: url}
}

func (c *trackedClient) record(err error, write bool) {
	if err == nil || err == context.Canceled {
		if err == nil {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.lastOK = time.Now()
			if write || !c.writeFailed {
				c.failingSince, c.writeFailed = time.Time{}, false
			}
		}
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failingSince.IsZero() {
		c.failingSince = time.Now()
	}
	c.lastErr = err.Error()
	c.writeFailed = c.writeFailed || write
}

func (c *trackedClient) seen(txid ltx.TXID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.maxTXID = max(c.maxTXID, txid)
}

// Init never fails the start of serve: a target that is down at start is
// shown failing and retried like one that goes down later.
func (c *trackedClient) Init(ctx context.Context) error {
	c.record(c.ReplicaClient.Init(ctx), false)
	return nil
}

func (c *trackedClient) LTXFiles(ctx context.Context, level int, seek ltx.TXID, useMetadata bool) (ltx.FileIterator, error) {
	itr, err := c.ReplicaClient.LTXFiles(ctx, level, seek, useMetadata)
	if err != nil {
		c.record(err, false)
		return nil, err
	}
	return &trackedIterator{FileIterator: itr, c: c}, nil
}

// trackedIterator records how a listing ended: S3 asks for the pages of
// a listing while it is iterated, so its errors come from Next and Close.
type trackedIterator struct {
	ltx.FileIterator
	c    *trackedClient
	done bool
}

func (it *trackedIterator) Next() bool {
	if it.FileIterator.Next() {
		return true
	}
	if !it.done {
		it.done = true
		it.c.record(it.FileIterator.Err(), false)
	}
	return false
}

func (it *trackedIterator) Close() error {
	err := it.FileIterator.Close()
	if err != nil || !it.done {
		it.done = true
		if err != nil {
			it.c.record(err, false)
		}
	}
	return err
}

func (c *trackedClient) OpenLTXFile(ctx context.Context, level int, minTXID, maxTXID ltx.TXID, offset, size int64) (io.ReadCloser, error) {
	r, err := c.ReplicaClient.OpenLTXFile(ctx, level, minTXID, maxTXID, offset, size)
	c.record(err, false)
	return r, err
}

func (c *trackedClient) WriteLTXFile(ctx context.Context, level int, minTXID, maxTXID ltx.TXID, r io.Reader) (*ltx.FileInfo, error) {
	info, err := c.ReplicaClient.WriteLTXFile(ctx, level, minTXID, maxTXID, r)
	c.record(err, true)
	if err == nil {
		c.seen(maxTXID)
	}
	return info, err
}

func (c *trackedClient) DeleteLTXFiles(ctx context.Context, a []*ltx.FileInfo) error {
	err := c.ReplicaClient.DeleteLTXFiles(ctx, a)
	c.record(err, true)
	return err
}

// state is a copy of what the client has seen.
func (c *trackedClient) state() (lastOK, failingSince time.Time, lastErr string, txid ltx.TXID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failingSince.IsZero() {
		return c.lastOK, time.Time{}, c.lastErr, c.maxTXID
	}
	return c.lastOK, c.failingSince, c.lastErr, c.maxTXID
}
