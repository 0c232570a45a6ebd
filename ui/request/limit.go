package request

import (
	"net/http"
	"sync"
	"time"

	"rolo/app"
)

// ErrBusy answers a user who already has as many expensive requests
// running and waiting as PerUserLimit allows.
var ErrBusy = &app.Error{Code: app.ETooMany, Message: "error.busy", RetryAfter: time.Second}

// PerUserLimit lets each signed-in user (or API key's owner) run at most
// running of the wrapped requests at once — searches, filtered lists and
// reports, whose cost grows with what they ask — so one user, a viewer
// too, cannot occupy every core while the team waits. More wait their
// turn (on two cores they would not finish sooner anyway), up to waiting
// of them; past that, or when the client leaves while waiting, the request
// is refused with refuse(err): ErrBusy (429, Retry-After) or the context's
// error.
func PerUserLimit(running, waiting int, refuse func(http.ResponseWriter, *http.Request, error)) func(http.Handler) http.Handler {
	var mu sync.Mutex
	type turn struct {
		slots   chan struct{}
		waiting int
	}
	turns := map[string]*turn{}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			who := ""
			if u := CurrentUser(r); u != nil {
				who = u.ID
			}
			mu.Lock()
			t := turns[who]
			if t == nil {
				t = &turn{slots: make(chan struct{}, running)}
				turns[who] = t
			}
			select {
			case t.slots <- struct{}{}: // a free slot: no wait
				mu.Unlock()
			default:
				if t.waiting >= waiting {
					mu.Unlock()
					refuse(w, r, ErrBusy)
					return
				}
				t.waiting++
				mu.Unlock()
				acquired := false
				select {
				case t.slots <- struct{}{}:
					acquired = true
				case <-r.Context().Done():
				}
				mu.Lock()
				t.waiting--
				mu.Unlock()
				if !acquired {
					refuse(w, r, r.Context().Err())
					return
				}
			}
			defer func() { <-t.slots }()
			next.ServeHTTP(w, r)
		})
	}
}
