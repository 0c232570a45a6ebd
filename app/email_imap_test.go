package app_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/matryer/is"

	"rolo/app"
)

// imapServer is go-imap's in-memory server on a loopback port, which a
// test can stop and start again on the same address.
type imapServer struct {
	t    *testing.T
	mem  *imapmemserver.Server
	user *imapmemserver.User
	addr string
	srv  *imapserver.Server
}

func newIMAPServer(t *testing.T) *imapServer {
	t.Helper()
	s := &imapServer{t: t, mem: imapmemserver.New(), user: imapmemserver.NewUser("ada@example.com", "app-password-1234")}
	for _, box := range []string{"INBOX", "Sent", "Rolo"} {
		if err := s.user.Create(box, nil); err != nil {
			t.Fatal(err)
		}
	}
	s.mem.AddUser(s.user)
	s.start("127.0.0.1:0")
	t.Cleanup(s.stop)
	return s
}

func (s *imapServer) start(addr string) {
	s.t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		s.t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	s.srv = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return s.mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
		Logger:       nopLogger{},
	})
	go s.srv.Serve(ln)
}

func (s *imapServer) stop() {
	if s.srv != nil {
		s.srv.Close()
		s.srv = nil
	}
}

func (s *imapServer) port() int {
	_, port, _ := net.SplitHostPort(s.addr)
	n := 0
	for _, c := range port {
		n = n*10 + int(c-'0')
	}
	return n
}

// deliver puts a sample message into a folder, received at when.
func (s *imapServer) deliver(folder, file string, when time.Time) {
	s.t.Helper()
	raw, err := os.ReadFile("../testdata/email/" + file)
	if err != nil {
		s.t.Fatal(err)
	}
	if _, err := s.user.Append(folder, bytes.NewReader(raw), &imap.AppendOptions{Time: when}); err != nil {
		s.t.Fatal(err)
	}
}

type nopLogger struct{}

func (nopLogger) Printf(string, ...any) {}

