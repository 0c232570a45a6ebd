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

// Web-form submissions are counted in formWindow per form and sending
// address (one visitor), per form (a flood from many addresses) and per
// email address sent (someone posting a known customer's address again and
// again, from anywhere). A submission past any of these is refused with
// ETooMany.
const (
	formWindow     = 10 * time.Minute
	formPerAddress = 5
	formPerForm    = 200
	formPerEmail   = 3
	formMaxKeys    = 30_000 // bounds memory under a flood of addresses
)

// formKey is one count a submission adds to, and its limit.
type formKey struct {
	key   string
	limit int
}

func formKeys(formID, client, email string) []formKey {
	return []formKey{{"f:" + formID + "|" + client, formPerAddress}, {"f:" + formID, formPerForm}, {"e:" + email, formPerEmail}}
}

// formLimiter counts recent submissions in memory: a restart forgetting
// them is harmless.
type formLimiter struct {
	mu   sync.Mutex
	seen map[string][]time.Time
}

// allow counts a submission under every key, unless one of them is at its
// limit: then nothing is counted, and retry says when that key's oldest
// submission leaves the window.
func (l *formLimiter) allow(now time.Time, keys ...formKey) (ok bool, retry time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil || len(l.seen) > formMaxKeys {
		l.seen = map[string][]time.Time{}
	}
	for _, k := range keys {
		recent := l.seen[k.key][:0]
		for _, t := range l.seen[k.key] {
			if now.Sub(t) < formWindow {
				recent = append(recent, t)
			}
		}
		if len(recent) == 0 {
			delete(l.seen, k.key)
		} else {
			l.seen[k.key] = recent
		}
		if len(recent) >= k.limit {
			retry = max(retry, formWindow-now.Sub(recent[0]))
		}
	}
	if retry > 0 {
		return false, retry
	}
	for _, k := range keys {
		l.seen[k.key] = append(l.seen[k.key], now)
	}
	return true, 0
}
