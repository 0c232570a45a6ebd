package app_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestUpgradeFromOlderSchemas opens databases made by earlier versions of
// Rolo (kept in testdata/) with this binary: migrations must bring them up
// to date without losing what they hold.
func TestUpgradeFromOlderSchemas(t *testing.T) {
	t.Parallel()
	fixtures, err := filepath.Glob("../testdata/rolo-v*.db")
	if err != nil || len(fixtures) == 0 {
		t.Fatal("no old databases in testdata", err)
	}
	for _, fixture := range fixtures {
		t.Run(filepath.Base(fixture), func(t *testing.T) {
			is := is.New(t)
			ctx := context.Background()
			body, err := os.ReadFile(fixture)
			is.NoErr(err)
			path := filepath.Join(t.TempDir(), "rolo.db")
			is.NoErr(os.WriteFile(path, body, 0o600))

			a, err := app.Open(ctx, path, app.Config{})
			is.NoErr(err) // migrates
			_, err = a.Login(ctx, "fixture@example.com", "fixture-password", app.Client{Addr: "127.0.0.1"})
			is.NoErr(err) // the old account still logs in
			is.NoErr(a.Close())

			r, err := app.Doctor(ctx, path)
			is.NoErr(err)
			is.True(r.Healthy())
			is.Equal(r.SchemaVersion, r.LatestSchema) // fully migrated
		})
	}
}
