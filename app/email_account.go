package app

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"time"

	"rolo/store"
)

// EmailAccountInput is what Profile → Email says about the IMAP account
// Rolo watches for a user.
type EmailAccountInput struct {
	Host     string
	Port     int    // 0: the usual port of the security (993, or 143)
	Security string // tls (the default), starttls, or none (a server on this machine only)
	Username string
	Password string // the app password; "" keeps the one stored
	Folders  []string
	Enabled  bool
}

// EmailAccount is a user's IMAP account as the profile shows it. The
// password is never given back.
type EmailAccount struct {
	Host, Security, Username string
	Port                     int
	Folders                  []string
	Enabled                  bool
	LastCheckAt, LastOKAt    time.Time // zero before the first
	NextCheckAt              time.Time
	LastError                string // catalog key; "" when the last check went well
	Failures                 int    // failed checks in a row
	Logged                   int    // messages logged from it so far
}

// EmailSecurities are the connection kinds an account may use.
var EmailSecurities = []string{"tls", "starttls", "none"}

const (
	emailPollEvery  = 5 * time.Minute // between good checks
	emailMaxBackoff = 6 * time.Hour   // the longest wait after failures
	maxEmailFolders = 20
)

// EmailAccountOf is actor's account; ok is false when they set none up.
func (a *App) EmailAccountOf(ctx context.Context, actor Actor) (EmailAccount, bool, error) {
	if actor == nil {
		return EmailAccount{}, false, errorf(EForbidden, "error.forbidden")
	}
	s, err := store.EmailAccountOf(ctx, a.db.Reader(), actor.ID)
	if errors.Is(err, store.ErrNotFound) {
		return EmailAccount{}, false, nil
	}
	if err != nil {
		return EmailAccount{}, false, err
	}
	return toEmailAccount(s), true, nil
}

func toEmailAccount(s store.EmailAccount) EmailAccount {
	acc := EmailAccount{Host: s.Host, Port: s.Port, Security: s.Security, Username: s.Username, Enabled: s.Enabled,
		LastCheckAt: s.LastCheckAt, LastOKAt: s.LastOKAt, NextCheckAt: s.NextCheckAt, LastError: s.LastError,
		Failures: s.Failures, Logged: s.Logged}
	_ = json.Unmarshal([]byte(s.Folders), &acc.Folders)
	return acc
}

// SaveEmailAccount sets up or changes actor's IMAP account. The password
// is sealed with the key file's key before it is stored; a new server or
// user name reads the folders afresh. The account is checked at the
// scheduler's next pass.
func (a *App) SaveEmailAccount(ctx context.Context, actor Actor, in EmailAccountInput) (EmailAccount, error) {
	if actor == nil {
		return EmailAccount{}, errorf(EForbidden, "error.forbidden")
	}
	if err := a.can(actor, AreaActivities, LevelCreate); err != nil {
		return EmailAccount{}, err
	}
	acc, p := cleanEmailAccount(in)
	old, err := store.EmailAccountOf(ctx, a.db.Reader(), actor.ID)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return EmailAccount{}, err
	}
	if in.Password == "" && !exists {
		p["password"] = "error.required"
	}
	if len(p) > 0 {
		return EmailAccount{}, Invalid(p)
	}
	acc.UserID = actor.ID
	acc.NextCheckAt = a.now()
	if in.Password != "" {
		if acc.Password, err = a.seal(actor.ID, in.Password); err != nil {
			return EmailAccount{}, err
		}
	} else {
		acc.Password = old.Password
	}
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.SaveEmailAccount(ctx, tx, acc); err != nil {
			return err
		}
		if exists && (old.Host != acc.Host || !strings.EqualFold(old.Username, acc.Username)) {
			if err := store.ResetEmailFolders(ctx, tx, actor.ID); err != nil {
				return err
			}
		}
		return a.record(ctx, tx, actor.ID, Change{Action: ActionUserEmailAccountSaved, Entity: "user", ID: actor.ID,
			Details: map[string]any{"host": acc.Host, "port": acc.Port, "security": acc.Security, "folders": acc.Folders,
				"enabled": acc.Enabled, "password_changed": in.Password != ""}})
	})
	if err != nil {
		return EmailAccount{}, err
	}
	out, _, err := a.EmailAccountOf(ctx, actor)
	return out, err
}

// cleanEmailAccount checks the input and returns the row to store and
// the problems by field.
func cleanEmailAccount(in EmailAccountInput) (store.EmailAccount, map[string]string) {
	p := map[string]string{}
	acc := store.EmailAccount{Host: strings.ToLower(strings.TrimSpace(in.Host)), Port: in.Port, Security: strings.TrimSpace(in.Security),
		Username: strings.TrimSpace(in.Username), Enabled: in.Enabled}
	if acc.Host == "" {
		p["host"] = "error.required"
	} else if len(acc.Host) > 253 || strings.ContainsAny(acc.Host, " /:@\\\t") && net.ParseIP(strings.Trim(acc.Host, "[]")) == nil {
		p["host"] = "error.email_host_invalid"
	}
	if acc.Security == "" {
		acc.Security = "tls"
	}
	if !contains(EmailSecurities, acc.Security) {
		p["security"] = "error.email_security_invalid"
	} else if acc.Security == "none" && !loopbackHost(acc.Host) {
		// A password in clear over a network: only to a server on this
		// machine (a bridge such as Proton Mail's).
		p["security"] = "error.email_security_clear"
	}
	if acc.Port == 0 {
		acc.Port = map[string]int{"tls": 993}[acc.Security]
		if acc.Port == 0 {
			acc.Port = 143
		}
	}
	if acc.Port < 1 || acc.Port > 65535 {
		p["port"] = "error.email_port_invalid"
	}
	if acc.Username == "" {
		p["username"] = "error.required"
	} else if _, problem := cleanText(acc.Username, maxShortText, false); problem != "" {
		p["username"] = problem
	}
	if len(in.Password) > 1000 {
		p["password"] = "error.too_long"
	}
	var folders []string
	for _, f := range in.Folders {
		f = strings.TrimSpace(f)
		if f == "" || contains(folders, f) {
			continue
		}
		if _, problem := cleanText(f, 200, false); problem != "" {
			p["folders"] = problem
		}
		folders = append(folders, f)
	}
	if len(folders) == 0 {
		folders = []string{"INBOX"}
	}
	if len(folders) > maxEmailFolders {
		p["folders"] = "error.too_many"
	}
	acc.Folders = mustJSON(folders)
	return acc, p
}

func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// DeleteEmailAccount stops watching actor's account and forgets it,
// password included. Messages it logged stay on their timelines.
func (a *App) DeleteEmailAccount(ctx context.Context, actor Actor) error {
	if actor == nil {
		return errorf(EForbidden, "error.forbidden")
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.DeleteEmailAccount(ctx, tx, actor.ID); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errorf(ENotFound, "error.email_account_not_found")
			}
			return err
		}
		return a.record(ctx, tx, actor.ID, Change{Action: ActionUserEmailAccountDeleted, Entity: "user", ID: actor.ID})
	})
}

// emailBackoff is the wait before the next check after failures in a
// row: five minutes, doubling, at most six hours.
func emailBackoff(failures int) time.Duration {
	d := emailPollEvery
	for i := 1; i < failures && d < emailMaxBackoff; i++ {
		d *= 2
	}
	return min(d, emailMaxBackoff)
}
