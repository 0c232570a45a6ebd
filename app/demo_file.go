package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
	opt.Bulk = true // a new file, renamed into place only when whole
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
	// Every migration's checksum, so an edit to any of them (not only the
	// newest) builds a fresh file.
	schema := sha256.New()
	for _, m := range known {
		schema.Write([]byte(m.Checksum))
	}
	sum := hex.EncodeToString(schema.Sum(nil))[:12]
	name := fmt.Sprintf("rolo-demo-%d-%d-%d-%s.db", opt.Contacts, opt.Companies, opt.Seed, sum)
	if opt.Deals > 0 {
		name = fmt.Sprintf("rolo-demo-%d-%d-%d-deals%d-%s.db", opt.Contacts, opt.Companies, opt.Seed, opt.Deals, sum)
	}
	if opt.Activities > 0 || opt.Tasks > 0 {
		name = strings.TrimSuffix(name, "-"+sum+".db") + fmt.Sprintf("-act%d-tasks%d-%s.db", opt.Activities, opt.Tasks, sum)
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	return path, BuildDemoFile(ctx, path, opt)
}
