package store_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/matryer/is"

	assets "rolo/embed"
	"rolo/store"
)

// openReplicated opens a fresh database that replicates to urls.
func openReplicated(t *testing.T, path string, urls ...string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{Migrations: assets.Migrations, Replicate: urls, ReplicaSyncInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func putSetting(t *testing.T, db *store.DB, key, value string) {
	t.Helper()
	if err := db.Write(context.Background(), func(tx *store.Tx) error { return store.PutSetting(context.Background(), tx, key, value) }); err != nil {
		t.Fatal(err)
	}
}

// restored restores rawURL at the moment at into a new file and returns
// the settings it holds, after checking the file's integrity.
func restored(t *testing.T, rawURL string, at time.Time) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "restored.db")
	if err := store.RestoreReplica(ctx, rawURL, out, at); err != nil {
		t.Fatalf("restore %s: %v", rawURL, err)
	}
	db, err := store.Open(ctx, out, store.Options{MustExist: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if problems, err := db.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("restored file fails integrity_check: %v %v", problems, err)
	}
	got := map[string]string{}
	for _, key := range []string{"a", "b", "c"} {
		if v, err := store.Setting(ctx, db.Reader(), key, ""); err == nil && v != "" {
			got[key] = v
		}
	}
	return got
}

// waitFor polls cond until it holds or 30 seconds pass (the AWS SDK
// retries a refused connection for several seconds before it fails).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting until %s: %+v", what, lastStatus)
}

// localTXID is the last transaction Litestream has taken from the log.
func localTXID(db *store.DB) uint64 { return db.Replicas(context.Background())[0].LocalTXID }

// syncedPast reports whether Litestream took a transaction after txid
// from the log and every replica holds it and has been listed since.
func syncedPast(db *store.DB, txid uint64) bool {
	list := db.Replicas(context.Background())
	for _, r := range list {
		if r.LocalTXID <= txid || r.TXID < r.LocalTXID || !r.FailingSince.IsZero() || r.Oldest.IsZero() {
			return false
		}
	}
	return len(list) > 0
}

// putSynced writes a setting and waits until every replica holds it.
func putSynced(t *testing.T, db *store.DB, key, value string) {
	t.Helper()
	before := localTXID(db)
	putSetting(t, db, key, value)
	waitFor(t, "every replica holds "+key, func() bool { return syncedPast(db, before) })
}

var lastStatus []store.ReplicaStatus

func failing(db *store.DB, i int) bool {
	list := db.Replicas(context.Background())
	lastStatus = list
	return !list[i].FailingSince.IsZero() && list[i].LastError != ""
}

func TestReplicateToFilesAndRestore(t *testing.T) {
	is := is.New(t)
	dir := t.TempDir()
	first, second := "file://"+filepath.Join(dir, "nas"), "file://"+filepath.Join(dir, "usb")
	db := openReplicated(t, filepath.Join(dir, "rolo.db"), first, second)
	putSetting(t, db, "a", "1")
	putSynced(t, db, "b", "2")
	list := db.Replicas(context.Background())
	is.Equal(len(list), 2)
	is.True(!list[0].Mirror && list[1].Mirror)
	is.True(!list[0].Oldest.IsZero() && !list[0].Latest.Before(list[0].Oldest))

	// Rolo's own checkpoint goes through Litestream while it replicates.
	is.NoErr(db.CheckpointTruncate(context.Background()))
	putSetting(t, db, "c", "3")
	is.NoErr(db.Close())

	want := map[string]string{"a": "1", "b": "2", "c": "3"}
	is.Equal(restored(t, first, time.Time{}), want)
	is.Equal(restored(t, second, time.Time{}), want) // the mirror restores on its own

	// Opened again without replication, as before: a clean stop still
	// leaves the .db file complete on its own, its log emptied.
	plain, err := store.Open(context.Background(), filepath.Join(dir, "rolo.db"), store.Options{Migrations: assets.Migrations})
	is.NoErr(err)
	putSetting(t, plain, "d", "4")
	is.NoErr(plain.Close())
	if info, err := os.Stat(filepath.Join(dir, "rolo.db-wal")); err == nil {
		is.Equal(info.Size(), int64(0))
	}
}

// fakeS3 serves an in-memory S3 on a loopback port; stop and start turn
// it off and on again at the same address with the same objects.
type fakeS3 struct {
	handler http.Handler
	addr    string
	srv     *http.Server
}

