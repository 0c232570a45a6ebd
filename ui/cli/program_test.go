package cli_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/json"
	"encoding/pem"
	"io"
	"maps"
	"math/big"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
	"rolo/ui/api"
)

func TestServeAndCommands(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	getenv := env(map[string]string{"XDG_DATA_HOME": dir})
	dbFile := filepath.Join(dir, "rolo", "rolo.db")

	url, stop := startServe(t, getenv)
	res, err := http.Get(url + "/setup")
	is.NoErr(err)
	res.Body.Close()
	is.Equal(res.StatusCode, http.StatusOK) // the first page is setup
	_, err = os.Stat(dbFile)
	is.NoErr(err) // created in the XDG data directory

	out, err := rolo(t, getenv, "", "restore", filepath.Join(dir, "whatever.db"))
	is.True(err != nil && strings.Contains(err.Error(), "server")) // restore refuses while serving
	_ = out

	out, err = rolo(t, getenv, "s3cret-password\n", "user", "add", "--email", "Ada@Example.com", "--name", "Ada", "--role", "admin")
	is.NoErr(err) // password read from standard input
	is.True(strings.Contains(out, "ada@example.com"))

	backup := filepath.Join(dir, "backup.db")
	out, err = rolo(t, getenv, "", "backup", backup)
	is.NoErr(err) // backup while serving
	is.True(strings.Contains(out, "integrity ok"))

	is.NoErr(stop()) // SIGINT-like stop returns cleanly
	wal, err := os.Stat(dbFile + "-wal")
	is.True(err != nil || wal.Size() == 0) // the WAL was folded into the file

	out, err = rolo(t, getenv, "", "user", "list")
	is.NoErr(err)
	is.True(strings.Contains(out, "ada@example.com"))
	is.True(strings.Contains(out, "admin"))

	_, err = rolo(t, getenv, "short\n", "user", "passwd", "ada@example.com")
	is.True(err != nil && strings.Contains(err.Error(), "8 characters")) // a clear message

	_, err = rolo(t, getenv, "", "user", "disable", "ada@example.com")
	is.True(err != nil && strings.Contains(err.Error(), "administrator")) // the last admin stays

	out, err = rolo(t, getenv, "", "doctor")
	is.NoErr(err)
	is.True(strings.Contains(out, "Verdict: OK"))
	is.True(strings.Contains(out, "search index  ok"))
	out, err = rolo(t, getenv, "", "doctor", "--fix")
	is.NoErr(err)
	is.True(strings.Contains(out, "Rebuilt the search index"))

	out, err = rolo(t, getenv, "", "restore", backup)
	is.NoErr(err)
	is.True(strings.Contains(out, "kept as"))

	out, err = rolo(t, getenv, "", "version")
	is.NoErr(err)
	is.True(strings.HasPrefix(out, "rolo "))
}

// TestServeStopsOnADamagedFile: serve checks the file as it starts and,
// finding a damaged page, stops with a message that points to doctor and
// restore instead of serving from it.
func TestServeStopsOnADamagedFile(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "rolo.db")
	getenv := env(map[string]string{"ROLO_DB": dbFile})
	_, err := rolo(t, getenv, "s3cret-password\n", "user", "add", "--email", "ada@example.com", "--name", "Ada", "--role", "admin")
	is.NoErr(err)

	// Overwrite the last index's root page, as a failing disk might.
	db, err := sql.Open("sqlite", dbFile)
	is.NoErr(err)
	var root int64
	is.NoErr(db.QueryRow(`SELECT max(rootpage) FROM sqlite_master WHERE type = 'index'`).Scan(&root))
	is.NoErr(db.Close())
	f, err := os.OpenFile(dbFile, os.O_WRONLY, 0)
	is.NoErr(err)
	_, err = f.WriteAt(bytes.Repeat([]byte{0xff}, 4096), (root-1)*4096)
	is.NoErr(err)
	is.NoErr(f.Close())

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	err = run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, getenv, strings.NewReader(""), io.Discard, io.Discard)
	is.True(err != nil)                                    // it stopped by itself
	is.True(strings.Contains(err.Error(), "is damaged"))   // says what is wrong
	is.True(strings.Contains(err.Error(), "rolo restore")) // and what to do
	is.True(ctx.Err() == nil)                              // before the test's deadline
}

