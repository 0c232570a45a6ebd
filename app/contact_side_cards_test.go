package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestContactSideCardsRefuseWhatContactRefuses: a contact's consent and
// score check with one small read (checkContactReadable), and must refuse
// exactly what reading the contact refuses, for every kind of reader and
// contact.
func TestContactSideCardsRefuseWhatContactRefuses(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	is.NoErr(ta.SetPermissions(ctx, admin, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	sales, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "correct horse"})
	is.NoErr(err)
	viewer, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Vic", Email: "vic@example.com", Role: app.RoleViewer, Password: "correct horse"})
	is.NoErr(err)
	sales, err = ta.UserByEmail(ctx, sales.Email) // with the role's visibility
	is.NoErr(err)
	viewer, err = ta.UserByEmail(ctx, viewer.Email)
	is.NoErr(err)
	mine, err := ta.CreateContact(ctx, sales, app.ContactInput{FirstName: "Mine"})
	is.NoErr(err)
	theirs, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Theirs"})
	is.NoErr(err)
	trashed, err := ta.CreateContact(ctx, sales, app.ContactInput{FirstName: "Trashed"})
	is.NoErr(err)
	is.NoErr(ta.TrashContact(ctx, admin, trashed.ID))
	refused := func(err error) string {
		if err == nil {
			return "ok"
		}
		e := app.AsError(err)
		return string(e.Code) + " " + e.Message
	}
	checked := 0
	for _, reader := range []*app.User{admin, sales, viewer} {
		for _, id := range []string{mine.ID, theirs.ID, trashed.ID, "no-such-contact"} {
			_, err := ta.Contact(ctx, reader, id)
			want := refused(err)
			_, err = ta.ContactConsent(ctx, reader, id)
			is.Equal(refused(err), want) // consent
			_, _, err = ta.ContactScore(ctx, reader, id)
			is.Equal(refused(err), want) // score
			if want != "ok" {
				checked++
			}
		}
	}
	is.True(checked >= 4) // the refusals were exercised: another's, missing ones
}
