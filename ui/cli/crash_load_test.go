package cli_test

// Crash safety and a mixed load against a child serve.

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"net/http"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	assets "rolo/embed"
	"rolo/store"
)

// TestCrashSafety starts `rolo serve` as a child process, writes through
// the API from several goroutines, kills the process with SIGKILL at a
// random moment, and checks after each of 20 kills that the file passes
// integrity_check and holds every write that was acknowledged. Some
// rounds also take a backup while the writes run.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rolo.db")
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	_, err = a.CreateUser(ctx, nil, app.NewUser{Name: "Crash", Email: "crash@example.com", Role: app.RoleAdmin, Password: "crash password"})
	is.NoErr(err)
	session, err := a.Login(ctx, "crash@example.com", "crash password", app.Client{Addr: "127.0.0.1"})
	is.NoErr(err)
	is.NoErr(a.Close())

	rng := mathrand.New(mathrand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var acknowledged []string
	for round := range 20 {
		url, child := startChild(t, "serve", "--db", path, "--addr", "127.0.0.1:0")
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					id, ok := createContact(url, session.Token, fmt.Sprintf("r%d-w%d-%d@example.com", round, w, i))
					if !ok {
						return // the server is gone
					}
					mu.Lock()
					acknowledged = append(acknowledged, id)
					mu.Unlock()
				}
			}()
		}
		if round%7 == 3 { // a backup while the writes run
			time.Sleep(50 * time.Millisecond)
			mu.Lock()
			before := slices.Clone(acknowledged)
			mu.Unlock()
			checkBackupDuringWrites(t, path, before)
		}
		time.Sleep(time.Duration(80+rng.IntN(300)) * time.Millisecond)
		is.NoErr(child.Process.Kill()) // SIGKILL: no shutdown code runs
		_ = child.Wait()
		wg.Wait()

		db, err := store.Open(ctx, path, store.Options{Migrations: assets.Migrations, MustExist: true})
		is.NoErr(err) // reopens, and refuses nothing
		problems, err := db.IntegrityCheck(ctx)
		is.NoErr(err)
		is.Equal(len(problems), 0) // integrity_check is ok after the kill
		for _, id := range acknowledged {
			if _, err := store.ContactByID(ctx, db.Reader(), id); err != nil {
				t.Fatalf("round %d: acknowledged contact %s is missing: %v", round, id, err)
			}
		}
		is.NoErr(db.Close())
	}
	is.True(len(acknowledged) > 100) // the rounds really wrote
	t.Logf("%d acknowledged writes survived 20 kills", len(acknowledged))
}

// startChild runs this test binary as `rolo ARGS...` and waits for the
// address it prints.
func startChild(t *testing.T, args ...string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ROLO_TEST_RUN_MAIN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Rolo is running at "); ok {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return rest, cmd
		}
	}
	_ = cmd.Process.Kill()
	t.Fatal("child rolo printed no address")
	return "", nil
}

// createContact posts one contact and returns its id when the server
// acknowledged it with 201.
func createContact(url, token, email string) (string, bool) {
	body := fmt.Sprintf(`{"first_name": "Crash", "emails": [{"value": %q}]}`, email)
	req, _ := http.NewRequest(http.MethodPost, url+"/api/v1/contacts", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "rolo_session", Value: token})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", false
	}
	defer res.Body.Close()
	var c struct{ ID string }
	if res.StatusCode != http.StatusCreated || json.NewDecoder(res.Body).Decode(&c) != nil {
		return "", false
	}
	return c.ID, true
}

