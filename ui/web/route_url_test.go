package web

import (
	"testing"

	"github.com/gorilla/mux"
)

// TestRoutePathsAgreeWithMux builds every named route's path through
// views.url, twice (the second from the cut template), with values of
// every kind, and compares it with what mux itself builds.
func TestRoutePathsAgreeWithMux(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	r := v.router
	values := []string{"01a25090-e912-7758-91e1-84ca3eea8e2a", "plain", "a b", "x/y", "é", "", "..", "~a", "%41", "a?b"}
	fast := 0
	err := r.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		name := route.GetName()
		tpl, err := route.GetPathTemplate()
		if name == "" || err != nil {
			return nil
		}
		cut, ok := parseRouteTemplate(tpl)
		for _, value := range values {
			var pairs []string
			for _, n := range cut.vars {
				pairs = append(pairs, n, value)
			}
			want := ""
			if u, err := route.URLPath(pairs...); err == nil {
				want = u.String()
			}
			for round := range 2 {
				got, err := v.url(name, pairs...)
				if err != nil {
					got = ""
				}
				if got != want {
					t.Errorf("%s %q round %d: %q, mux %q", name, value, round, got, want)
				}
			}
			if !ok || len(cut.vars) == 0 {
				continue
			}
			if _, built := cut.build(pairs); built {
				fast++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fast < 50 {
		t.Errorf("only %d paths built from the cut templates", fast)
	}
}
