package ui_test

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui"
	"rolo/ui/i18n"
)

// newReplicatedServer is newTestServer with serve's --replicate: the
// database ships every change to the replica URLs.
func newReplicatedServer(t *testing.T, urls ...string) *testServer {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rolo.db")
	a, err := app.OpenReplicated(context.Background(), path, app.Config{Sleep: func(context.Context, time.Duration) {}}, urls, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ui.NewServer(a, ui.Config{DBPath: path, Addr: "127.0.0.1:0", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	catalog, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{Server: srv, app: a, catalog: catalog}
}

// eventually polls check until it holds or 20 seconds pass.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if check() {
			return
		}
	}
	t.Fatalf("timed out waiting until %s", what)
}

// TestBackupSettingsShowReplicas: Settings → Backup shows each replica's
// state and oldest restorable point to admins; a replica whose target goes
// away shows failing there and on /healthz, the admins are told under the
// bell, and it recovers by itself when the target is back.
func TestBackupSettingsShowReplicas(t *testing.T) {
	is := is.New(t)
	nas := filepath.Join(t.TempDir(), "nas")
	ts := newReplicatedServer(t, "file://"+nas)
	admin := ts.setupAdmin(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go ts.app.RunReplicaWatch(ctx, 50*time.Millisecond, 300*time.Millisecond)

	eventually(t, "the replica shows in sync", func() bool {
		page := admin.get("/settings").Body
		return strings.Contains(page, `id="backup"`) && strings.Contains(page, "replica-in_sync") && strings.Contains(page, "In sync") &&
			!strings.Contains(page, `<td class="replica-oldest">—</td>`)
	})
	page := admin.get("/settings").Body
	is.True(strings.Contains(page, "file://"+nas))
	res := admin.get("/healthz")
	is.Equal(res.StatusCode, 200)
	is.True(strings.Contains(res.Body, `"ok"`))
	viewer := ts.loginAs(t, app.RoleViewer)
	is.True(!strings.Contains(viewer.get("/settings").Body, `id="backup"`)) // the replica's address is for admins

	// The share goes away: its place is taken by a file.
	is.NoErr(os.Rename(nas, nas+".away"))
	is.NoErr(os.WriteFile(nas, []byte("unmounted"), 0o600))
	_, err := ts.app.CreateContact(context.Background(), nil, app.ContactInput{FirstName: "Written", LastName: "Meanwhile"})
	is.NoErr(err) // local writes go on
	eventually(t, "/healthz reports the failing replica", func() bool {
		res := admin.get("/healthz")
		return res.StatusCode == 503 && strings.Contains(res.Body, `"replica_failing"`) && !strings.Contains(res.Body, nas)
	})
	page = admin.get("/settings").Body
	is.True(strings.Contains(page, "replica-failing") && strings.Contains(page, "Failing since") && strings.Contains(page, "not a directory"))
	eventually(t, "the admin is told under the bell", func() bool {
		return strings.Contains(admin.get("/notifications").Body, "file://"+nas) // the notice names the replica (the kind's name is on the page anyway, among the choices)
	})

	// The share comes back; replication catches up without a restart.
	is.NoErr(os.Remove(nas))
	is.NoErr(os.Rename(nas+".away", nas))
	eventually(t, "the replica recovers by itself", func() bool {
		return admin.get("/healthz").StatusCode == 200 && strings.Contains(admin.get("/settings").Body, "replica-in_sync")
	})
}

// TestBackupSettingsWithoutReplicas: without --replicate the page says
// how to start one, and /healthz is as before.
func TestBackupSettingsWithoutReplicas(t *testing.T) {
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	page := admin.get("/settings").Body
	is.True(strings.Contains(page, `id="backup"`) && strings.Contains(page, "--replicate"))
	res := admin.get("/healthz")
	is.Equal(res.StatusCode, 200)
	is.Equal(strings.TrimSpace(res.Body), `{"status":"ok"}`)
}
