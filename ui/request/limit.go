package request

import (
	"net/http"
	"sync"
	"time"

	"rolo/app"
)

// ErrBusy answers a user who already has as many expensive requests
// running as PerUserLimit allows.
var ErrBusy = &app.Error{Code: app.ETooMany, Message: "error.busy", RetryAfter: time.Second}

// PerUserLimit lets each signed-in user (or API key) run at most n of the
// wrapped requests at once — searches and filtered lists, whose cost grows
// with the query — so one user, a viewer too, cannot occupy every core.
// One more is refused at once with refuse(ErrBusy) (429, Retry-After);
// it does not queue, so a client that retries in a loop gains nothing.
func PerUserLimit(n int, refuse func(http.ResponseWriter, *http.Request, error)) func(http.Handler) http.Handler {
	var mu sync.Mutex
	running := map[string]int{}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			who := ""
			if u := CurrentUser(r); u != nil {
				who = u.ID
			}
			mu.Lock()
			if running[who] >= n {
				mu.Unlock()
				refuse(w, r, ErrBusy)
				return
			}
			running[who]++
			mu.Unlock()
			defer func() {
				mu.Lock()
				if running[who]--; running[who] == 0 {
					delete(running, who)
				}
				mu.Unlock()
			}()
			next.ServeHTTP(w, r)
		})
	}
}
