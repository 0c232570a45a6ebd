package request

import (
	"rolo/app"
)

// SearchResultJSON is one search hit in the API.
type SearchResultJSON struct {
	Type     string `json:"type"`
	ID       string `json:"id"`
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
	URL      string `json:"url"`
}

// recordPaths are the pages of each kind of record, for links.
var recordPaths = map[string]string{"contact": "/contacts/", "company": "/companies/", "deal": "/deals/"}

func SearchJSON(hits []app.SearchResult) []SearchResultJSON {
	out := make([]SearchResultJSON, 0, len(hits))
	for _, h := range hits {
		out = append(out, SearchResultJSON{Type: h.Kind, ID: h.Ref, Title: h.Title, Subtitle: h.Subtitle, URL: recordPaths[h.Kind] + h.Ref})
	}
	return out
}

// handleAPISearch answers GET /api/v1/search?q=…: {"data": [...]}, best
// match first. limit is 1–50 (default 20).
