package request_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/request"
)

func TestPerUserLimit(t *testing.T) {
	is := is.New(t)
	release := make(chan struct{})
	started := make(chan string, 8)
	var mu sync.Mutex
	var refused []error
	h := request.PerUserLimit(2, 1, func(w http.ResponseWriter, r *http.Request, err error) {
		mu.Lock()
		refused = append(refused, err)
		mu.Unlock()
		w.WriteHeader(http.StatusTooManyRequests)
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- request.CurrentUser(r).ID
		<-release
	}))
	as := func(ctx context.Context, id string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/search?q=x", nil).WithContext(ctx)
		return r.WithContext(request.WithSessionValue(r.Context(), &app.Session{User: &app.User{ID: id}}))
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), as(t.Context(), "ana")) })
	}
	<-started
	<-started

	third := httptest.NewRecorder()
	wg.Go(func() { h.ServeHTTP(third, as(t.Context(), "ana")) }) // waits its turn
	time.Sleep(50 * time.Millisecond)
	select {
	case <-started:
		t.Fatal("a third request of ana's ran beside her two")
	default:
	}

	fourth := httptest.NewRecorder()
	h.ServeHTTP(fourth, as(t.Context(), "ana"))
	is.Equal(fourth.Code, http.StatusTooManyRequests) // past the waiting room: refused at once
	mu.Lock()
	is.Equal(app.ErrorCode(refused[0]), app.ETooMany) // as too many, with a wait
	mu.Unlock()

	wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), as(t.Context(), "bo")) })
	is.Equal(<-started, "bo") // another user is not held back by ana's

	close(release)
	is.Equal(<-started, "ana") // ana's third ran once a slot was free
	wg.Wait()
	is.Equal(third.Code, http.StatusOK)
}

func TestPerUserLimitStopsWaitingForAClientThatLeft(t *testing.T) {
	is := is.New(t)
	release := make(chan struct{})
	defer close(release)
	var got error
	h := request.PerUserLimit(1, 4, func(w http.ResponseWriter, r *http.Request, err error) { got = err })(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	r := func(ctx context.Context) *http.Request {
		req := httptest.NewRequest(http.MethodGet, "/search?q=x", nil).WithContext(ctx)
		return req.WithContext(request.WithSessionValue(req.Context(), &app.Session{User: &app.User{ID: "ana"}}))
	}
	go h.ServeHTTP(httptest.NewRecorder(), r(t.Context()))
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	h.ServeHTTP(httptest.NewRecorder(), r(ctx)) // waits, then its client leaves
	is.True(got == context.DeadlineExceeded)    // it stops waiting and says why
}
