package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

var office = app.Client{Addr: "192.0.2.10", UserAgent: "test"}

func TestLogin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("right password opens a session; wrong ones do not", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustSetup(t, ta)
		s, err := ta.Login(ctx, "ADA@example.com", "correct horse", office)
		is.NoErr(err)
		is.True(len(s.Token) >= 40) // a long random token
		got, err := ta.Authenticate(ctx, s.Token)
		is.NoErr(err)
		is.Equal(got.User.Email, "ada@example.com")

		_, err = ta.Login(ctx, "ada@example.com", "wrong horse", office)
		is.Equal(app.ErrorCode(err), app.EUnauthorized)
		_, err = ta.Login(ctx, "nobody@example.com", "correct horse", office)
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // same answer for unknown accounts
		_, err = ta.Authenticate(ctx, "forged-token")
		is.Equal(app.ErrorCode(err), app.EUnauthorized)
	})

	t.Run("repeated failures are slowed, then refused, per address and account", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustSetup(t, ta)
		var lastErr error
		for range 10 {
			_, lastErr = ta.Login(ctx, "ada@example.com", "guess", office)
		}
		is.Equal(app.ErrorCode(lastErr), app.EUnauthorized)
		is.True(len(ta.sleeps()) > 0) // later attempts were slowed down
		_, err := ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.Equal(app.ErrorCode(err), app.ETooMany) // locked from here even with the right password
		is.True(app.AsError(err).RetryAfter > 0)
		_, err = ta.Login(ctx, "ada@example.com", "correct horse", app.Client{Addr: "198.51.100.7"})
		is.NoErr(err) // but not from elsewhere

		ta.clock.Add(16 * time.Minute)
		_, err = ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.NoErr(err) // the lock expires
	})

	t.Run("strangers cannot lock the admin out, only slow the guessing", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustSetup(t, ta)
		for i := range 60 { // six places, ten wrong passwords each
			_, _ = ta.Login(ctx, "ada@example.com", "guess", app.Client{Addr: fmt.Sprintf("203.0.113.%d", i/10)})
		}
		_, err := ta.Login(ctx, "ada@example.com", "guess", app.Client{Addr: "203.0.113.99"})
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // a new place may still try…
		slept := ta.sleeps()
		is.True(slept[len(slept)-1] >= 10*time.Second) // …but each try waits
		_, err = ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.NoErr(err) // the admin, from their own address, gets in
	})

	t.Run("an admin can unlock an account", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		sam, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "12345678"})
		is.NoErr(err)
		for range 10 {
			_, _ = ta.Login(ctx, "Sam@example.com", "guess", office)
		}
		locked, err := ta.LockedLogins(ctx, admin)
		is.NoErr(err)
		is.True(locked[sam.ID].After(ta.clock.Now())) // the users page can tell
		is.Equal(len(locked), 1)
		err = ta.UnlockLogin(ctx, sam, sam.ID)
		is.Equal(app.ErrorCode(err), app.EForbidden) // admins only
		is.NoErr(ta.UnlockLogin(ctx, admin, sam.ID))
		_, err = ta.Login(ctx, "sam@example.com", "12345678", office)
		is.NoErr(err) // in at once, from where it was locked
		locked, err = ta.LockedLogins(ctx, admin)
		is.NoErr(err)
		is.Equal(len(locked), 0)
		log, err := ta.History(ctx, admin, "user", sam.ID, 10)
		is.NoErr(err)
		found := false
		for _, e := range log {
			found = found || e.Action == "user.unlocked"
		}
		is.True(found) // the unlock is in the audit log
		err = ta.UnlockLogin(ctx, admin, "no-such-user")
		is.Equal(app.ErrorCode(err), app.ENotFound)
	})

	t.Run("one address guessing many accounts is refused", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustSetup(t, ta)
		for i := range 30 {
			_, _ = ta.Login(ctx, "user"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@example.com", "guess", office)
		}
		_, err := ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.Equal(app.ErrorCode(err), app.ETooMany) // the address is locked
		_, err = ta.Login(ctx, "ada@example.com", "correct horse", app.Client{Addr: "198.51.100.7"})
		is.NoErr(err) // another address is not
	})

	t.Run("sessions expire when idle and after their lifetime", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustSetup(t, ta)
		s, err := ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.NoErr(err)
		for range 5 { // active every 5.8 days: idle never reached...
			ta.clock.Add(139 * time.Hour)
			_, err = ta.Authenticate(ctx, s.Token)
			is.NoErr(err)
		}
		ta.clock.Add(2 * 24 * time.Hour) // ...but 31 days after login the lifetime is over
		_, err = ta.Authenticate(ctx, s.Token)
		is.Equal(app.ErrorCode(err), app.EUnauthorized)

		s, err = ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.NoErr(err)
		ta.clock.Add(8 * 24 * time.Hour)
		_, err = ta.Authenticate(ctx, s.Token)
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // idle for longer than 7 days
	})

	t.Run("logout, disabling and password resets end sessions", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		s, err := ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.NoErr(err)
		is.NoErr(ta.Logout(ctx, s))
		_, err = ta.Authenticate(ctx, s.Token)
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // logged out

		bo, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Bo", Email: "bo@example.com", Role: app.RoleSales, Password: "12345678"})
		is.NoErr(err)
		s, err = ta.Login(ctx, "bo@example.com", "12345678", office)
		is.NoErr(err)
		is.NoErr(ta.ResetPassword(ctx, admin, bo.ID, "new password"))
		_, err = ta.Authenticate(ctx, s.Token)
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // reset ends sessions

		s, err = ta.Login(ctx, "bo@example.com", "new password", office)
		is.NoErr(err)
		_, err = ta.SetDisabled(ctx, admin, bo.ID, true)
		is.NoErr(err)
		_, err = ta.Authenticate(ctx, s.Token)
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // disabling ends sessions
		_, err = ta.Login(ctx, "bo@example.com", "new password", office)
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // and stops logins
	})

	t.Run("changing one's password keeps this session and ends the others", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		mustSetup(t, ta)
		here, err := ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.NoErr(err)
		there, err := ta.Login(ctx, "ada@example.com", "correct horse", office)
		is.NoErr(err)
		err = ta.ChangePassword(ctx, here.User, here.ID, "wrong", "another horse")
		is.Equal(fieldProblem(err, "current_password"), "error.password_wrong")
		is.NoErr(ta.ChangePassword(ctx, here.User, here.ID, "correct horse", "another horse"))
		_, err = ta.Authenticate(ctx, here.Token)
		is.NoErr(err) // still logged in here
		_, err = ta.Authenticate(ctx, there.Token)
		is.Equal(app.ErrorCode(err), app.EUnauthorized) // logged out elsewhere
	})
}

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	h1, err := app.HashPassword("pässwörd 비밀")
	is.NoErr(err)
	h2, err := app.HashPassword("pässwörd 비밀")
	is.NoErr(err)
	is.True(h1 != h2) // salted
	ok, err := app.CheckPassword(h1, "pässwörd 비밀")
	is.NoErr(err)
	is.True(ok)
	ok, err = app.CheckPassword(h1, "password")
	is.NoErr(err)
	is.True(!ok)
}
