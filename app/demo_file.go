package app

import (
	"context"
	"fmt"
	"os"
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
