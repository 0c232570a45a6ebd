package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestDoctorOnADatabaseWithDeals: deals are in the search index, so
// doctor finds nothing wrong with a database that has them (it used to
// call every deal missing and send people to their backups); when an
// entry really is missing it says so, says no record is damaged, and
// --fix clears exactly what it reported.
func TestDoctorOnADatabaseWithDeals(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rolo.db")
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	admin, err := a.Setup(ctx, "", app.NewUser{Name: "Ada", Email: "ada@example.com", Password: "correct horse"})
	is.NoErr(err)
	p, err := a.CreatePipeline(ctx, admin, "Sales", []string{"Lead", "Won"})
	is.NoErr(err)
	var deals []app.Deal
	for _, title := range []string{"Renewal", "Pilot", "Rollout"} {
		d, err := a.CreateDeal(ctx, admin, app.DealInput{Title: title, StageID: p.Stages[0].ID})
		is.NoErr(err)
		deals = append(deals, d)
	}
	is.NoErr(a.Close())
	getenv := env(map[string]string{"ROLO_DB": path})

	out, err := rolo(t, getenv, "", "doctor", "--db", path)
	is.NoErr(err)
	is.True(strings.Contains(out, "search index  ok")) // no false alarm
	is.True(strings.Contains(out, "Verdict: OK"))

	a, err = app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	is.NoErr(a.DB().Write(ctx, func(tx *store.Tx) error { return store.DeleteSearchDoc(ctx, tx, "deal", deals[1].ID) }))
	is.NoErr(a.Close())

	out, err = rolo(t, getenv, "", "doctor", "--db", path)
	is.True(err != nil)
	is.True(strings.Contains(out, "1 deal records are missing from the search index")) // exactly what differs
	is.True(strings.Contains(out, "rolo doctor --fix"))
	is.True(!strings.Contains(out, "Restore a backup")) // a rebuild, not a backup, is the remedy

	out, err = rolo(t, getenv, "", "doctor", "--db", path, "--fix")
	is.NoErr(err)
	is.True(strings.Contains(out, "Rebuilt the search index: 3 records")) // the three deals (no contacts or companies here)
	is.True(strings.Contains(out, "Verdict: OK"))                         // --fix cleared what was reported
}
