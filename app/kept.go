package app

import (
	"context"
	"sync"

	"rolo/store"
)

// What a server keeps in memory between requests (issue 18): each value
// is kept with the change count it was read at (store.ChangeCounts,
// raised by triggers whoever writes), and used only while the count is
// the same. A request reads the counts once (WithRequestMemo), so the
// session, the tags, the team and the custom fields of one page cost one
// small read between them instead of one each.

// keptByKey holds values by key, each with the counts it was read at.
// It forgets everything when it is full rather than tracking use: what
// it holds is cheap to read again.
type keptByKey[K comparable, V any] struct {
	mu     sync.Mutex
	values map[K]keptValue[V]
}

type keptValue[V any] struct {
	counts [2]int64
	value  V
}

// keptLimit bounds each keptByKey: sessions and tags are per user and
// per name, and a stream of new ones must not grow the server.
const keptLimit = 4096

func (k *keptByKey[K, V]) get(key K, counts [2]int64) (V, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.values[key]
	if !ok || v.counts != counts {
		var zero V
		return zero, false
	}
	return v.value, true
}

func (k *keptByKey[K, V]) put(key K, counts [2]int64, value V) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.values == nil || len(k.values) >= keptLimit {
		k.values = map[K]keptValue[V]{}
	}
	k.values[key] = keptValue[V]{counts: counts, value: value}
}

// read is the value kept for key at counts, or what read gives, kept
// unless it failed (a name that finds nothing is read again next time:
// made-up names must not fill memory, and a record made later must be
// found at once).
func (k *keptByKey[K, V]) read(key K, counts [2]int64, read func() (V, error)) (V, error) {
	if v, ok := k.get(key, counts); ok {
		return v, nil
	}
	v, err := read()
	if err == nil {
		k.put(key, counts, v)
	}
	return v, err
}

func (k *keptByKey[K, V]) forget(key K) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.values, key)
}

type memoKey struct{}

// requestMemo is one request's change counts, with how many writes this
// process had committed when they were read.
type requestMemo struct {
	mu     sync.Mutex
	read   bool
	writes uint64
	counts store.ChangeCounts
}

// WithRequestMemo gives ctx a place for one request's change counts; the
// server calls it once per request. Without it the counts are read each
// time they are needed, which is right, only slower.
func WithRequestMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &requestMemo{})
}

// changeCounts are the counts as this request read them; read again when
// this process has committed a write since, so that a request sees its
// own changes.
func (a *App) changeCounts(ctx context.Context) (store.ChangeCounts, error) {
	m, _ := ctx.Value(memoKey{}).(*requestMemo)
	if m == nil {
		return store.ReadChangeCounts(ctx, a.db.Reader())
	}
	// Writes is taken before the read: a write in between leaves the memo
	// with newer counts than it says, which only makes the next call read
	// again.
	writes := a.db.Writes()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.read && m.writes == writes {
		return m.counts, nil
	}
	c, err := store.ReadChangeCounts(ctx, a.db.Reader())
	if err != nil {
		return c, err
	}
	m.read, m.writes, m.counts = true, writes, c
	return c, nil
}
