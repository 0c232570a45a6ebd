package cli

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"
)

// idleQuiet is how long the server must go without a request before it
// hands back memory (idleTrimmer).
const idleQuiet = 10 * time.Second

// idleTrimmer hands back memory when the server falls quiet after
// serving (release: releaseIdleMemory). The Go runtime keeps freed memory
// for reuse and returns it only slowly: one sign-in left the 19 MiB of its
// password hash resident (app/password.go), and a burst of requests the
// heap it grew and the readers it opened, each with its page cache, long
// after the last request. A quiet server pays one collection of its few
// megabytes for each quiet spell.
type idleTrimmer struct {
	release  func()
	inFlight atomic.Int64
	seen     atomic.Int64 // requests started or finished since start-up
	// last and released are what due saw at the previous interval's end
	// and at the last release; only run's goroutine reads them.
	last, released int64
}

// wrap counts the requests h serves.
func (t *idleTrimmer) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.inFlight.Add(1)
		t.seen.Add(1)
		defer func() {
			t.inFlight.Add(-1)
			t.seen.Add(1)
		}()
		h.ServeHTTP(w, r)
	})
}

// run releases once after each spell of requests, at the end of the
// first whole quiet interval, until ctx ends.
func (t *idleTrimmer) run(ctx context.Context, quiet time.Duration) {
	tick := time.NewTicker(quiet)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if t.due() {
			t.release()
			slog.Debug("quiet: closed the idle readers and returned the heap's garbage")
		}
	}
}

// due tells, at the end of an interval, whether to release now: no request started or finished during the interval, none is in
// flight, and some were served since the last time.
func (t *idleTrimmer) due() bool {
	seen := t.seen.Load()
	if seen != t.last { // requests in this interval: wait for a quiet one
		t.last = seen
		return false
	}
	if seen == t.released || t.inFlight.Load() > 0 {
		return false
	}
	t.released = seen
	return true
}
