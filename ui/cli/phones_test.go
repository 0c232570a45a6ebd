package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestPhonesCommands: the command line reads numbers in the instance's
// region; after it changes, `rolo phones reparse` re-reads the numbers
// that could not be read, first as a dry run, and doctor finds the
// search index in step afterwards.
func TestPhonesCommands(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rolo.db")
	getenv := env(map[string]string{"ROLO_DB": path})

	out, err := rolo(t, getenv, "", "phones", "region")
	is.NoErr(err)
	is.Equal(out, "US\n") // until someone chooses
	_, err = rolo(t, getenv, "", "contacts", "add", "--first-name", "민수", "--last-name", "김", "--phone", "010-1234-5678")
	is.NoErr(err)
	_, err = rolo(t, getenv, "", "contacts", "add", "--first-name", "陽翔", "--last-name", "山田", "--phone", "090-1234-5678")
	is.NoErr(err)
	_, err = rolo(t, getenv, "", "phones", "region", "XX")
	is.True(err != nil)

	out, err = rolo(t, getenv, "", "phones", "region", "kr")
	is.NoErr(err)
	is.Equal(out, "KR\n")
	out, err = rolo(t, getenv, "", "phones", "reparse", "--dry-run")
	is.NoErr(err)
	is.True(strings.Contains(out, "Numbers that could not be read: 2"))
	is.True(strings.Contains(out, "김민수\t\t010-1234-5678 → +821012345678"))
	is.True(!strings.Contains(out, "090-1234-5678 →")) // no Korean number
	is.True(strings.Contains(out, "Would re-read as KR: 1 (dry run: nothing written)"))
	out, err = rolo(t, getenv, "", "phones", "reparse", "--dry-run")
	is.NoErr(err)
	is.True(strings.Contains(out, "Would re-read as KR: 1")) // the dry run wrote nothing

	out, err = rolo(t, getenv, "", "phones", "reparse")
	is.NoErr(err)
	is.True(strings.Contains(out, "Re-read as KR: 1"))
	out, err = rolo(t, getenv, "", "phones", "reparse", "--region", "JP")
	is.NoErr(err)
	is.True(strings.Contains(out, "Numbers that could not be read: 1"))
	is.True(strings.Contains(out, "Re-read as JP: 1"))
	_, err = rolo(t, getenv, "", "contacts", "add", "--first-name", "지우", "--phone", "010-5555-6666")
	is.NoErr(err) // read in the instance's region, KR

	out, err = rolo(t, getenv, "", "doctor")
	is.NoErr(err)
	is.True(strings.Contains(out, "search index  ok"))

	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	defer a.Close()
	for q, want := range map[string]string{"+82 10 1234 5678": "김민수", "+81 90-1234-5678": "山田陽翔", "+82 10 5555 6666": "지우"} {
		hits, err := a.Search(ctx, nil, q, 5)
		is.NoErr(err)
		is.True(len(hits) == 1 && hits[0].Title == want)
	}
	log, err := a.History(ctx, nil, "contact", func() string { hits, _ := a.Search(ctx, nil, "김민수", 1); return hits[0].Ref }(), 5)
	is.NoErr(err)
	is.Equal(log[0].Action, string(app.ActionPhoneReread))
}
