package cli

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/matryer/is"
)

// TestIdleTrimmerReleasesOnceAfterEachSpell: the server's garbage goes
// back after a whole quiet interval following requests, once per spell,
// and never while a request (an upload, an export) is still running.
func TestIdleTrimmerReleasesOnceAfterEachSpell(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	idle := &idleTrimmer{}
	wait := make(chan struct{})
	entered := make(chan struct{}, 1)
	srv := httptest.NewServer(idle.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			entered <- struct{}{}
			<-wait
		}
	})))
	defer srv.Close()
	get := func(path string) {
		res, err := http.Get(srv.URL + path)
		is.NoErr(err)
		res.Body.Close()
	}

	is.True(!idle.due()) // nothing served yet: nothing to return

	get("/")
	is.True(!idle.due()) // a request in this interval: wait for a quiet one
	is.True(idle.due())  // a quiet interval after it
	is.True(!idle.due()) // and only once

	done := make(chan error)
	go func() {
		res, err := http.Get(srv.URL + "/slow")
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	<-entered
	is.True(!idle.due()) // it started in this interval
	is.True(!idle.due()) // quiet, but still running
	close(wait)
	is.NoErr(<-done)
	is.True(!idle.due()) // it finished in this interval
	is.True(idle.due())
}
