package app_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"rolo/app"
	"rolo/store"
)

// benchReplicas are the targets the replication benchmarks compare: none
// (as without --replicate), a file replica, and an S3 one on an
// in-process S3 server.
func benchReplicas(b *testing.B) map[string][]string {
	b.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("bench"); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	b.Cleanup(srv.Close)
	b.Setenv("AWS_ACCESS_KEY_ID", "bench")
	b.Setenv("AWS_SECRET_ACCESS_KEY", "bench")
	return map[string][]string{
		"off":  nil,
		"file": {"file://" + filepath.Join(b.TempDir(), "nas")},
		"s3":   {"s3://bench/rolo?endpoint=" + url.QueryEscape(srv.URL) + "&region=us-east-1"},
	}
}

// waitInSync waits until every replica holds what Litestream took from
// the log, so that the first full copy is not counted in what follows.
func waitInSync(b *testing.B, a *app.App) {
	b.Helper()
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		synced := true
		for _, r := range a.Replicas(context.Background()) {
			synced = synced && r.State() == app.ReplicaInSync && !r.Oldest.IsZero()
		}
		if synced {
			return
		}
	}
	b.Fatalf("replicas never caught up: %+v", a.Replicas(context.Background()))
}

// BenchmarkContactCreateReplication is BenchmarkContactCreate (100,000
// contacts) with replication off, to a file replica and to S3: what
// Litestream costs the write path.
func BenchmarkContactCreateReplication(b *testing.B) {
	ctx := context.Background()
	targets := benchReplicas(b)
	for _, name := range []string{"off", "file", "s3"} {
		b.Run(name, func(b *testing.B) {
			a, err := app.OpenReplicated(ctx, copyOf(b, benchDB(b, 100_000)), app.Config{}, targets[name], 0)
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			waitInSync(b, a)
			var l latencies
			i := 0
			for b.Loop() {
				i++
				l.time(func() {
					_, err := a.CreateContact(ctx, nil, app.ContactInput{
						FirstName: "Bench", LastName: fmt.Sprint(i), Emails: []store.Labeled{{Value: fmt.Sprintf("bench%d@example.com", i)}, {Value: fmt.Sprintf("b%d@example.org", i)}},
						Phones: []store.Labeled{{Value: "+1 415 555 0100"}}, Tags: []string{"vip", "bench"},
					})
					if err != nil {
						b.Fatal(err)
					}
				})
			}
			l.report(b)
		})
	}
}

// BenchmarkRestore100k restores a 100,000-contact database (the demo
// generator's) from a file replica and from S3: how long a replacement
// machine waits before it serves (--restore-if-missing).
func BenchmarkRestore100k(b *testing.B) {
	ctx := context.Background()
	targets := benchReplicas(b)
	for _, name := range []string{"file", "s3"} {
		b.Run(name, func(b *testing.B) {
			src := copyOf(b, benchDB(b, 100_000))
			a, err := app.OpenReplicated(ctx, src, app.Config{}, targets[name], 0)
			if err != nil {
				b.Fatal(err)
			}
			waitInSync(b, a)
			if err := a.Close(); err != nil {
				b.Fatal(err)
			}
			info, err := os.Stat(src)
			if err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			n := 0
			for b.Loop() {
				n++
				if err := store.RestoreReplica(ctx, targets[name][0], filepath.Join(dir, fmt.Sprintf("restored-%d.db", n)), time.Time{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(info.Size())/(1<<20), "db-MB")
		})
	}
}
