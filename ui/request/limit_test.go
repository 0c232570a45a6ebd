package request_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/request"
)

func TestPerUserLimit(t *testing.T) {
	is := is.New(t)
	release := make(chan struct{})
	started := make(chan struct{}, 8)
	var refused []string
	var mu sync.Mutex
	h := request.PerUserLimit(2, func(w http.ResponseWriter, r *http.Request, err error) {
		mu.Lock()
		refused = append(refused, request.CurrentUser(r).ID)
		mu.Unlock()
		is.Equal(app.ErrorCode(err), app.ETooMany) // refused as too many, with a wait
		w.WriteHeader(http.StatusTooManyRequests)
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
	}))
	as := func(id string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/search?q=x", nil)
		return r.WithContext(request.WithSessionValue(r.Context(), &app.Session{User: &app.User{ID: id}}))
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), as("ana")) })
	}
	<-started
	<-started

	third := httptest.NewRecorder()
	h.ServeHTTP(third, as("ana"))
	is.Equal(third.Code, http.StatusTooManyRequests) // a third at once is refused

	wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), as("bo")) })
	<-started // another user is not held back by ana's
	close(release)
	wg.Wait()
	is.Equal(refused, []string{"ana"})

	again := httptest.NewRecorder()
	h.ServeHTTP(again, as("ana"))
	is.Equal(again.Code, http.StatusOK) // once hers finished, ana may search again
}
