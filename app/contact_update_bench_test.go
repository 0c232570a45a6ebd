package app_test

import (
	"context"
	"fmt"
	"testing"

	"rolo/app"
	"rolo/store"
)

// BenchmarkContactUpdate saves a contact's form on the 100,000-contact
// demo, its card kept before each save as serve keeps it: what the
// triggers that clear a card (migrations 0026, 0032) and the search
// index add to a person's save.
func BenchmarkContactUpdate(b *testing.B) {
	ctx := context.Background()
	a, err := app.Open(ctx, copyOf(b, benchDB(b, 100_000)), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	page, err := a.ListContactRecords(ctx, nil, store.ListQuery{Sort: "name", Limit: 1})
	if err != nil || len(page.Records) == 0 {
		b.Fatal(err)
	}
	c := page.Records[0]
	var lat latencies
	i := 0
	for b.Loop() {
		if _, err := a.DB().FillContactCards(ctx, 10); err != nil {
			b.Fatal(err)
		}
		in := app.InputOf(c)
		in.Title = fmt.Sprintf("Buyer %d", i)
		i++
		lat.time(func() {
			c, err = a.UpdateContact(ctx, nil, c.ID, c.Version, in)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	lat.report(b)
}
