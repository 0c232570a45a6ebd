package store_test

import (
	"context"
	"errors"
	"testing"

	"rolo/store"
)

// FuzzCursor sends arbitrary cursors, as a crafted URL could: each must
// be refused as invalid or page normally, never crash or reach SQL as text.
func FuzzCursor(f *testing.F) {
	f.Add("")
	f.Add(store.ContactCursor(store.ListQuery{}, []string{"n", "id"}))
	f.Add(store.ContactCursor(store.ListQuery{Sort: "owner"}, []string{"a", "b", "c"}))
	f.Add(store.RawCursor("x", []string{"a", "b"}))
	f.Add("eyJ4Ijo")
	f.Add("W1wiJyBPUiAxPTEgLS1cIl0")
	db := MustOpenDB(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, cursor string) {
		for _, sort := range store.Sorts {
			_, err := store.ListContacts(ctx, db.Reader(), store.ListQuery{Sort: sort, Cursor: cursor})
			if err != nil && !errors.Is(err, store.ErrBadCursor) {
				t.Fatalf("sort %s cursor %q: %v", sort, cursor, err)
			}
		}
	})
}
