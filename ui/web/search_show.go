package web

import (
	"net/http"
	"strings"

	"rolo/ui/request"
)

// searchPage shows search results grouped by kind of record.
type searchPage struct {
	Base
	Query  string
	Groups []searchGroup
	Total  int
}

type searchGroup struct {
	Kind string // contact, company, deal…: the catalog key search.kind.KIND names it
	Hits []request.SearchResultJSON
}

// searchKinds orders the groups on the page.
var searchKinds = []string{"contact", "company", "deal", "activity"}

// handleSearch answers GET /search?q=…, the page behind the search box.
func handleSearch(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "search.title")
		q := strings.TrimSpace(r.URL.Query().Get("q"))
		page := searchPage{Base: b, Query: q}
		if q != "" {
			hits, err := s.app.Search(r.Context(), b.User, q, 50)
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			page.Total = len(hits)
			page.Groups = groupHits(request.SearchJSON(hits))
		}
		s.views.render(w, r, http.StatusOK, "search", b.Lang, page)
	})
}

// groupHits keeps the rank order inside each kind.
func groupHits(hits []request.SearchResultJSON) []searchGroup {
	var groups []searchGroup
	for _, kind := range searchKinds {
		g := searchGroup{Kind: kind}
		for _, h := range hits {
			if h.Type == kind {
				g.Hits = append(g.Hits, h)
			}
		}
		if len(g.Hits) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}
