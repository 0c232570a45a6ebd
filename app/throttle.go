package app

import (
	"sync"
	"time"
)

// Failed logins are counted per account and per client address within a
// window. Past slowAfter failures each attempt waits a little longer; past
// the lock limits the key is refused until the window has passed. The
// address limit is higher because an office shares one address.
const (
	throttleWindow     = 15 * time.Minute
	throttleSlowAfter  = 3
	throttleStep       = 500 * time.Millisecond
	throttleMaxDelay   = 4 * time.Second
	accountLockAfter   = 10
	addressLockAfter   = 30
	throttleMaxEntries = 100_000 // bounds memory under a flood of random names
)

type failures struct {
	count int
	first time.Time
}

// loginThrottle lives in memory: it needs no write per attempt, and a
// restart forgiving the count is acceptable for a laptop or office server.
type loginThrottle struct {
	mu   sync.Mutex
	keys map[string]*failures
}

func newLoginThrottle() *loginThrottle { return &loginThrottle{keys: map[string]*failures{}} }

func (t *loginThrottle) current(key string, now time.Time) int {
	f := t.keys[key]
	if f == nil {
		return 0
	}
	if now.Sub(f.first) > throttleWindow {
		delete(t.keys, key)
		return 0
	}
	return f.count
}

// check returns how long to slow this attempt down and, when the account or
// address is locked, how long until it may try again.
func (t *loginThrottle) check(account, address string, now time.Time) (delay, retryAfter time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	acc, addr := t.current("a:"+account, now), t.current("i:"+address, now)
	if acc >= accountLockAfter {
		return 0, t.keys["a:"+account].first.Add(throttleWindow).Sub(now)
	}
	if addr >= addressLockAfter {
		return 0, t.keys["i:"+address].first.Add(throttleWindow).Sub(now)
	}
	worst := max(acc, addr)
	if worst >= throttleSlowAfter {
		delay = min(time.Duration(worst-throttleSlowAfter+1)*throttleStep, throttleMaxDelay)
	}
	return delay, 0
}

func (t *loginThrottle) fail(account, address string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.keys) > throttleMaxEntries {
		for k, f := range t.keys {
			if now.Sub(f.first) > throttleWindow {
				delete(t.keys, k)
			}
		}
	}
	for _, key := range []string{"a:" + account, "i:" + address} {
		if t.current(key, now) == 0 {
			t.keys[key] = &failures{first: now}
		}
		t.keys[key].count++
	}
}

// succeed forgets the account's failures; the address keeps its count so a
// valid login cannot be used to reset guessing at other accounts.
func (t *loginThrottle) succeed(account string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, "a:"+account)
}