func newFakeS3(t *testing.T) *fakeS3 {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("rolo"); err != nil {
		t.Fatal(err)
	}
	f := &fakeS3{handler: gofakes3.New(backend).Server()}
	f.start(t)
	t.Cleanup(f.stop)
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret-never-logged")
	return f
}

func (f *fakeS3) start(t *testing.T) {
	t.Helper()
	addr := f.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var ln net.Listener
	var err error
	for range 50 { // the port may linger for a moment after stop
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	f.addr = ln.Addr().String()
	f.srv = &http.Server{Handler: f.handler}
	go f.srv.Serve(ln)
}

func (f *fakeS3) stop() {
	if f.srv != nil {
		f.srv.Close()
		f.srv = nil
	}
}

func (f *fakeS3) url(path string) string {
	return "s3://rolo/" + path + "?endpoint=" + url.QueryEscape("http://"+f.addr) + "&region=us-east-1"
}

func TestReplicateToS3PointInTime(t *testing.T) {
	is := is.New(t)
	s3 := newFakeS3(t)
	target := s3.url("office/rolo")
	db := openReplicated(t, filepath.Join(t.TempDir(), "rolo.db"), target)
	putSynced(t, db, "a", "before")
	time.Sleep(1100 * time.Millisecond) // LTX timestamps count milliseconds; leave a clear gap
	between := time.Now()
	time.Sleep(1100 * time.Millisecond)
	putSynced(t, db, "b", "after")

	is.Equal(restored(t, target, time.Time{}), map[string]string{"a": "before", "b": "after"})
	is.Equal(restored(t, target, between), map[string]string{"a": "before"}) // the moment between the writes
	is.NoErr(db.Close())

	err := store.RestoreReplica(context.Background(), target, filepath.Join(t.TempDir(), "x.db"), between.Add(-time.Hour))
	is.True(err != nil && strings.Contains(err.Error(), "reaches back to")) // before the first write
}

func TestReplicaFailsAndRecoversByItself(t *testing.T) {
	is := is.New(t)
	dir := t.TempDir()
	s3 := newFakeS3(t)
	nas := filepath.Join(dir, "nas")
	fileURL, s3URL := "file://"+nas, s3.url("rolo")
	db := openReplicated(t, filepath.Join(dir, "rolo.db"), fileURL, s3URL)
	defer db.Close()
	putSynced(t, db, "a", "1")

	// The share goes away (unmounted, its place taken by something that
	// is not a directory) and the S3 server stops.
	is.NoErr(os.Rename(nas, nas+".away"))
	is.NoErr(os.WriteFile(nas, []byte("not a directory"), 0o600))
	s3.stop()
	putSetting(t, db, "b", "2") // local writes go on
	waitFor(t, "both replicas show failing", func() bool { return failing(db, 0) && failing(db, 1) })
	for _, r := range db.Replicas(context.Background()) {
		is.True(r.TXID < r.LocalTXID)
		is.True(!strings.Contains(r.URL, "secret") && !strings.Contains(r.LastError, "test-secret"))
	}

	// Both come back; replication catches up without a restart.
	is.NoErr(os.Remove(nas))
	is.NoErr(os.Rename(nas+".away", nas))
	s3.start(t)
	putSynced(t, db, "c", "3")
	want := map[string]string{"a": "1", "b": "2", "c": "3"}
	is.Equal(restored(t, fileURL, time.Time{}), want)
	is.Equal(restored(t, s3URL, time.Time{}), want)
}

func TestRedactReplicaURL(t *testing.T) {
	is := is.New(t)
	for raw, want := range map[string]string{
		"sftp://backup:hunter2@nas.local/rolo":                 "sftp://backup:***@nas.local/rolo",
		"s3://b/p?endpoint=http%3A%2F%2Fminio%3A9000&region=x": "s3://b/p?endpoint=http%3A%2F%2Fminio%3A9000&region=x",
		"s3://b/p?sse-customer-key=abc&region=x":               "s3://b/p?region=x&sse-customer-key=***",
		"webdavs://me:pw@dav.example/rolo?token=t":             "webdavs://me:***@dav.example/rolo?token=***",
	} {
		got := store.RedactReplicaURL(raw)
		is.Equal(got, want)
		is.True(!strings.Contains(got, "hunter2"))
	}
	_, err := store.ParseReplicaURLs("ftp://x/y")
	is.True(err != nil)
	urls, err := store.ParseReplicaURLs("file:///a, file:///b file:///c")
	is.NoErr(err)
	is.Equal(len(urls), 3)
}
