package request

import (
	"context"
	"net/http"

	"rolo/ui/i18n"
)

type catalogKey struct{}

// WithCatalog puts the catalog on every request, outermost in the chain,
// so that an answer written before any handler runs — the API key check,
// the login check, a cross-origin refusal — still speaks the reader's
// language instead of showing a catalog key.
func WithCatalog(c *i18n.Catalog) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), catalogKey{}, c)))
		})
	}
}

// CatalogOf is the catalog WithCatalog put on r, or nil.
func CatalogOf(r *http.Request) *i18n.Catalog {
	c, _ := r.Context().Value(catalogKey{}).(*i18n.Catalog)
	return c
}
