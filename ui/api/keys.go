package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// apiKeyJSON is a key as the API lists it; Token only in the answer to
// its creation.
type apiKeyJSON struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Scope      string     `json:"scope"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	CreatedAt  time.Time  `json:"created_at"`
	Token      string     `json:"token,omitempty"`
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func apiKeyOf(k app.APIKey) apiKeyJSON {
	return apiKeyJSON{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Scope: k.Scope, ExpiresAt: timeOrNil(k.ExpiresAt),
		LastUsedAt: timeOrNil(k.LastUsedAt), RevokedAt: timeOrNil(k.RevokedAt), CreatedAt: k.CreatedAt}
}

// handleAPIKeyList answers GET /api/v1/api-keys: the caller's own keys.
func handleAPIKeyList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		keys, err := s.app.APIKeys(r.Context(), request.CurrentUser(r))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []apiKeyJSON{}
		for _, k := range keys {
			out = append(out, apiKeyOf(k))
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out})
	})
}

// handleAPIKeyCreate answers POST /api/v1/api-keys; the token is in this
// answer and nowhere else, ever.
func handleAPIKeyCreate(s *apiSite) http.Handler {
	type body struct {
		Name      string     `json:"name"`
		Scope     string     `json:"scope"`
		ExpiresAt *time.Time `json:"expires_at"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b body
		if _, err := decodeBody(w, r, &b); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		in := app.APIKeyInput{Name: b.Name, Scope: b.Scope}
		if b.ExpiresAt != nil {
			in.ExpiresAt = *b.ExpiresAt
		}
		k, err := s.app.CreateAPIKey(r.Context(), request.CurrentUser(r), in)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := apiKeyOf(k.APIKey)
		out.Token = k.Token
		w.Header().Set("Cache-Control", "no-store")
		request.Encode(w, http.StatusCreated, out)
	})
}

// handleAPIKeyRevoke answers DELETE /api/v1/api-keys/{id}.
func handleAPIKeyRevoke(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.RevokeAPIKey(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
