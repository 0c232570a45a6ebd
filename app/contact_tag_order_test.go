package app_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestTagListFollowsRenames pages through a tag's contacts by name, both
// ways, after renames, a trashed contact and a removed tag, and expects
// exactly the tagged live contacts in name order: the list walks the
// tag's links, which keep a copy of each contact's sort name (migration
// 0028), so the copy must follow every rename.
func TestTagListFollowsRenames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	is := is.New(t)
	names := []string{"Quinn", "Adams", "Zeta", "Moss", "Berg", "Ochoa", "Nadir", "Lund", "Ibsen", "Voss", "Cole", "Park"}
	var ids []string
	for i, last := range names {
		in := app.ContactInput{FirstName: "P", LastName: last, Emails: []store.Labeled{{Value: fmt.Sprintf("p%d@example.com", i)}}}
		if i%3 != 2 {
			in.Tags = []string{"vip"}
		}
		c, err := ta.CreateContact(ctx, admin, in)
		is.NoErr(err)
		ids = append(ids, c.ID)
	}
	rename := func(i int, last string) {
		c, err := ta.Contact(ctx, admin, ids[i])
		is.NoErr(err)
		in := app.InputOf(c)
		in.LastName = last
		_, err = ta.UpdateContact(ctx, admin, c.ID, c.Version, in)
		is.NoErr(err)
		names[i] = last
	}
	rename(0, "Aaron") // from the middle to the front
	rename(1, "Young") // from the front to the end
	// An import that overwrites names leaves the tags alone.
	rep, err := ta.Import(ctx, admin, strings.NewReader("first_name,last_name,email\nP,Xavier,p6@example.com\nP,Abbott,p9@example.com\n"),
		app.ImportOptions{Entity: "contact", FileName: "names.csv", OnDuplicate: "overwrite"})
	is.NoErr(err)
	is.Equal(rep.Updated, 2)
	names[6], names[9] = "Xavier", "Abbott"
	// A rename by hand in the file, outside the app's saves (which write a
	// contact's tags again each time), is followed too.
	is.NoErr(ta.DB().Write(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE contacts SET last_name = 'Aab', display_name = 'P Aab', sort_name = 'aab p' WHERE id = ?`, ids[7])
		return err
	}))
	names[7] = "Aab"
	is.NoErr(ta.TrashContact(ctx, admin, ids[3]))
	_, err = ta.BulkUpdateContacts(ctx, admin, []string{ids[4]}, app.BulkChange{RemoveTag: "vip"})
	is.NoErr(err)
	tags, err := ta.Tags(ctx, admin)
	is.NoErr(err)
	vip := tags[0].ID

	var want []string
	for i, last := range names {
		if i%3 != 2 && i != 3 && i != 4 {
			want = append(want, "P "+last)
		}
	}
	slices.Sort(want)
	for _, sort := range []string{"name", "-name"} {
		var got []string
		cursor := ""
		for pages := 0; ; pages++ {
			list, err := ta.ListContacts(ctx, admin, store.ListQuery{TagID: vip, Sort: sort, Limit: 2, Cursor: cursor})
			is.NoErr(err)
			for _, r := range list.Rows {
				got = append(got, r.DisplayName)
			}
			if pages == 0 {
				is.Equal(list.Total, len(want)) // the count agrees with the pages
			}
			if cursor = list.NextCursor; cursor == "" {
				break
			}
		}
		expect := slices.Clone(want)
		if sort == "-name" {
			slices.Reverse(expect)
		}
		is.Equal(fmt.Sprint(got), fmt.Sprint(expect))
	}
}
