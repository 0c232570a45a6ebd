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

// TestDoctorFindsAContactCardThatDiffers: a card kept on a contact's row
// that no longer says what its rows say (written behind the triggers'
// back) is reported by contact, as something --fix makes again and not as
// damage; after --fix the card is right and lists show the email again.
func TestDoctorFindsAContactCardThatDiffers(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rolo.db")
	a, err := app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	admin, err := a.Setup(ctx, "", app.NewUser{Name: "Ada", Email: "ada@example.com", Password: "correct horse"})
	is.NoErr(err)
	c, err := a.CreateContact(ctx, admin, app.ContactInput{FirstName: "Grace", Emails: []store.Labeled{{Value: "grace@example.com"}}})
	is.NoErr(err)
	_, err = a.DB().FillAllContactCards(ctx)
	is.NoErr(err)
	is.NoErr(a.Close())
	getenv := env(map[string]string{"ROLO_DB": path})

	out, err := rolo(t, getenv, "", "doctor", "--db", path)
	is.NoErr(err)
	is.True(strings.Contains(out, "contact card  ok"))

	a, err = app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	is.NoErr(a.DB().Write(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE contacts SET card = '[[],[],[],[]]' WHERE id = ?`, c.ID)
		return err
	}))
	is.NoErr(a.Close())

	out, err = rolo(t, getenv, "", "doctor", "--db", path)
	is.True(err != nil)
	is.True(strings.Contains(out, "contact "+c.ID+": its card differs")) // names the contact
	is.True(strings.Contains(out, "rolo doctor --fix"))
	is.True(!strings.Contains(out, "Restore a backup")) // made again, not restored

	out, err = rolo(t, getenv, "", "doctor", "--db", path, "--fix")
	is.NoErr(err)
	is.True(strings.Contains(out, "Made the contact cards again: 1 contact"))
	is.True(strings.Contains(out, "Verdict: OK"))

	a, err = app.Open(ctx, path, app.Config{})
	is.NoErr(err)
	defer a.Close()
	page, err := a.ListContacts(ctx, admin, store.ListQuery{})
	is.NoErr(err)
	is.Equal(page.Rows[0].Email, "grace@example.com")
}
