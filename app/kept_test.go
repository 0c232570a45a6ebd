package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// otherProcess writes to the file through its own connection, as a
// command run beside the server or the sqlite3 shell would.
func otherProcess(t *testing.T, ta *testApp, query string, args ...any) {
	t.Helper()
	ctx := context.Background()
	other, err := store.Open(ctx, ta.dbPath, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestKeptSignInSeesEveryChange: a kept session or key is used only while
// nothing that could end it was written, by this server or another.
func TestKeptSignInSeesEveryChange(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	request := func() context.Context { return app.WithRequestMemo(ctx) }
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	s, err := ta.Login(ctx, "ada@example.com", "correct horse", office)
	is.NoErr(err)
	key, err := ta.CreateAPIKey(ctx, admin, app.APIKeyInput{Name: "script", Scope: "write"})
	is.NoErr(err)
	signedIn := func() (*app.User, error) {
		got, err := ta.Authenticate(request(), s.Token)
		if err != nil {
			return nil, err
		}
		return got.User, nil
	}
	keyUser := func() (*app.User, error) {
		u, _, err := ta.AuthenticateAPIKey(request(), key.Token)
		return u, err
	}
	for range 3 { // kept after the first
		u, err := signedIn()
		is.NoErr(err)
		is.Equal(u.Role, app.RoleAdmin)
		u, err = keyUser()
		is.NoErr(err)
		is.Equal(u.Name, "Ada Admin")
	}

	otherProcess(t, ta, `UPDATE users SET name = 'Ada Lovelace', role = 'viewer' WHERE id = ?`, admin.ID)
	u, err := signedIn()
	is.NoErr(err)
	is.Equal(u.Role, app.RoleViewer) // the new role, at once
	u, err = keyUser()
	is.NoErr(err)
	is.Equal(u.Name, "Ada Lovelace")

	otherProcess(t, ta, `UPDATE api_keys SET revoked_at = datetime('now')`) // as typed in the sqlite3 shell
	_, err = keyUser()
	is.Equal(app.ErrorCode(err), app.EUnauthorized) // revoked elsewhere
	_, err = signedIn()
	is.NoErr(err) // the session is another thing

	otherProcess(t, ta, `DELETE FROM sessions`)
	_, err = signedIn()
	is.Equal(app.ErrorCode(err), app.EUnauthorized) // signed out elsewhere

	s, err = ta.Login(ctx, "ada@example.com", "correct horse", office)
	is.NoErr(err)
	_, err = signedIn()
	is.NoErr(err)
	otherProcess(t, ta, `UPDATE users SET disabled_at = '2026-11-27T09:00:00.000Z'`)
	_, err = signedIn()
	is.Equal(app.ErrorCode(err), app.EUnauthorized) // disabled elsewhere
}

// TestKeptReadsSeeEveryChange: tags, the team and the activity types are
// read again after a change, this server's own within the same request
// included.
func TestKeptReadsSeeEveryChange(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Kept", Tags: []string{"vip"}})
	is.NoErr(err)
	req := app.WithRequestMemo(ctx)
	vip, err := ta.TagByName(req, "VIP")
	is.NoErr(err)
	is.Equal(vip.Name, "vip")
	_, err = ta.UpdateTag(req, admin, vip.ID, "Gold", vip.Color)
	is.NoErr(err)
	_, err = ta.TagByName(req, "vip") // the same request, after its own write
	is.Equal(app.ErrorCode(err), app.ENotFound)
	gold, err := ta.TagByName(req, "gold")
	is.NoErr(err)
	is.Equal(gold.ID, vip.ID)

	otherProcess(t, ta, `UPDATE tags SET name = 'Platinum', name_key = 'platinum' WHERE id = ?`, vip.ID)
	req = app.WithRequestMemo(ctx)
	_, err = ta.TagByName(req, "gold")
	is.Equal(app.ErrorCode(err), app.ENotFound)
	_, err = ta.TagByName(req, "platinum")
	is.NoErr(err)
	_, err = ta.TagByName(req, "later") // not there: not kept either
	is.Equal(app.ErrorCode(err), app.ENotFound)
	_, err = ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Later", Tags: []string{"later"}})
	is.NoErr(err)
	_, err = ta.TagByName(app.WithRequestMemo(ctx), "later")
	is.NoErr(err)

	names := func() []string {
		team, err := ta.Team(app.WithRequestMemo(ctx), admin)
		is.NoErr(err)
		var out []string
		for _, u := range team {
			out = append(out, u.Name)
		}
		return out
	}
	is.Equal(names(), []string{"Ada Admin"})
	otherProcess(t, ta, `UPDATE users SET name = 'Ada Lovelace'`)
	is.Equal(names(), []string{"Ada Lovelace"})

	typeNames := func() (out []string) {
		types, err := ta.ActivityTypes(app.WithRequestMemo(ctx), admin)
		is.NoErr(err)
		for _, at := range types {
			if at.Name != "" {
				out = append(out, at.Name)
			}
		}
		return out
	}
	is.Equal(len(typeNames()), 0) // the built-ins have no name of their own
	_, err = ta.CreateActivityType(ctx, admin, app.ActivityTypeInput{Name: "Site visit", Icon: "🏗", Color: "#2563eb"})
	is.NoErr(err)
	is.Equal(typeNames(), []string{"Site visit"})
	otherProcess(t, ta, `UPDATE activity_types SET name = 'Site tour' WHERE name = 'Site visit'`)
	is.Equal(typeNames(), []string{"Site tour"})
}
