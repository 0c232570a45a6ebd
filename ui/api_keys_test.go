package ui_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

type apiKeyBody struct {
	ID         string     `json:"id"`
	Scope      string     `json:"scope"`
	Token      string     `json:"token"`
	Prefix     string     `json:"prefix"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// bearer is a client with no session that sends token as its API key.
func (ts *testServer) bearer(t *testing.T, token string) *browser {
	b := ts.browser(t)
	b.header.Set("Authorization", "Bearer "+token)
	return b
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)

	t.Run("a write key works like its owner, shown once, stored hashed", func(t *testing.T) {
		is := is.New(t)
		k := decode[apiKeyBody](t, admin.json("POST", "/api/v1/api-keys", `{"name": "script", "scope": "write"}`), http.StatusCreated)
		is.True(strings.HasPrefix(k.Token, "rolo_")) // the token, once
		is.True(strings.HasPrefix(k.Token, k.Prefix))
		var stored string
		is.NoErr(ts.app.DB().Reader().QueryRowContext(t.Context(), `SELECT token_hash FROM api_keys WHERE id = ?`, k.ID).Scan(&stored))
		sum := sha256.Sum256([]byte(k.Token))
		is.Equal(stored, hex.EncodeToString(sum[:])) // only the hash is kept
		list := admin.get("/api/v1/api-keys")
		is.True(!strings.Contains(list.Body, k.Token)) // never shown again

		bot := ts.bearer(t, k.Token)
		res := bot.json("POST", "/api/v1/contacts", `{"first_name": "Scripted"}`)
		is.Equal(res.StatusCode, http.StatusCreated)
		me := decode[map[string]any](t, bot.get("/api/v1/me"), http.StatusOK)
		is.Equal(me["email"], "ada@example.com")
		keys := decode[struct{ Data []apiKeyBody }](t, admin.get("/api/v1/api-keys"), http.StatusOK)
		is.True(keys.Data[0].LastUsedAt != nil) // last use recorded
	})

	t.Run("a read key reads and may not write", func(t *testing.T) {
		is := is.New(t)
		k := decode[apiKeyBody](t, admin.json("POST", "/api/v1/api-keys", `{"name": "dashboard", "scope": "read"}`), http.StatusCreated)
		bot := ts.bearer(t, k.Token)
		is.Equal(bot.get("/api/v1/contacts").StatusCode, http.StatusOK)
		p := problemOf(t, bot.json("POST", "/api/v1/contacts", `{"first_name": "No"}`), http.StatusForbidden)
		is.Equal(p.Code, "forbidden")
	})

	t.Run("a key carries its owner's role", func(t *testing.T) {
		is := is.New(t)
		viewer := ts.loginAs(t, app.RoleViewer)
		k := decode[apiKeyBody](t, viewer.json("POST", "/api/v1/api-keys", `{"name": "mine", "scope": "write"}`), http.StatusCreated)
		bot := ts.bearer(t, k.Token)
		is.Equal(bot.get("/api/v1/contacts").StatusCode, http.StatusOK)
		problemOf(t, bot.json("POST", "/api/v1/contacts", `{"first_name": "No"}`), http.StatusForbidden) // viewers read only
		// and each user sees and revokes only their own keys
		own := decode[struct{ Data []apiKeyBody }](t, viewer.get("/api/v1/api-keys"), http.StatusOK)
		is.Equal(len(own.Data), 1)
		problemOf(t, admin.do("DELETE", "/api/v1/api-keys/"+k.ID, nil), http.StatusNotFound)
	})

	t.Run("revoked, expired and unknown keys are refused", func(t *testing.T) {
		is := is.New(t)
		k := decode[apiKeyBody](t, admin.json("POST", "/api/v1/api-keys", `{"name": "old", "scope": "write"}`), http.StatusCreated)
		bot := ts.bearer(t, k.Token)
		is.Equal(bot.get("/api/v1/contacts").StatusCode, http.StatusOK)
		is.Equal(admin.do("DELETE", "/api/v1/api-keys/"+k.ID, nil).StatusCode, http.StatusNoContent)
		problemOf(t, bot.get("/api/v1/contacts"), http.StatusUnauthorized)

		soon := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
		k = decode[apiKeyBody](t, admin.json("POST", "/api/v1/api-keys", `{"name": "brief", "scope": "read", "expires_at": "`+soon+`"}`), http.StatusCreated)
		is.NoErr(ts.app.DB().Write(t.Context(), func(tx *app.Tx) error {
			_, err := tx.ExecContext(t.Context(), `UPDATE api_keys SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?`, k.ID)
			return err
		}))
		problemOf(t, ts.bearer(t, k.Token).get("/api/v1/contacts"), http.StatusUnauthorized) // expired
		problemOf(t, ts.bearer(t, "rolo_nothing").get("/api/v1/contacts"), http.StatusUnauthorized)

		p := problemOf(t, admin.json("POST", "/api/v1/api-keys", `{"name": "", "scope": "admin", "expires_at": "2020-01-01T00:00:00Z"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["name"] != "" && p.Errors["scope"] != "" && p.Errors["expires_at"] != "")
	})

	t.Run("Bearer keys do not open HTML pages", func(t *testing.T) {
		is := is.New(t)
		k := decode[apiKeyBody](t, admin.json("POST", "/api/v1/api-keys", `{"name": "web", "scope": "write"}`), http.StatusCreated)
		res := ts.bearer(t, k.Token).get("/contacts")
		is.Equal(res.StatusCode, http.StatusSeeOther) // to the login page
	})
}
