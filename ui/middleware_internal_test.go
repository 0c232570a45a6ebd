package ui

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/ui/request"
)

// TestClientGoneIsNoServerError: a client that leaves mid-request makes the
// app's query fail with context.Canceled; the log says so at info level
// with status 499, not as a server error.
func TestClientGoneIsNoServerError(t *testing.T) {
	is := is.New(t)
	var logged bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug})))
	defer slog.SetDefault(old)

	h := logRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // the query notices the client left
		request.WriteProblem(w, r, r.Context().Err(), nil)
	}))
	ctx, cancel := context.WithCancel(context.Background())
	r := httptest.NewRequest(http.MethodGet, "/api/v1/search?q=x", nil).WithContext(ctx)
	cancel()
	h.ServeHTTP(httptest.NewRecorder(), r)

	out := logged.String()
	is.True(strings.Contains(out, "level=INFO msg=\"client went away\"")) // said once, at info
	is.True(strings.Contains(out, "status=499"))                          // its own status
	is.True(!strings.Contains(out, "level=ERROR"))                        // no server error
	is.True(!strings.Contains(out, "level=WARN"))
}