func checkBackupDuringWrites(t *testing.T, path string, mustHave []string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dest := filepath.Join(t.TempDir(), "backup.db")
	if _, err := app.Backup(ctx, db, dest); err != nil {
		t.Fatalf("backup during writes: %v", err)
	}
	copyDB, err := store.Open(ctx, dest, store.Options{MustExist: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	for _, id := range mustHave {
		if _, err := store.ContactByID(ctx, copyDB.Reader(), id); err != nil {
			t.Fatalf("backup lacks %s, acknowledged before it began", id)
		}
	}
}

var loadDuration = flag.Duration("load-duration", 5*time.Second, "how long TestLoad runs its simulated users")

// TestLoad starts the real server on loopback and runs 50 simulated users
// for a bounded time, each browsing lists, opening records, creating and
// editing contacts. Every answer must be a success: no 5xx, no "database
// is locked". It reports throughput and the 99th percentile.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rolo.db")
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	is.NoErr(a.GenerateDemo(ctx, app.DemoOptions{Contacts: 5000, Companies: 500, Seed: 9}))
	var tokens []string
	for i := range 50 {
		email := fmt.Sprintf("user%d@example.com", i)
		_, err := a.CreateUser(ctx, nil, app.NewUser{Name: fmt.Sprint("User ", i), Email: email, Role: app.RoleSales, Password: "load password"})
		is.NoErr(err)
		s, err := a.Login(ctx, email, "load password", app.Client{Addr: fmt.Sprint("127.0.0.", i)})
		is.NoErr(err)
		tokens = append(tokens, s.Token)
	}
	is.NoErr(a.Close())

	url, stop := startServe(t, env(nil), "--db", path)
	defer stop()
	var mu sync.Mutex
	var durations []time.Duration
	var failures []string
	deadline := time.Now().Add(*loadDuration)
	var wg sync.WaitGroup
	for u, token := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := loadUser{url: url, token: token, rng: mathrand.New(mathrand.NewPCG(uint64(u), 2))}
			for i := 0; time.Now().Before(deadline); i++ {
				start := time.Now()
				what, status, body := user.step(u, i)
				took := time.Since(start)
				mu.Lock()
				durations = append(durations, took)
				if status >= 500 || status == 0 || strings.Contains(body, "database is locked") {
					failures = append(failures, fmt.Sprintf("%s: %d %.200s", what, status, body))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	is.Equal(len(failures), 0) // every request succeeded
	for _, f := range failures[:min(len(failures), 5)] {
		t.Log(f)
	}
	slices.Sort(durations)
	p99 := durations[len(durations)*99/100]
	t.Logf("load: %d requests in %v by 50 users: %.0f req/s, p50 %v, p99 %v", len(durations), *loadDuration,
		float64(len(durations))/loadDuration.Seconds(), durations[len(durations)/2], p99)
}

// loadClient gives up on a request after 10 s, so a server that stalls
// (a starved connection pool) fails the test instead of hanging it, and
// does not follow redirects: a 303 after a form post is a success.
var loadClient = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// loadUser is one simulated person clicking through Rolo.
type loadUser struct {
	url, token string
	rng        *mathrand.Rand
	lastID     string
}

func (l *loadUser) do(method, path, contentType, body string) (int, string) {
	req, _ := http.NewRequest(method, l.url+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.AddCookie(&http.Cookie{Name: "rolo_session", Value: l.token})
	res, err := loadClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(data)
}

// step performs one action, chosen the way people use a CRM: mostly
// reading, sometimes writing.
func (l *loadUser) step(u, i int) (string, int, string) {
	switch n := l.rng.IntN(10); {
	case n < 3:
		status, body := l.do("GET", "/contacts?sort="+[]string{"name", "-updated", "owner"}[l.rng.IntN(3)], "", "")
		return "list contacts", status, body
	case n < 5:
		status, body := l.do("GET", "/api/v1/contacts?limit=20&status="+app.LifecycleStatuses[l.rng.IntN(8)], "", "")
		var page struct{ Data []struct{ ID string } }
		if json.Unmarshal([]byte(body), &page) == nil && len(page.Data) > 0 {
			l.lastID = page.Data[l.rng.IntN(len(page.Data))].ID
		}
		return "api list", status, body
	case n < 7 && l.lastID != "":
		status, body := l.do("GET", "/contacts/"+l.lastID, "", "")
		return "show contact", status, body
	case n < 9:
		form := neturl.Values{"first_name": {"Load"}, "last_name": {fmt.Sprint(u, "-", i)}, "emails.0.value": {fmt.Sprintf("load%d-%d@example.com", u, i)}, "tags": {"load"}}
		status, body := l.do("POST", "/contacts", "application/x-www-form-urlencoded", form.Encode())
		return "create contact", status, body
	default:
		if l.lastID == "" {
			return "skip", 200, ""
		}
		status, body := l.do("GET", "/api/v1/contacts/"+l.lastID, "", "")
		var c struct{ Version int }
		if status != 200 || json.Unmarshal([]byte(body), &c) != nil {
			return "get for edit", status, body
		}
		status, body = l.do("PATCH", "/api/v1/contacts/"+l.lastID, "application/json", fmt.Sprintf(`{"version": %d, "title": "Edited %d"}`, c.Version, i))
		if status == http.StatusConflict {
			status = 200 // another user saved first: the expected answer, not a failure
		}
		return "edit contact", status, body
	}
}
