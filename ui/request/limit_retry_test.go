package request_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// TestPerUserLimitSaysWhenToComeBack: a user past the per-user limit gets
// a 429 problem with Retry-After in whole seconds and the reason in their
// language — the API's answer (its refuse writes a problem); the pages'
// refusal shows ErrBusy through the error page, which writes the same
// header from the same RetryAfter (tested with the web form's limit).
func TestPerUserLimitSaysWhenToComeBack(t *testing.T) {
	is := is.New(t)
	catalog, err := i18n.LoadCatalog(assets.I18n)
	is.NoErr(err)
	release, started := make(chan struct{}), make(chan struct{})
	limited := request.PerUserLimit(1, 0, func(w http.ResponseWriter, r *http.Request, err error) {
		request.WriteProblem(w, r, err, nil) // the catalog comes with the request
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	}))
	h := request.WithCatalog(catalog)(limited)
	as := func(lang string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/search?q=x", nil)
		r.Header.Set("Accept-Language", lang)
		return r.WithContext(request.WithSessionValue(r.Context(), &app.Session{User: &app.User{ID: "ana"}}))
	}
	done := make(chan struct{})
	go func() { h.ServeHTTP(httptest.NewRecorder(), as("en")); close(done) }()
	<-started

	for _, lang := range app.Languages {
		res := httptest.NewRecorder()
		h.ServeHTTP(res, as(lang))
		is.Equal(res.Code, http.StatusTooManyRequests)
		n, err := strconv.Atoi(res.Header().Get("Retry-After"))
		is.NoErr(err)
		is.True(n >= 1 && n <= 5) // a moment, in whole seconds
		var p request.Problem
		is.NoErr(json.Unmarshal(res.Body.Bytes(), &p))
		is.Equal(p.Detail, catalog.T(lang, "error.busy")) // said in the reader's language
		is.Equal(p.Status, http.StatusTooManyRequests)
	}
	close(release)
	<-done
}
