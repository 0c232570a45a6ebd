package cli_test

import (
	"context"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// ackedWrite is a contact the server answered 201 for, and when.
type ackedWrite struct {
	id string
	at time.Time
}

// TestReplicaSurvivesKills runs `rolo serve --replicate file://…` as a
// child process, writes through the API from several goroutines, kills
// the process with SIGKILL at a random moment, and restores from the
// replica with `rolo restore --from` after each kill: the restored file
// passes integrity_check and holds every write acknowledged more than the
// sync interval before the kill. 20 kills under CI, 6 otherwise.
func TestReplicaSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "rolo.db")
	replica := "file://" + filepath.Join(dir, "nas", "rolo")
	token := signedInAdmin(t, path, "crash@example.com")

	rounds := 6
	if os.Getenv("CI") == "true" {
		rounds = 20
	}
	rng := mathrand.New(mathrand.NewPCG(uint64(time.Now().UnixNano()), 2))
	var acked []ackedWrite
	checked := 0
	for round := range rounds {
		url, child := startChild(t, "serve", "--db", path, "--addr", "127.0.0.1:0", "--replicate", replica)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					id, ok := createContact(url, token, fmt.Sprintf("r%d-w%d-%d@example.com", round, w, i))
					if !ok {
						return // the server is gone
					}
					mu.Lock()
					acked = append(acked, ackedWrite{id, time.Now()})
					mu.Unlock()
					time.Sleep(5 * time.Millisecond) // an office's pace, not a bulk load
				}
			}()
		}
		time.Sleep(time.Duration(1100+rng.IntN(900)) * time.Millisecond)
		killedAt := time.Now()
		is.NoErr(child.Process.Kill()) // SIGKILL: no shutdown code runs, Litestream ships nothing more
		_ = child.Wait()
		wg.Wait()

		out := filepath.Join(t.TempDir(), "restored.db")
		msg, err := rolo(t, env(map[string]string{}), "", "restore", "--db", path, "--from", replica, "-o", out)
		if err != nil {
			t.Fatalf("round %d: restore from the replica: %v", round, err)
		}
		is.True(strings.Contains(msg, "integrity ok"))
		db, err := store.Open(ctx, out, store.Options{MustExist: true, ReadOnly: true})
		is.NoErr(err)
		problems, err := db.IntegrityCheck(ctx)
		is.NoErr(err)
		is.Equal(len(problems), 0) // integrity_check is ok on the restored copy
		var missing []string
		for _, w := range acked {
			if killedAt.Sub(w.at) <= store.ReplicaSyncInterval {
				continue // may still have been on its way to the replica
			}
			checked++
			if _, err := store.ContactByID(ctx, db.Reader(), w.id); err != nil {
				missing = append(missing, fmt.Sprintf("%s acknowledged %s before the kill", w.id, killedAt.Sub(w.at).Round(time.Millisecond)))
			}
		}
		if len(missing) > 0 {
			t.Fatalf("round %d: %d acknowledged contacts are not in the replica: %s", round, len(missing), strings.Join(missing[:min(len(missing), 5)], "; "))
		}
		is.NoErr(db.Close())
	}
	is.True(checked > 100) // the rounds really wrote and checked
	t.Logf("%d kills; %d acknowledged writes, checked %d times in the restored replica", rounds, len(acked), checked)
}

// TestServeRestoresIfMissing is the "office machine died" path: a new
// machine starts with --restore-if-missing and the old machine's replica,
// serves what it held, and goes on replicating to it.
func TestServeRestoresIfMissing(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	dir := t.TempDir()
	replica := "file://" + filepath.Join(dir, "nas")
	office, err := app.OpenReplicated(ctx, filepath.Join(dir, "office.db"), app.Config{}, []string{replica}, 0)
	is.NoErr(err)
	kim, err := office.CreateContact(ctx, nil, app.ContactInput{FirstName: "Kim"})
	is.NoErr(err)
	is.NoErr(office.Close()) // a clean stop ships everything

	standby := filepath.Join(dir, "new-machine", "rolo.db")
	getenv := env(map[string]string{"ROLO_DB": standby})
	url, stop := startServe(t, getenv, "--restore-if-missing", replica, "--replicate", replica)
	is.True(url != "")
	is.NoErr(stop())

	b, err := app.OpenReplicated(ctx, standby, app.Config{}, []string{replica}, 0)
	is.NoErr(err)
	got, err := b.Contact(ctx, nil, kim.ID)
	is.NoErr(err)
	is.Equal(got.FirstName, "Kim") // served what the office machine had
	lee, err := b.CreateContact(ctx, nil, app.ContactInput{FirstName: "Lee"})
	is.NoErr(err)
	is.NoErr(b.Close())

	// The replica now holds both machines' writes, restorable as one file.
	out := filepath.Join(dir, "check.db")
	msg, err := rolo(t, getenv, "", "restore", "--from", replica, "-o", out)
	is.NoErr(err)
	is.True(strings.Contains(msg, "integrity ok"))
	c, err := app.Open(ctx, out, app.Config{})
	is.NoErr(err)
	defer c.Close()
	for _, id := range []string{kim.ID, lee.ID} {
		_, err := c.Contact(ctx, nil, id)
		is.NoErr(err)
	}

	// With the file there, --restore-if-missing leaves it alone.
	_, stop = startServe(t, getenv, "--restore-if-missing", replica)
	is.NoErr(stop())

	// A replica that cannot be read stops serve instead of starting an
	// empty database in place of the real one.
	is.NoErr(os.WriteFile(filepath.Join(dir, "unmounted"), nil, 0o600))
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	elsewhere := filepath.Join(dir, "third-machine", "rolo.db")
	err = run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", elsewhere, "--restore-if-missing", "file://" + filepath.Join(dir, "unmounted", "rolo")},
		getenv, strings.NewReader(""), io.Discard, io.Discard)
	is.True(err != nil && strings.Contains(err.Error(), "--restore-if-missing"))
	_, statErr := os.Stat(elsewhere)
	is.True(os.IsNotExist(statErr)) // no database was created
}

