package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	assets "rolo/embed"
	"rolo/store"
)

// BuildDemoFile writes a new database at path filled by GenerateDemo. It
// builds in a temporary file beside path and renames it into place, so a
// half-built file is never mistaken for a finished one.
func BuildDemoFile(ctx context.Context, path string, opt DemoOptions) error {
	tmp := fmt.Sprintf("%s.building-%d", path, os.Getpid())
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		_ = os.Remove(f)
	}
	a, err := Open(ctx, tmp, Config{})
	if err != nil {
		return err
	}
	if err := a.GenerateDemo(ctx, opt); err != nil {
		a.Close()
		return err
	}
	if err := a.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// CachedDemoFile returns the path of a demo database for opt in dir,
// building it on first use. The name carries the schema's checksum, so a
// new migration builds a fresh one. Benchmarks share it across runs.
func CachedDemoFile(ctx context.Context, dir string, opt DemoOptions) (string, error) {
	known, err := store.LoadMigrations(assets.Migrations)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("rolo-demo-%d-%d-%d-%s.db", opt.Contacts, opt.Companies, opt.Seed, known[len(known)-1].Checksum[:12]))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	return path, BuildDemoFile(ctx, path, opt)
}
