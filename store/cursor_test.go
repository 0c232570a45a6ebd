package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/matryer/is"

	"rolo/store"
)

// TestCursorBelongsToItsOrder: a page's cursor pages on under the order
// that made it and is refused by any other sort or list, which would seek
// with values of the wrong kind and page from the wrong place.
func TestCursorBelongsToItsOrder(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	db := MustOpenDB(t)
	is.NoErr(db.Write(ctx, func(tx *store.Tx) error {
		for _, name := range []string{"Ada", "Bo", "Cy"} {
			c := store.Contact{ID: name, DisplayName: name, SortName: name, LifecycleStatus: "lead"}
			if err := store.InsertContact(ctx, tx, c); err != nil {
				return err
			}
		}
		return nil
	}))
	first, err := store.ListContacts(ctx, db.Reader(), store.ListQuery{Sort: "name", Limit: 1})
	is.NoErr(err)
	is.True(first.NextCursor != "")
	next, err := store.ListContacts(ctx, db.Reader(), store.ListQuery{Sort: "name", Limit: 1, Cursor: first.NextCursor})
	is.NoErr(err)
	is.Equal(next.Rows[0].DisplayName, "Bo") // the same order pages on

	for name, q := range map[string]store.ListQuery{
		"another sort":        {Sort: "created", Cursor: first.NextCursor},
		"the other direction": {Sort: "-name", Cursor: first.NextCursor},
		"a custom field sort": {SortField: "f1", Cursor: first.NextCursor},
		"the trash":           {Trashed: true, Cursor: first.NextCursor},
	} {
		_, err := store.ListContacts(ctx, db.Reader(), q)
		if !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("contacts, %s: %v, want ErrBadCursor", name, err)
		}
	}
	_, _, err = store.CompanyListSQL(store.ListQuery{Sort: "name", Cursor: first.NextCursor})
	is.True(errors.Is(err, store.ErrBadCursor)) // a contact cursor on companies
	byField := store.ListQuery{SortField: "f1"}
	_, _, err = store.ContactListSQL(store.ListQuery{SortField: "f1", Cursor: store.CompanyCursor(byField, []string{"n:5", "id"})})
	is.True(errors.Is(err, store.ErrBadCursor)) // the same custom-field order, but of companies
	_, _, err = store.DealListSQL(store.DealQuery{Sort: "title", Cursor: store.DealCursor(store.DealQuery{Sort: "created"}, []string{"2026", "id"})})
	is.True(errors.Is(err, store.ErrBadCursor)) // deals sorted by title, cursor by creation
	_, _, err = store.TaskListSQL(store.TaskQuery{Cursor: store.ActivityCursor([]string{"2026", "id"})})
	is.True(errors.Is(err, store.ErrBadCursor)) // an activity cursor on tasks
	_, _, err = store.ActivityListSQL(store.ActivityQuery{Cursor: store.TaskCursor([]string{"2026", "id"})})
	is.True(errors.Is(err, store.ErrBadCursor)) // and the reverse
}
