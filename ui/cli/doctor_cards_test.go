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
	c, err := a.CreateContact(ctx, admin, app.ContactInput{FirstName: "Grace", Emails: []store.Labeled{{Value: "grace@example.com"}}, Tags: []string{"vip"}})
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
		// A card of a shape no reader knows: --fix must make it again
		// before anything reads contacts through it.
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET card = '[[],[],[],[]]' WHERE id = ?`, c.ID); err != nil {
			return err
		}
		// A trigger puts a link's sort name back at once: around it, as
		// a file written by something else might be.
		var trigger string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'contact_tags_sort_name_update'`).Scan(&trigger); err != nil {
			return err
		}
		for _, stmt := range []string{`DROP TRIGGER contact_tags_sort_name_update`,
			`UPDATE contact_tags SET sort_name = 'zzz' WHERE contact_id = '` + c.ID + `'`, trigger} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	}))
	is.NoErr(a.Close())

	out, err = rolo(t, getenv, "", "doctor", "--db", path)
	is.True(err != nil)
	is.True(strings.Contains(out, "contact "+c.ID+": its card differs"))           // names the contact
	is.True(strings.Contains(out, "contact "+c.ID+": its tag links keep another")) // and its tag links
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
