package app_test

import (
	"context"
	"fmt"
	"testing"

	"rolo/app"
	"rolo/store"
)

// BenchmarkContactDuplicateCheck measures the duplicate check a contact
// save runs first, on 100,000 contacts: the budget is 2 ms on top of a
// create (BenchmarkContactCreate). "new" is a contact like no other, at a
// company (so its people are compared by name); "duplicate" shares an
// existing contact's email, phone, name and company; "new at a company of
// 500" compares the most names the check reads; "create with check" is
// the whole save as the contact form does it, beside one without.
func BenchmarkContactDuplicateCheck(b *testing.B) {
	ctx := context.Background()
	a, err := app.Open(ctx, copyOf(b, benchDB(b, 100_000)), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	page, err := a.ListContacts(ctx, nil, store.ListQuery{Sort: "name", Limit: 200})
	if err != nil {
		b.Fatal(err)
	}
	var known app.Contact
	for _, row := range page.Rows {
		if row.Email != "" && row.Phone != "" && row.CompanyID != "" {
			if known, err = a.Contact(ctx, nil, row.ID); err != nil {
				b.Fatal(err)
			}
			break
		}
	}
	if known.ID == "" {
		b.Fatal("no contact with an email, a phone and a company among the first 200")
	}
	fresh := func(i int) app.ContactInput {
		return app.ContactInput{FirstName: "Bench", LastName: fmt.Sprint(i), CompanyID: known.CompanyID,
			Emails: []store.Labeled{{Value: fmt.Sprintf("bench%d@example.com", i)}, {Value: fmt.Sprintf("b%d@example.org", i)}},
			Phones: []store.Labeled{{Value: fmt.Sprintf("+1 415 555 %04d", i%10000)}}, Tags: []string{"vip", "bench"}}
	}
	dup := app.ContactInput{FirstName: known.FirstName, LastName: known.LastName, DisplayName: known.DisplayName, CompanyID: known.CompanyID,
		Emails: []store.Labeled{{Value: known.Emails[0].Value}}, Phones: []store.Labeled{{Value: known.Phones[0].Value}}}
	b.Run("new", func(b *testing.B) {
		var l latencies
		i := 0
		for b.Loop() {
			i++
			l.time(func() {
				if _, err := a.ContactDuplicateCandidates(ctx, nil, fresh(i), ""); err != nil {
					b.Fatal(err)
				}
			})
		}
		l.report(b)
	})
	b.Run("duplicate", func(b *testing.B) {
		var l latencies
		for b.Loop() {
			l.time(func() {
				found, err := a.ContactDuplicateCandidates(ctx, nil, dup, "")
				if err != nil || len(found) == 0 {
					b.Fatal("the duplicate was not found", err)
				}
			})
		}
		l.report(b)
	})
	b.Run("new at a company of 500", func(b *testing.B) {
		// The worst case the check allows: every person of a large
		// company compared by name, in scripts folded the slow way or not.
		big, err := a.CreateCompany(ctx, nil, app.CompanyInput{Name: "Bench Big Co"})
		if err != nil {
			b.Fatal(err)
		}
		for i := range 500 {
			name := []string{"김민수 %d", "Zoë Müller %d", "やまだ たろう %d", "王伟 %d"}[i%4]
			if _, err := a.CreateContact(ctx, nil, app.ContactInput{DisplayName: fmt.Sprintf(name, i), CompanyID: big.ID}); err != nil {
				b.Fatal(err)
			}
		}
		var l latencies
		i := 0
		for b.Loop() {
			i++
			in := fresh(i)
			in.CompanyID = big.ID
			l.time(func() {
				if _, err := a.ContactDuplicateCandidates(ctx, nil, in, ""); err != nil {
					b.Fatal(err)
				}
			})
		}
		l.report(b)
	})
	b.Run("create with check", func(b *testing.B) {
		var l latencies
		i := 100_000
		for b.Loop() {
			i++
			l.time(func() {
				in := fresh(i)
				if _, err := a.ContactDuplicateCandidates(ctx, nil, in, ""); err != nil {
					b.Fatal(err)
				}
				if _, err := a.CreateContact(ctx, nil, in); err != nil {
					b.Fatal(err)
				}
			})
		}
		l.report(b)
	})
	b.Run("create without check", func(b *testing.B) {
		var l latencies
		i := 200_000
		for b.Loop() {
			i++
			l.time(func() {
				if _, err := a.CreateContact(ctx, nil, fresh(i)); err != nil {
					b.Fatal(err)
				}
			})
		}
		l.report(b)
	})
}
