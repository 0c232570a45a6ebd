package cli_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestServeHandsBackStartupMemory: once its start-up is over, `rolo serve`
// (a child process, replicating) unmaps the pages of its binary that the
// start-up touched — megabytes, since every linked package's initialiser
// ran — and goes on serving and replicating with the pages coming back as
// they are needed: a contact written afterwards reaches the replica.
func TestServeHandsBackStartupMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the binary's pages are handed back on Linux only")
	}
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "rolo.db")
	replica := "file://" + filepath.Join(dir, "nas", "rolo")
	token := signedInAdmin(t, path, "mem@example.com")

	cmd := exec.Command(os.Args[0], "serve", "--db", path, "--addr", "127.0.0.1:0", "--replicate", replica)
	cmd.Env = append(os.Environ(), "ROLO_TEST_RUN_MAIN=1", "ROLO_LOG_LEVEL=debug")
	out, err := cmd.StdoutPipe()
	is.NoErr(err)
	logs, err := cmd.StderrPipe()
	is.NoErr(err)
	is.NoErr(cmd.Start())
	defer func() { _ = cmd.Process.Kill() }()
	url := ""
	for sc := bufio.NewScanner(out); url == "" && sc.Scan(); {
		url, _ = strings.CutPrefix(sc.Text(), "Rolo is running at ")
	}
	is.True(url != "")
	go func() { _, _ = io.Copy(io.Discard, out) }()

	// The start-up's end, then what it handed back.
	releasedKB := -1
	var seen []string
	for sc := bufio.NewScanner(logs); releasedKB < 0 && sc.Scan(); {
		seen = append(seen, sc.Text())
		if _, rest, ok := strings.Cut(sc.Text(), "binary_pages_kb="); ok {
			_, err := fmt.Sscan(rest, &releasedKB)
			is.NoErr(err)
		}
	}
	go func() { _, _ = io.Copy(io.Discard, logs) }()
	if releasedKB < 0 {
		t.Fatalf("serve logged no hand-back:\n%s", strings.Join(seen, "\n"))
	}
	// The initialisers alone leave about 20 MB of the binary resident.
	if releasedKB < 4096 {
		t.Fatalf("handed back %d KB of the binary, want megabytes", releasedKB)
	}

	for _, page := range []string{"/healthz", "/login"} {
		res, err := http.Get(url + page)
		is.NoErr(err)
		res.Body.Close()
		is.Equal(res.StatusCode, http.StatusOK) // serving needs its pages back
	}
	id, ok := createContact(url, token, "after-start-up@example.com")
	is.True(ok)
	is.NoErr(cmd.Process.Signal(os.Interrupt)) // a clean stop ships everything
	is.NoErr(cmd.Wait())

	restored := filepath.Join(t.TempDir(), "restored.db")
	_, err = rolo(t, env(map[string]string{}), "", "restore", "--db", path, "--from", replica, "-o", restored)
	is.NoErr(err)
	db, err := store.Open(ctx, restored, store.Options{MustExist: true, ReadOnly: true})
	is.NoErr(err)
	defer db.Close()
	_, err = store.ContactByID(ctx, db.Reader(), id)
	is.NoErr(err) // written after the hand-back, and in the replica
}

// signedInAdmin makes the database at path with one administrator and
// returns the token of a session of theirs, for the API as a cookie.
func signedInAdmin(t *testing.T, path, email string) string {
	t.Helper()
	is := is.New(t)
	ctx := context.Background()
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	_, err = a.CreateUser(ctx, nil, app.NewUser{Name: "Admin", Email: email, Role: app.RoleAdmin, Password: "admin password"})
	is.NoErr(err)
	session, err := a.Login(ctx, email, "admin password", app.Client{Addr: "127.0.0.1"})
	is.NoErr(err)
	is.NoErr(a.Close())
	return session.Token
}
