package ui

import (
	"context"
	"net/http"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

type apiScopeKey struct{}

// withAPIKey lets scripts call /api/v1 with "Authorization: Bearer
// rolo_…": the key's owner becomes the current user, so every role rule
// in app applies unchanged, and a read-only key may only read. A request
// with a bad key is refused outright rather than served as anonymous, so a
// typo does not look like an empty account. Its problems are written with
// the catalog the server put on the request (request.WithCatalog).
func withAPIKey(a *app.App) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			header := r.Header.Get("Authorization")
			if header == "" || !request.IsAPI(r) {
				next.ServeHTTP(w, r)
				return
			}
			token, ok := strings.CutPrefix(header, "Bearer ")
			if !ok {
				request.WriteProblem(w, r, &app.Error{Code: app.EUnauthorized, Message: "error.api_key_invalid"}, nil)
				return
			}
			user, scope, err := a.AuthenticateAPIKey(r.Context(), strings.TrimSpace(token))
			if err != nil {
				request.WriteProblem(w, r, err, nil)
				return
			}
			ctx := request.WithSessionValue(r.Context(), &app.Session{User: user})
			if scope != "write" && r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions {
				// Refused as the key's owner, so in the owner's language.
				request.WriteProblem(w, r.WithContext(ctx), &app.Error{Code: app.EForbidden, Message: "error.api_key_read_only"}, nil)
				return
			}
			ctx = context.WithValue(ctx, apiScopeKey{}, scope)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
