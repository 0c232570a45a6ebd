package cli_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// TestCommandLineIsCredited: a contact added with `rolo contacts add` is
// the command line's in its history, stored as such (Origin), so the
// timeline's "Command line" is said only of the command line.
func TestCommandLineIsCredited(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	path := filepath.Join(t.TempDir(), "rolo.db")
	getenv := env(map[string]string{"ROLO_DB": path})
	out, err := rolo(t, getenv, "", "contacts", "add", "--first-name", "Grace", "--json")
	is.NoErr(err)
	var grace api.ContactJSON
	is.NoErr(json.Unmarshal([]byte(out), &grace))

	a, err := app.Open(context.Background(), path, app.Config{})
	is.NoErr(err)
	defer a.Close()
	history, err := a.History(t.Context(), nil, "contact", grace.ID, 10)
	is.NoErr(err)
	is.Equal(len(history), 1)
	is.Equal(history[0].ActorID, "")                          // nobody signed in
	is.Equal(*history[0].By, app.Origin{Kind: app.OriginCLI}) // the command line, said so
	is.True(time.Since(history[0].At) < time.Minute)
}