func TestDBPathResolution(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, tc := range map[string]struct {
		env  map[string]string
		args []string
		want string
	}{
		"--db wins":      {map[string]string{"ROLO_DB": "/x/env.db"}, []string{"--db", filepath.Join(dir, "flag.db")}, filepath.Join(dir, "flag.db")},
		"ROLO_DB next":   {map[string]string{"ROLO_DB": filepath.Join(dir, "env.db"), "XDG_DATA_HOME": "/x"}, nil, filepath.Join(dir, "env.db")},
		"XDG data home":  {map[string]string{"XDG_DATA_HOME": dir}, nil, filepath.Join(dir, "rolo", "rolo.db")},
		"~/.local/share": {map[string]string{"HOME": dir}, nil, filepath.Join(dir, ".local", "share", "rolo", "rolo.db")},
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			_, err := rolo(t, env(tc.env), "", append([]string{"user", "list"}, tc.args...)...)
			is.NoErr(err)
			_, err = os.Stat(tc.want)
			is.NoErr(err) // the database was created where expected
		})
	}
}

func TestDoctorFailsOnMissingFile(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	_, err := rolo(t, env(nil), "", "doctor", "--db", filepath.Join(t.TempDir(), "none.db"))
	is.True(err != nil) // a non-zero exit
}

func TestServeOnLANAsksForSetupCode(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "0.0.0.0:0", "--db", filepath.Join(dir, "rolo.db")}, env(nil), strings.NewReader(""), out, io.Discard)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "Setup code") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	is.NoErr(<-done)
	is.True(strings.Contains(out.String(), "Setup code for the first administrator: ")) // printed to the terminal
}

func TestServeOverTLS(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	dir := t.TempDir()
	certFile, keyFile := writeSelfSignedCert(t, dir)
	url, stop := startServe(t, env(nil), "--db", filepath.Join(dir, "rolo.db"), "--tls-cert", certFile, "--tls-key", keyFile)
	defer stop()
	is.True(strings.HasPrefix(url, "https://"))
	client := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, // our own test certificate
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.PostForm(url+"/setup", neturl.Values{"name": {"Ada"}, "email": {"ada@example.com"}, "password": {"correct horse"}})
	is.NoErr(err)
	res.Body.Close()
	is.Equal(res.StatusCode, http.StatusSeeOther)
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "rolo_session" {
			session = c
		}
	}
	is.True(session != nil)
	is.True(session.Secure) // never sent over plain HTTP
	is.True(strings.Contains(res.Header.Get("Strict-Transport-Security"), "max-age"))
}

// writeSelfSignedCert makes a certificate for 127.0.0.1 valid for an hour.
func writeSelfSignedCert(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "rolo test"},
		NotBefore:    time.Now().Add(-time.Minute),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

func TestContactsCommands(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	getenv := env(map[string]string{"ROLO_DB": filepath.Join(t.TempDir(), "rolo.db")})

	out, err := rolo(t, getenv, "", "contacts", "add", "--first-name", "Grace", "--last-name", "Hopper", "--email", "Grace@Navy.MIL",
		"--email", "grace@example.com", "--phone", "+1 202 555 0143", "--tag", "vip", "--tag", "navy", "--status", "customer", "--json")
	is.NoErr(err)
	var grace api.ContactJSON
	is.NoErr(json.Unmarshal([]byte(out), &grace)) // the API's shape
	is.Equal(grace.DisplayName, "Grace Hopper")
	is.Equal(len(grace.Emails), 2)
	is.Equal(grace.Emails[0].Value, "grace@navy.mil")
	is.Equal(grace.Tags, []string{"navy", "vip"})
	is.Equal(grace.OwnerID, nil) // the operator is nobody's owner
	out, err = rolo(t, getenv, "", "contacts", "add", "--first-name", "Ada")
	is.NoErr(err)
	is.True(strings.HasPrefix(out, "Added Ada ("))

	var page api.PageJSON[api.ContactJSON]
	out, err = rolo(t, getenv, "", "contacts", "list", "--limit", "1", "--json")
	is.NoErr(err)
	is.NoErr(json.Unmarshal([]byte(out), &page))
	is.Equal(page.Total, 2)
	is.Equal(page.Data[0].FirstName, "Ada") // by name
	is.True(page.NextCursor != nil)
	out, err = rolo(t, getenv, "", "contacts", "list", "--limit", "1", "--cursor", *page.NextCursor, "--json")
	is.NoErr(err)
	page = api.PageJSON[api.ContactJSON]{}
	is.NoErr(json.Unmarshal([]byte(out), &page))
	is.Equal(page.Data, []api.ContactJSON{grace}) // list items are whole contacts
	is.Equal(page.NextCursor, nil)

	out, err = rolo(t, getenv, "", "contacts", "list", "--tag", "VIP")
	is.NoErr(err)
	is.True(strings.Contains(out, "grace@navy.mil"))  // a table
	is.True(strings.Contains(out, "navy, vip"))       // with tags
	is.True(!strings.Contains(out, "Ada"))            // filtered
	is.True(strings.Contains(out, "1 of 1 contacts")) // and a count

	out, err = rolo(t, getenv, "", "contacts", "show", grace.ID, "--json")
	is.NoErr(err)
	var shown api.ContactJSON
	is.NoErr(json.Unmarshal([]byte(out), &shown))
	is.Equal(shown, grace)
	out, err = rolo(t, getenv, "", "contacts", "show", grace.ID)
	is.NoErr(err)
	is.True(strings.Contains(out, "+1 202 555 0143"))

	_, err = rolo(t, getenv, "", "contacts", "add", "--email", "ok@example.com", "--email", "not-an-address", "--status", "royalty")
	is.True(err != nil)
	is.True(strings.Contains(err.Error(), "--email #2: Not a valid email address.")) // the flag and the English message
	is.True(strings.Contains(err.Error(), "--status: Choose one of the lifecycle statuses."))
	_, err = rolo(t, getenv, "", "contacts", "list", "--sort", "shoe-size")
	is.True(err != nil && strings.Contains(err.Error(), "--sort:"))
	_, err = rolo(t, getenv, "", "contacts", "show", "no-such-id")
	is.True(err != nil && strings.Contains(err.Error(), "does not exist"))
}

