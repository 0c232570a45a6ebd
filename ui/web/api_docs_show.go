package web

import (
	"net/http"

	"rolo/ui/api"
)

// apiDocsPage renders the OpenAPI document readably: operations grouped
// by tag with their parameters, body, answer and refusals, then every
// schema's members, and how to authenticate.
type apiDocsPage struct {
	Base
	api.Reference
}

// handleAPIDocs shows the API reference, read from the served document.
func handleAPIDocs(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "api_docs.title")
		ref, err := api.NewReference(s.cfg.Version)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "api_docs", b.Lang, apiDocsPage{Base: b, Reference: ref})
	})
}
