package web

import (
	"net/http"
	"sort"

	"rolo/ui/api"
)

// apiDocsPage renders the OpenAPI document readably: operations grouped
// by tag, with how to authenticate.
type apiDocsPage struct {
	Base
	Groups []apiGroup
}

type apiGroup struct {
	Tag        string
	Operations []api.ApiOperation
}

// handleAPIDocs shows the API reference.
func handleAPIDocs(s *site) http.Handler {
	groups := map[string][]api.ApiOperation{}
	for _, op := range api.ApiOperations {
		groups[op.Tag] = append(groups[op.Tag], op)
	}
	var list []apiGroup
	for tag, ops := range groups {
		list = append(list, apiGroup{Tag: tag, Operations: ops})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Tag < list[j].Tag })
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "api_docs.title")
		s.views.render(w, r, http.StatusOK, "api_docs", b.Lang, apiDocsPage{Base: b, Groups: list})
	})
}