func TestDemoCommand(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	path := filepath.Join(t.TempDir(), "demo.db")
	out, err := rolo(t, env(nil), "", "demo", "--db", path, "--contacts", "600", "--seed", "7", "--no-serve")
	is.NoErr(err)
	is.True(strings.Contains(out, "Generated 600 contacts"))
	is.True(strings.Contains(out, "Storing the contact cards…")) // every stage is named
	is.True(!strings.Contains(out, "\n…"))                       // none left without its words
	i := strings.Index(out, "with the password ")
	is.True(i > 0) // a way in is printed
	password := strings.TrimSpace(out[i+len("with the password "):])

	ctx := context.Background()
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	defer a.Close()
	_, err = a.Login(ctx, "demo@rolo.example", password, app.Client{Addr: "127.0.0.1"})
	is.NoErr(err) // the demo admin logs in
	list, err := a.ListContacts(ctx, nil, store.ListQuery{})
	is.NoErr(err)
	is.Equal(list.Total, 600)
	var missing int
	is.NoErr(a.DB().Reader().QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE card IS NULL`).Scan(&missing))
	is.Equal(missing, 0) // a demo starts with every contact card stored
	hits, err := a.Search(ctx, nil, "김", 5)
	is.NoErr(err)
	is.True(len(hits) > 0) // generated names are searchable, CJK included

	_, err = rolo(t, env(nil), "", "demo", "--db", path, "--no-serve")
	is.True(err != nil && strings.Contains(err.Error(), "already holds")) // never mixes into data
}

// TestFuzzBriefly fuzzes every target for 2,000 inputs when CI=true (or
// for ROLO_FUZZTIME, e.g. 1m or 50000x); `go test ./...` alone only
// replays their seeds. A count rather than a time: Go counts the replay
// of the corpus it keeps in its cache against -fuzztime, and once that
// corpus had grown to 119 inputs a loaded machine spent 4 s replaying it
// and the target failed with "context deadline exceeded" before fuzzing. An input that fails is saved by Go under the package's
// testdata/fuzz/ and fails this test; committed, it stays a regression
// seed that every run replays.
func TestFuzzBriefly(t *testing.T) {
	fuzztime := os.Getenv("ROLO_FUZZTIME")
	if fuzztime == "" && os.Getenv("CI") == "true" {
		fuzztime = "2000x"
	}
	if fuzztime == "" {
		t.Skip("set CI=true or ROLO_FUZZTIME=30s to fuzz every target")
	}
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("fuzzing needs the go command: ", err)
	}
	// The first fuzz build compiles every package with coverage
	// instrumentation, which on a fresh machine takes minutes: stop well
	// short of the test binary's own deadline rather than time it out.
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-3*time.Minute))
		defer cancel()
	}
	for _, pkg := range slices.Sorted(maps.Keys(fuzzTargets)) {
		for _, name := range fuzzTargets[pkg] {
			cmd := exec.CommandContext(ctx, goTool, "test", pkg, "-run", "^$", "-fuzz", "^"+name+"$", "-fuzztime", fuzztime)
			cmd.Dir = filepath.Join("..", "..") // the fuzz targets are named from the module's root
			out, err := cmd.CombinedOutput()
			switch {
			case ctx.Err() != nil:
				t.Logf("%s %s and the rest not fuzzed: the test's deadline is near", pkg, name)
				return
			case err != nil:
				t.Errorf("%s %s: %v\n%s", pkg, name, err, out)
			}
		}
	}
}