// TestIMAPWatch watches an INBOX and a Sent folder on a real IMAP server:
// a new message is logged once however often the folder is checked, a
// message sent to a contact appears by itself, a server that is down is
// tried again later (not in a tight loop) and caught up when back, and a
// wrong password is shown on the account and as a notification.
func TestIMAPWatch(t *testing.T) {
	is := is.New(t)
	w := newEmailWorld(t)
	srv := newIMAPServer(t)
	ctx := context.Background()
	now := w.ta.clock.Now()

	srv.deliver("INBOX", "stranger.eml", now.AddDate(0, 0, -90)) // older than the first check reads
	acc, err := w.ta.SaveEmailAccount(ctx, w.admin, app.EmailAccountInput{Host: "127.0.0.1", Port: srv.port(), Security: "none",
		Username: "ada@example.com", Password: "app-password-1234", Folders: []string{"INBOX", "Sent"}, Enabled: true})
	is.NoErr(err)
	is.Equal(acc.Folders, []string{"INBOX", "Sent"})

	// The key file is beside the database, for its owner only, and the
	// password is not in the database file in clear.
	info, err := os.Stat(w.ta.KeyFilePath())
	is.NoErr(err)
	is.Equal(info.Mode().Perm(), os.FileMode(0o600))
	is.NoErr(w.ta.DB().CheckpointTruncate(ctx))
	file, err := os.ReadFile(w.ta.dbPath)
	is.NoErr(err)
	is.True(!bytes.Contains(file, []byte("app-password-1234"))) // sealed, not stored in clear

	srv.deliver("INBOX", "gmail-reply.eml", now)
	is.NoErr(w.ta.CheckEmailAccounts(ctx))
	is.Equal(w.emailsOn(t, "contact", w.bob.ID), []string{"Re: Quote for 20 seats"})
	acc, _, err = w.ta.EmailAccountOf(ctx, w.admin)
	is.NoErr(err)
	is.Equal(acc.LastError, "")
	is.Equal(acc.Logged, 1)

	// Checked again, later: nothing new, nothing twice. A message Ada
	// sent to Bob appears by itself.
	w.ta.clock.Add(6 * time.Minute)
	is.NoErr(w.ta.CheckEmailAccounts(ctx))
	srv.deliver("Sent", "apple-attachment.eml", w.ta.clock.Now())
	w.ta.clock.Add(6 * time.Minute)
	is.NoErr(w.ta.CheckEmailAccounts(ctx))
	is.Equal(w.emailsOn(t, "contact", w.bob.ID), []string{"Contract draft", "Re: Quote for 20 seats"})

	// The server goes down: the check fails, the user is told once, and
	// the account waits before it is tried again.
	srv.stop()
	w.ta.clock.Add(6 * time.Minute)
	is.NoErr(w.ta.CheckEmailAccounts(ctx))
	acc, _, _ = w.ta.EmailAccountOf(ctx, w.admin)
	is.Equal(acc.LastError, "email.error.connect")
	is.Equal(acc.Failures, 1)
	is.True(acc.NextCheckAt.After(w.ta.clock.Now())) // not retried at once
	is.NoErr(w.ta.CheckEmailAccounts(ctx))           // not due: no second attempt
	acc, _, _ = w.ta.EmailAccountOf(ctx, w.admin)
	is.Equal(acc.Failures, 1)
	notes, _, err := w.ta.Notifications(ctx, w.admin, 10)
	is.NoErr(err)
	is.Equal(len(notes), 1)
	is.Equal(notes[0].Kind, "email_failed")
	is.Equal(notes[0].Link, "/profile/email")

	// Back up, with mail that came while it was down (or while the laptop
	// slept): caught up at the next check.
	srv.start(srv.addr)
	srv.deliver("INBOX", "outlook-html.eml", w.ta.clock.Now())
	w.ta.clock.Add(10 * time.Minute)
	is.NoErr(w.ta.CheckEmailAccounts(ctx))
	acc, _, _ = w.ta.EmailAccountOf(ctx, w.admin)
	is.Equal(acc.LastError, "")
	is.Equal(acc.Failures, 0)
	is.Equal(w.emailsOn(t, "contact", w.carol.ID), []string{"RE: Quote for 20 seats", "Re: Quote for 20 seats"})

	// A wrong password: refused, shown, told.
	_, err = w.ta.SaveEmailAccount(ctx, w.admin, app.EmailAccountInput{Host: "127.0.0.1", Port: srv.port(), Security: "none",
		Username: "ada@example.com", Password: "wrong", Folders: []string{"INBOX"}, Enabled: true})
	is.NoErr(err)
	acc, err = w.ta.CheckEmailNow(ctx, w.admin)
	is.NoErr(err)
	is.Equal(acc.LastError, "email.error.login")
	notes, _, _ = w.ta.Notifications(ctx, w.admin, 10)
	is.Equal(len(notes), 2)
	is.Equal(len(w.emailsOn(t, "contact", w.bob.ID)), 2) // nothing logged twice through it all
}

// TestEmailAccountRules: the password is required once and kept when
// left empty; clear text goes only to a server on this machine; a lost
// key file shows as such rather than as a wrong password.
func TestEmailAccountRules(t *testing.T) {
	is := is.New(t)
	w := newEmailWorld(t)
	ctx := context.Background()
	in := app.EmailAccountInput{Host: "imap.example.com", Username: "ada@example.com", Enabled: true}
	_, err := w.ta.SaveEmailAccount(ctx, w.admin, in)
	is.Equal(fieldProblem(err, "password"), "error.required")
	in.Security = "none"
	in.Password = "secret-app-password"
	_, err = w.ta.SaveEmailAccount(ctx, w.admin, in)
	is.Equal(fieldProblem(err, "security"), "error.email_security_clear")
	in.Security = ""
	acc, err := w.ta.SaveEmailAccount(ctx, w.admin, in)
	is.NoErr(err)
	is.Equal(acc.Port, 993)
	is.Equal(acc.Security, "tls")
	is.Equal(acc.Folders, []string{"INBOX"})
	in.Password, in.Folders = "", []string{"Rolo", "Sent", "Rolo"}
	acc, err = w.ta.SaveEmailAccount(ctx, w.admin, in)
	is.NoErr(err) // the stored password stays
	is.Equal(acc.Folders, []string{"Rolo", "Sent"})

	is.NoErr(os.Remove(w.ta.KeyFilePath()))
	acc, err = w.ta.CheckEmailNow(ctx, w.admin)
	is.NoErr(err)
	is.Equal(acc.LastError, "email.error.key")
	is.True(!strings.Contains(acc.LastError, "secret"))
	is.NoErr(w.ta.DeleteEmailAccount(ctx, w.admin))
	_, ok, err := w.ta.EmailAccountOf(ctx, w.admin)
	is.NoErr(err)
	is.True(!ok)
}
