package app

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"rolo/store"
)

// Why a check failed, as catalog keys: shown on Profile → Email and in
// the notification. Never the server's own words, which may echo what
// was sent.
const (
	emailErrConnect = "email.error.connect" // no connection, or TLS refused
	emailErrLogin   = "email.error.login"   // user name or app password refused
	emailErrFolder  = "email.error.folder"  // a watched folder does not exist
	emailErrKey     = "email.error.key"     // the key file does not open the password
	emailErrServer  = "email.error.server"  // the server failed in the middle
)

const (
	// emailFirstDays is how far back the first check of a folder reads:
	// a Sent folder holds years, and the timeline wants recent talk.
	emailFirstDays = 30
	// emailCheckTimeout bounds one account's check, so a server that
	// stops answering does not hold up the others.
	emailCheckTimeout = 2 * time.Minute
	emailFetchBatch   = 20
)

// RunEmailWatcher checks the due IMAP accounts every interval until ctx
// ends. Each account is due by the clock, so what arrived while the
// laptop slept is fetched at the first pass after it wakes (the folders
// remember the last UID read).
func (a *App) RunEmailWatcher(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := a.CheckEmailAccounts(ctx); err != nil && ctx.Err() == nil {
			slog.Error("email watcher", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// CheckEmailAccounts checks every enabled account that is due. A failure
// is recorded on its account (and told to its user once), and the next
// check of that account waits longer; it does not stop the others.
func (a *App) CheckEmailAccounts(ctx context.Context) error {
	if !a.EmailLoggingOn(ctx) {
		return nil
	}
	due, err := store.DueEmailAccounts(ctx, a.db.Reader(), a.now())
	if err != nil {
		return err
	}
	for _, acc := range due {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := a.checkAccount(ctx, acc); err != nil {
			return err
		}
	}
	return nil
}

// CheckEmailNow checks actor's account at once (the profile's "Check
// now"), and returns it as it is afterwards.
func (a *App) CheckEmailNow(ctx context.Context, actor Actor) (EmailAccount, error) {
	if actor == nil {
		return EmailAccount{}, errorf(EForbidden, "error.forbidden")
	}
	if err := a.checkEmailLogging(ctx); err != nil {
		return EmailAccount{}, err
	}
	acc, err := store.EmailAccountOf(ctx, a.db.Reader(), actor.ID)
	if errors.Is(err, store.ErrNotFound) {
		return EmailAccount{}, errorf(ENotFound, "error.email_account_not_found")
	}
	if err != nil {
		return EmailAccount{}, err
	}
	if err := a.checkAccount(ctx, acc); err != nil {
		return EmailAccount{}, err
	}
	out, _, err := a.EmailAccountOf(ctx, actor)
	return out, err
}

// checkAccount reads one account's new messages and records the outcome.
// Only a failure of Rolo's own database is returned; the server's are the
// account's state.
func (a *App) checkAccount(ctx context.Context, acc store.EmailAccount) error {
	ctx, cancel := context.WithTimeout(ctx, emailCheckTimeout)
	defer cancel()
	logged, errKey, err := a.fetchAccount(ctx, acc)
	if err != nil {
		return err
	}
	next := a.now().Add(emailPollEvery)
	if errKey != "" {
		next = a.now().Add(emailBackoff(acc.Failures + 1))
		slog.Warn("email check failed", "user", acc.UserID, "host", acc.Host, "reason", errKey)
	}
	return a.db.Write(context.WithoutCancel(ctx), func(tx *store.Tx) error {
		if err := store.FinishEmailCheck(ctx, tx, acc.UserID, errKey, logged, next); err != nil {
			return err
		}
		if errKey != "" && errKey != acc.LastError {
			// Told once per kind of failure, not at every retry.
			return a.insertNotification(ctx, tx, acc.UserID, "email_failed", acc.Username+" · "+acc.Host, "email_account", acc.UserID)
		}
		return nil
	})
}

// fetchAccount logs in and reads each watched folder past the last UID it
// read. errKey says why the server part failed; err is Rolo's own failure.
func (a *App) fetchAccount(ctx context.Context, acc store.EmailAccount) (logged int, errKey string, err error) {
	password, perr := a.open(acc.UserID, acc.Password)
	if perr != nil {
		return 0, emailErrKey, nil
	}
	u, err := store.UserByID(ctx, a.db.Reader(), acc.UserID)
	if err != nil {
		return 0, "", err
	}
	actor := a.withPermissions(toUser(u))
	if actor.Disabled {
		return 0, emailErrLogin, nil
	}
	c, err := dialIMAP(acc)
	if err != nil {
		return 0, emailErrConnect, nil
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() }) // a server that stops answering is left
	defer stop()
	if err := c.Login(acc.Username, password).Wait(); err != nil {
		var imapErr *imap.Error
		if errors.As(err, &imapErr) {
			return 0, emailErrLogin, nil
		}
		return 0, emailErrConnect, nil
	}
	var folders []string
	_ = json.Unmarshal([]byte(acc.Folders), &folders)
	states, err := store.EmailFolderStates(ctx, a.db.Reader(), acc.UserID)
	if err != nil {
		return 0, "", err
	}
	for _, folder := range folders {
		n, key, err := a.fetchFolder(ctx, c, actor, folder, states[folder])
		logged += n
		if err != nil {
			return logged, "", err
		}
		if key != "" && errKey == "" {
			errKey = key
		}
		if key == emailErrServer {
			break // the connection is gone
		}
	}
	_ = c.Logout().Wait()
	return logged, errKey, nil
}

func dialIMAP(acc store.EmailAccount) (*imapclient.Client, error) {
	addr := net.JoinHostPort(acc.Host, strconv.Itoa(acc.Port))
	opt := &imapclient.Options{TLSConfig: &tls.Config{ServerName: acc.Host, MinVersion: tls.VersionTLS12},
		Dialer: &net.Dialer{Timeout: 20 * time.Second}}
	switch acc.Security {
	case "tls":
		return imapclient.DialTLS(addr, opt)
	case "starttls":
		return imapclient.DialStartTLS(addr, opt)
	}
	return imapclient.DialInsecure(addr, opt)
}

// fetchFolder logs the messages of one folder past its last UID read
// (or, the first time and after the server renumbered it, those of the
// last emailFirstDays days), a batch per transaction with the folder's
// new last UID, so a check cut short loses nothing and logs nothing twice.
func (a *App) fetchFolder(ctx context.Context, c *imapclient.Client, actor Actor, folder string, state store.EmailFolderState) (int, string, error) {
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		var imapErr *imap.Error
		if errors.As(err, &imapErr) {
			return 0, emailErrFolder, nil
		}
		return 0, emailErrServer, nil
	}
	criteria := &imap.SearchCriteria{}
	first := state.UIDValidity != sel.UIDValidity
	if first {
		state = store.EmailFolderState{UIDValidity: sel.UIDValidity}
		criteria.Since = a.now().AddDate(0, 0, -emailFirstDays)
	} else {
		if uint32(sel.UIDNext) != 0 && uint32(sel.UIDNext) <= state.LastUID+1 {
			return 0, "", nil // nothing new
		}
		criteria.UID = []imap.UIDSet{{imap.UIDRange{Start: imap.UID(state.LastUID + 1), Stop: 0}}}
	}
	found, err := c.UIDSearch(criteria, nil).Wait()
	if err != nil {
		return 0, emailErrServer, nil
	}
	var uids []imap.UID
	for _, uid := range found.AllUIDs() {
		if uint32(uid) > state.LastUID { // "N:*" also answers the last message when N is past it
			uids = append(uids, uid)
		}
	}
	if len(uids) == 0 {
		if first {
			err := a.db.Write(ctx, func(tx *store.Tx) error {
				return store.SaveEmailFolderState(ctx, tx, actor.ID, folder, store.EmailFolderState{UIDValidity: sel.UIDValidity, LastUID: uint32(sel.UIDNext) - min(uint32(sel.UIDNext), 1)})
			})
			return 0, "", err
		}
		return 0, "", nil
	}
	logged := 0
	l := &emailLog{actor: actor, source: EmailFromIMAP}
	for len(uids) > 0 {
		batch := uids[:min(emailFetchBatch, len(uids))]
		uids = uids[len(batch):]
		msgs, err := fetchMessages(c, batch)
		if err != nil {
			return logged, emailErrServer, nil
		}
		err = a.db.Write(ctx, func(tx *store.Tx) error {
			for _, msg := range msgs {
				if msg.raw == nil {
					continue // over the size limit
				}
				m, err := ReadEmail(bytes.NewReader(msg.raw))
				if err != nil {
					continue
				}
				o, err := a.logEmail(ctx, tx, l, m)
				if err != nil {
					return err
				}
				if o == emailLogged {
					logged++
				}
			}
			state.LastUID = max(state.LastUID, uint32(batch[len(batch)-1]))
			return store.SaveEmailFolderState(ctx, tx, actor.ID, folder, state)
		})
		if err != nil {
			return logged, "", err
		}
	}
	return logged, "", nil
}

// fetchedMessage is one message's UID and bytes (nil when too large).
type fetchedMessage struct {
	uid imap.UID
	raw []byte
}

// fetchMessages fetches the sizes of the UIDs, then the bodies of those
// within the size limit, without marking them read.
func fetchMessages(c *imapclient.Client, uids []imap.UID) ([]fetchedMessage, error) {
	set := imap.UIDSetNum(uids...)
	sizes, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return nil, err
	}
	var small []imap.UID
	for _, s := range sizes {
		if s.RFC822Size <= maxEmailBytes {
			small = append(small, s.UID)
		}
	}
	out := make([]fetchedMessage, 0, len(uids))
	if len(small) == 0 {
		return out, nil
	}
	section := &imap.FetchItemBodySection{Peek: true}
	bodies, err := c.Fetch(imap.UIDSetNum(small...), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return nil, err
	}
	for _, b := range bodies {
		out = append(out, fetchedMessage{uid: b.UID, raw: b.FindBodySection(section)})
	}
	return out, nil
}
