package web

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
)

// apiKeysPage lists the user's API keys with a form for a new one; Token
// is set only on the answer to creating one, the only time it is shown.
type apiKeysPage struct {
	Base
	Keys    []app.APIKey
	Token   string
	Name    string
	Scope   string
	Expires string
	Errors  map[string]string
}

func (s *site) renderAPIKeys(w http.ResponseWriter, r *http.Request, status int, page apiKeysPage) {
	keys, err := s.app.APIKeys(r.Context(), page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Keys = keys
	if page.Token != "" {
		w.Header().Set("Cache-Control", "no-store")
	}
	s.views.render(w, r, status, "api_keys", page.Lang, page)
}

// handleAPIKeysPage shows the user's own API keys.
func handleAPIKeysPage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderAPIKeys(w, r, http.StatusOK, apiKeysPage{Base: s.base(w, r, "api_keys.title"), Scope: "read"})
	})
}

// handleAPIKeyCreatePage makes a key and shows its token, once.
func handleAPIKeyCreatePage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "api_keys.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := apiKeysPage{Base: b, Name: r.PostForm.Get("name"), Scope: r.PostForm.Get("scope"), Expires: r.PostForm.Get("expires")}
		in := app.APIKeyInput{Name: page.Name, Scope: page.Scope}
		if page.Expires != "" {
			day, err := time.Parse("2006-01-02", page.Expires)
			if err != nil {
				page.Errors = map[string]string{"expires_at": "error.date_invalid"}
				s.renderAPIKeys(w, r, http.StatusUnprocessableEntity, page)
				return
			}
			in.ExpiresAt = day.AddDate(0, 0, 1) // valid through the day chosen
		}
		k, err := s.app.CreateAPIKey(r.Context(), b.User, in)
		if fields := fieldErrors(err); fields != nil {
			page.Errors = fields
			s.renderAPIKeys(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.renderAPIKeys(w, r, http.StatusCreated, apiKeysPage{Base: b, Token: k.Token, Scope: "read"})
	})
}

// handleAPIKeyRevokePage revokes one of the user's keys.
func handleAPIKeyRevokePage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "api_keys.title")
		if err := s.app.RevokeAPIKey(r.Context(), b.User, mux.Vars(r)["id"]); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "api_keys.revoked")
		redirect(w, r, "/profile/api-keys")
	})
}
