package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/matryer/is"

	"rolo/store"
)

// TestInsertContactsNamesTheRefusedOne: the multi-row insert an import
// uses stores every contact with its emails and phones, and when the
// database refuses one (here a second contact with an ID already taken,
// in the middle of one statement's rows) the error says
// which, for the import to name its line.
func TestInsertContactsNamesTheRefusedOne(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	db := MustOpenDB(t)
	ctx := context.Background()
	contacts := func(n int) []*store.Contact {
		cs := make([]*store.Contact, n)
		for i := range cs {
			cs[i] = &store.Contact{ID: fmt.Sprintf("c%03d", i), FirstName: "P", DisplayName: fmt.Sprint("P ", i), SortName: fmt.Sprint("p ", i),
				LifecycleStatus: "lead", Emails: []store.Labeled{{Value: fmt.Sprintf("p%d@example.com", i)}},
				Phones: []store.Phone{{Value: "+49 30 1", E164: "+49301"}, {Label: "mobile", Value: fmt.Sprint("+49 151 ", i)}}}
		}
		return cs
	}
	is.NoErr(db.Write(ctx, func(tx *store.Tx) error { return store.InsertContacts(ctx, tx, contacts(250)) }))
	c, err := store.ContactByID(ctx, db.Reader(), "c249")
	is.NoErr(err)
	is.Equal(c.Emails[0].Value, "p249@example.com")
	is.Equal(len(c.Phones), 2)
	is.Equal(c.Phones[1].Label, "mobile")

	cs := contacts(300)
	for i := range cs {
		cs[i].ID = fmt.Sprintf("d%03d", i)
	}
	cs[142].ID = "c007" // taken
	err = db.Write(ctx, func(tx *store.Tx) error { return store.InsertContacts(ctx, tx, cs) })
	var refused *store.RefusedRow
	is.True(errors.As(err, &refused))
	is.Equal(refused.Row, 142)
	_, err = store.ContactByID(ctx, db.Reader(), "d000")
	is.True(errors.Is(err, store.ErrNotFound)) // the transaction stored none of them
}
