package app

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"math/big"
	"strings"

	"rolo/store"
)

// NeedsSetup tells whether no account exists yet, so the first visitor is
// asked to create the admin.
func (a *App) NeedsSetup(ctx context.Context) (bool, error) {
	if a.hasUsers.Load() {
		return false, nil
	}
	n, err := store.CountUsers(ctx, a.db.Reader())
	if err != nil {
		return false, err
	}
	if n > 0 {
		a.hasUsers.Store(true)
	}
	return n == 0, nil
}

// RequireSetupCode makes Setup ask for code; serve calls it before serving
// when it listens beyond loopback.
func (a *App) RequireSetupCode(code string) { a.cfg.SetupCode = code }

// SetupNeedsCode tells whether the setup form must ask for the code that
// serve printed to its terminal.
func (a *App) SetupNeedsCode() bool { return a.cfg.SetupCode != "" }

// Setup creates the first admin. It is refused once any user exists, and
// checks the one-time code when one was set. The check for "no users" runs
// inside the write transaction, so two racing visitors cannot both win.
func (a *App) Setup(ctx context.Context, code string, in NewUser) (*User, error) {
	if want := a.cfg.SetupCode; want != "" {
		got := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), "-", ""))
		if subtle.ConstantTimeCompare([]byte(got), []byte(strings.ReplaceAll(want, "-", ""))) != 1 {
			return nil, Invalid(map[string]string{"code": "error.setup_code_wrong"})
		}
	}
	in.Role = RoleAdmin
	in, err := in.validate()
	if err != nil {
		return nil, err
	}
	var created store.User
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		n, err := store.CountUsers(ctx, tx)
		if err != nil {
			return err
		}
		if n > 0 {
			return errorf(EConflict, "error.setup_done")
		}
		created, err = a.insertUser(ctx, tx, "", in)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.hasUsers.Store(true)
	return toUser(created), nil
}

// NewSetupCode makes a code that is easy to read off a terminal and type:
// eight characters from an alphabet without look-alikes, shown as XXXX-XXXX.
func NewSetupCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 8)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(err)
		}
		b[i] = alphabet[n.Int64()]
	}
	return fmt.Sprintf("%s-%s", b[:4], b[4:])
}
