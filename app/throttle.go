package app

import (
	"strings"
	"sync"
	"time"
)

// Failed logins are counted within a window per client address and
// account together, per address, and per account. A pair or an address
// past its lock limit is refused until the window has passed: one place
// guessing at one account, or at many. An account is never locked by its
// own count, or a stranger could lock anyone out, the admin included, by
// typing their email wrongly; past accountSlowAfter failures from
// anywhere each attempt on it only waits longer. Past slowAfter failures
// of a pair or an address, each attempt waits a little longer too. The
// address limit is higher because an office shares one address.
const (
	throttleWindow     = 15 * time.Minute
	throttleSlowAfter  = 3
	throttleStep       = 500 * time.Millisecond
	throttleMaxDelay   = 4 * time.Second
	pairLockAfter      = 10
	addressLockAfter   = 30
	accountSlowAfter   = 30
	accountMaxDelay    = 10 * time.Second
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

func accountKey(account string) string       { return "a:" + account }
func addressKey(address string) string       { return "i:" + address }
func pairKey(address, account string) string { return "p:" + address + "\x00" + account }

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

// check returns how long to slow this attempt down and, when the pair or
// the address is locked, how long until it may try again.
func (t *loginThrottle) check(account, address string, now time.Time) (delay, retryAfter time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	pair, addr, acc := t.current(pairKey(address, account), now), t.current(addressKey(address), now), t.current(accountKey(account), now)
	if pair >= pairLockAfter {
		return 0, t.keys[pairKey(address, account)].first.Add(throttleWindow).Sub(now)
	}
	if addr >= addressLockAfter {
		return 0, t.keys[addressKey(address)].first.Add(throttleWindow).Sub(now)
	}
	if worst := max(pair, addr); worst >= throttleSlowAfter {
		delay = min(time.Duration(worst-throttleSlowAfter+1)*throttleStep, throttleMaxDelay)
	}
	if acc >= accountSlowAfter {
		delay = max(delay, min(time.Duration(acc-accountSlowAfter+1)*throttleStep, accountMaxDelay))
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
	for _, key := range []string{pairKey(address, account), addressKey(address), accountKey(account)} {
		if t.current(key, now) == 0 {
			t.keys[key] = &failures{first: now}
		}
		t.keys[key].count++
	}
}

// succeed forgets the account's failures, from this address and overall;
// the address keeps its count so a valid login cannot be used to reset
// guessing at other accounts.
func (t *loginThrottle) succeed(account, address string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, pairKey(address, account))
	delete(t.keys, accountKey(account))
}

// unlock forgets every failure counted against the account, from every
// address, and returns whether it was locked anywhere.
func (t *loginThrottle) unlock(account string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	locked := false
	for k := range t.keys {
		if strings.HasPrefix(k, "p:") && strings.HasSuffix(k, "\x00"+account) {
			locked = locked || t.current(k, now) >= pairLockAfter
			delete(t.keys, k)
		}
	}
	delete(t.keys, accountKey(account))
	return locked
}

// lockedUntil gives the accounts locked from some address, with when the
// last of their locks ends.
func (t *loginThrottle) lockedUntil(now time.Time) map[string]time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := map[string]time.Time{}
	for k, f := range t.keys {
		rest, ok := strings.CutPrefix(k, "p:")
		if !ok || t.current(k, now) < pairLockAfter {
			continue
		}
		_, account, _ := strings.Cut(rest, "\x00")
		if until := f.first.Add(throttleWindow); until.After(out[account]) {
			out[account] = until
		}
	}
	return out
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