// TestReplicaCommands: `rolo replicas` lists a replica's position and
// range, `rolo restore --from … --at …` brings back a moment between two
// writes, and `rolo restore FILE` keeps working.
func TestReplicaCommands(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "rolo.db")
	replica := "file://" + filepath.Join(dir, "nas")
	getenv := env(map[string]string{"ROLO_DB": path, "ROLO_REPLICATE": replica})
	a, err := app.OpenReplicated(ctx, path, app.Config{}, []string{replica}, 100*time.Millisecond)
	is.NoErr(err)
	first, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "First"})
	is.NoErr(err)
	waitReplicated(t, a)
	time.Sleep(1100 * time.Millisecond)
	between := time.Now().UTC()
	time.Sleep(1100 * time.Millisecond)
	second, err := a.CreateContact(ctx, nil, app.ContactInput{FirstName: "Second"})
	is.NoErr(err)
	waitReplicated(t, a)

	// rolo backup works beside a replicating server, without waiting out
	// Litestream's read transaction at its close (5 s of busy timeout).
	start := time.Now()
	out, err := rolo(t, getenv, "", "backup", filepath.Join(dir, "copy.db"))
	is.NoErr(err)
	is.True(strings.Contains(out, "integrity ok"))
	is.True(time.Since(start) < 4*time.Second)
	waitReplicated(t, a) // its close may have written the planner's statistics

	out, err = rolo(t, getenv, "", "replicas")
	is.NoErr(err)
	is.True(strings.Contains(out, replica) && strings.Contains(out, "in_sync")) // Litestream's files beside the db say it is level
	out, err = rolo(t, getenv, "", "replicas", "--json")
	is.NoErr(err)
	is.True(strings.Contains(out, `"oldest_restorable"`))
	is.NoErr(a.Close())

	pit := filepath.Join(dir, "between.db")
	out, err = rolo(t, getenv, "", "restore", "--from", replica, "--at", between.Format(time.RFC3339Nano), "-o", pit)
	is.NoErr(err)
	is.True(strings.Contains(out, "integrity ok"))
	b, err := app.Open(ctx, pit, app.Config{})
	is.NoErr(err)
	_, err = b.Contact(ctx, nil, first.ID)
	is.NoErr(err)
	_, err = b.Contact(ctx, nil, second.ID)
	is.True(err != nil) // written after the moment
	is.NoErr(b.Close())

	// Without -o, the database itself is replaced, the old one kept aside.
	out, err = rolo(t, getenv, "", "restore", "--from", replica, "--at", between.Format(time.RFC3339Nano))
	is.NoErr(err)
	is.True(strings.Contains(out, "The replaced database was kept as"))
	out, err = rolo(t, getenv, "", "restore", pit)
	is.NoErr(err) // the plain restore of a file is as before
	is.True(strings.Contains(out, "Restored "+path))

	// Replicating again after a restore over the database: the replica's
	// latest state is the restored file and what followed, not a mix with
	// the transactions the restore went back before.
	c, err := app.OpenReplicated(ctx, path, app.Config{}, []string{replica}, 0)
	is.NoErr(err)
	third, err := c.CreateContact(ctx, nil, app.ContactInput{FirstName: "Third"})
	is.NoErr(err)
	is.NoErr(c.Close())
	latest := filepath.Join(dir, "latest.db")
	out, err = rolo(t, getenv, "", "restore", "--from", replica, "-o", latest)
	is.NoErr(err)
	is.True(strings.Contains(out, "integrity ok"))
	d, err := app.Open(ctx, latest, app.Config{})
	is.NoErr(err)
	for id, want := range map[string]bool{first.ID: true, second.ID: false, third.ID: true} {
		_, err := d.Contact(ctx, nil, id)
		is.Equal(err == nil, want)
	}
	is.NoErr(d.Close())

	_, err = rolo(t, getenv, "", "restore", "--from", replica, "--at", "yesterday", "-o", filepath.Join(dir, "x.db"))
	is.True(err != nil && strings.Contains(err.Error(), "RFC 3339"))
	is.NoErr(os.WriteFile(filepath.Join(dir, "blocked"), nil, 0o600))
	_, err = rolo(t, getenv, "", "replicas", "--replicate", "file://"+filepath.Join(dir, "blocked", "x"))
	is.True(err != nil) // a replica that cannot be read fails the command
}

// waitReplicated waits until every replica holds what Litestream took
// from the log.
func waitReplicated(t *testing.T, a *app.App) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		list := a.Replicas(context.Background())
		if len(list) > 0 && !slices.ContainsFunc(list, func(r app.ReplicaState) bool { return r.State() != app.ReplicaInSync || r.Oldest.IsZero() }) {
			return
		}
	}
	t.Fatalf("replicas never caught up: %+v", a.Replicas(context.Background()))
}
