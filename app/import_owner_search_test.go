package app_test

import (
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// Contacts imported for a user who sees only their own records are found
// by their search, and not by a colleague's.
func TestImportedContactsSearchableByTheirOwner(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	w := newOwnOnlyWorld(t)
	ctx := t.Context()
	csv := "Name,Email\nZephyrine Okonkwo,zeph@example.com\n"
	rep, err := w.ta.Import(ctx, nil, strings.NewReader(csv), app.ImportOptions{Entity: "contact", FileName: "mine.csv", OwnerID: w.me.ID})
	is.NoErr(err)
	is.Equal(rep.Created, 1)
	found, err := w.ta.Search(ctx, w.me, "zephyrine", 10)
	is.NoErr(err)
	is.Equal(len(found), 1) // their new contact
	colleague, err := w.ta.UserByEmail(ctx, "col@example.com")
	is.NoErr(err)
	found, err = w.ta.Search(ctx, colleague, "zephyrine", 10)
	is.NoErr(err)
	is.Equal(len(found), 0) // not the colleague's
}
