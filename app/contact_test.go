package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestContactValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	cases := []struct {
		name  string
		in    app.ContactInput
		field string
		key   string
	}{
		{"no name and no email", app.ContactInput{Title: "CEO"}, "first_name", "error.contact_name_required"},
		{"bad email, second row", app.ContactInput{FirstName: "A", Emails: []store.Labeled{{Value: "a@example.com"}, {Value: "nope@"}}}, "emails.1", "error.email_invalid"},
		{"phone with no digits", app.ContactInput{FirstName: "A", Phones: []store.Labeled{{Value: "call me"}}}, "phones.0", "error.phone_invalid"},
		{"impossible birthday", app.ContactInput{FirstName: "A", Birthday: "1990-02-30"}, "birthday", "error.birthday_invalid"},
		{"birthday words", app.ContactInput{FirstName: "A", Birthday: "May 5th"}, "birthday", "error.birthday_invalid"},
		{"website not a web address", app.ContactInput{FirstName: "A", Website: "javascript:alert(1)"}, "website", "error.url_invalid"},
		{"unknown status", app.ContactInput{FirstName: "A", LifecycleStatus: "vip"}, "lifecycle_status", "error.status_invalid"},
		{"unknown company", app.ContactInput{FirstName: "A", CompanyID: "nope"}, "company_id", "error.company_unknown"},
		{"unknown owner", app.ContactInput{FirstName: "A", OwnerID: "nope"}, "owner_id", "error.owner_unknown"},
		{"control characters", app.ContactInput{FirstName: "A\x00B"}, "first_name", "error.control_chars"},
		{"overlong title", app.ContactInput{FirstName: "A", Title: string(make([]rune, 301))}, "title", "error.too_long"},
		{"overlong tag", app.ContactInput{FirstName: "A", Tags: []string{string(make([]byte, 51))}}, "tags", "error.tag_invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			_, err := ta.CreateContact(ctx, admin, tc.in)
			is.Equal(app.ErrorCode(err), app.EInvalid)
			is.Equal(fieldProblem(err, tc.field), tc.key) // the problem names the field
		})
	}
	t.Run("nothing is stored for invalid input", func(t *testing.T) {
		is := is.New(t)
		list, err := ta.ListContacts(ctx, admin, store.ListQuery{})
		is.NoErr(err)
		is.Equal(list.Total, 0)
	})
}

func TestContactNormalisation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	is.New(t).NoErr(ta.SetPhoneRegion(ctx, admin, "KR"))

	t.Run("emails lower-cased, repeats dropped, phones in E.164", func(t *testing.T) {
		is := is.New(t)
		c, err := ta.CreateContact(ctx, admin, app.ContactInput{
			FirstName: "Min-su",
			Emails:    []store.Labeled{{Label: "Work", Value: " MinSu@Example.COM "}, {Value: "minsu@example.com"}},
			Phones: []store.Labeled{
				{Label: "mobile", Value: "010-1234-5678"},    // national Korean format, default region KR
				{Label: "work", Value: "+81 3-1234-5678"},    // Tokyo
				{Label: "home", Value: "+1 (415) 555-0132"},  // San Francisco
				{Label: "china", Value: "+86 138 0013 8000"}, // Chinese mobile
				{Label: "ext", Value: "ext. 12"},             // kept as typed, not matchable
			},
			Website: "example.com/minsu",
		})
		is.NoErr(err)
		is.Equal(len(c.Emails), 1)
		is.Equal(c.Emails[0], store.Labeled{Label: "work", Value: "minsu@example.com"})
		is.Equal(c.Phones[0].Value, "010-1234-5678") // the original text is kept for display
		is.Equal(c.Phones[0].E164, "+821012345678")
		is.Equal(c.Phones[1].E164, "+81312345678")
		is.Equal(c.Phones[2].E164, "+14155550132")
		is.Equal(c.Phones[3].E164, "+8613800138000")
		is.Equal(c.Phones[4].E164, "")
		is.Equal(c.Website, "https://example.com/minsu") // scheme added
		is.Equal(c.LifecycleStatus, "lead")              // the default
	})

	for _, tc := range []struct{ first, last, want string }{
		{"민수", "김", "김민수"},
		{"太郎", "山田", "山田太郎"},
		{"伟", "王", "王伟"},
		{"Zoë", "Saldaña", "Zoë Saldaña"},
		{"", "Müller", "Müller"},
	} {
		t.Run("display name "+tc.want, func(t *testing.T) {
			is := is.New(t)
			c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: tc.first, LastName: tc.last})
			is.NoErr(err)
			is.Equal(c.DisplayName, tc.want) // written the way the script writes names
			got, err := ta.Contact(ctx, admin, c.ID)
			is.NoErr(err)
			is.Equal(got.FirstName, tc.first) // round-trips unchanged
			is.Equal(got.LastName, tc.last)
		})
	}

	t.Run("birthdays with and without a year", func(t *testing.T) {
		is := is.New(t)
		for in, want := range map[string]string{"1990-05-17": "1990-05-17", "05-17": "--05-17", "--02-29": "--02-29"} {
			c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "B", Birthday: in})
			is.NoErr(err)
			is.Equal(c.Birthday, want)
		}
	})

	t.Run("tags are case-insensitive and reuse the existing tag", func(t *testing.T) {
		is := is.New(t)
		a, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "T1", Tags: []string{"VIP", "webinar"}})
		is.NoErr(err)
		b, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "T2", Tags: []string{"vip", "Vip"}})
		is.NoErr(err)
		is.Equal(len(b.Tags), 1)
		is.Equal(a.Tags[0].Name, "VIP")      // tags come sorted by name
		is.Equal(b.Tags[0].ID, a.Tags[0].ID) // "vip" is the existing VIP tag
		is.Equal(b.Tags[0].Name, "VIP")      // and keeps its first spelling
	})
}

func TestContactUpdateAndAudit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ada", LastName: "Lovelace", Emails: []store.Labeled{{Value: "ada@example.com"}}})
	is.NoErr(err)
	is.Equal(c.Version, 1)

	in := app.InputOf(c)
	in.Title = "Analyst"
	in.LastName = "King"
	updated, err := ta.UpdateContact(ctx, admin, c.ID, c.Version, in)
	is.NoErr(err)
	is.Equal(updated.Version, 2)
	is.Equal(updated.DisplayName, "Ada King") // a computed display name follows the name

	stale := app.InputOf(c)
	stale.Title = "Overwritten"
	_, err = ta.UpdateContact(ctx, admin, c.ID, c.Version, stale)
	is.Equal(app.ErrorCode(err), app.EConflict) // a stale version is refused
	got, err := ta.Contact(ctx, admin, c.ID)
	is.NoErr(err)
	is.Equal(got.Title, "Analyst") // and changed nothing

	history, err := ta.History(ctx, admin, "contact", c.ID, 10)
	is.NoErr(err)
	is.Equal(len(history), 2)
	is.Equal(history[0].Action, "contact.updated")
	is.Equal(history[0].ActorID, admin.ID)
	is.Equal(history[0].Changes["title"], map[string]string{"from": "", "to": "Analyst"}) // before and after
	is.Equal(history[0].Changes["last_name"]["from"], "Lovelace")
	_, unchanged := history[0].Changes["first_name"]
	is.True(!unchanged) // only changed fields are recorded
	is.Equal(history[1].Action, "contact.created")

	var details map[string]any
	is.NoErr(json.Unmarshal([]byte(history[1].Details), &details))
	is.Equal(details["name"], "Ada Lovelace")
}

func TestTrashRestoreEmpty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Acme", Website: "https://www.acme.example", Tags: []string{"partner"}})
	is.NoErr(err)
	is.Equal(co.Domain, "acme.example") // taken from the website
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Wile", CompanyID: co.ID, Tags: []string{"vip"}, Emails: []store.Labeled{{Value: "wile@acme.example"}}})
	is.NoErr(err)

	is.NoErr(ta.TrashContact(ctx, admin, c.ID))
	is.NoErr(ta.TrashCompany(ctx, admin, co.ID))
	live, err := ta.ListContacts(ctx, admin, store.ListQuery{})
	is.NoErr(err)
	is.Equal(live.Total, 0) // gone from the list
	trash, err := ta.ListContacts(ctx, admin, store.ListQuery{Trashed: true})
	is.NoErr(err)
	is.Equal(len(trash.Rows), 1) // waiting in the trash
	_, err = ta.UpdateContact(ctx, admin, c.ID, c.Version+1, app.InputOf(c))
	is.Equal(app.ErrorCode(err), app.ENotFound) // trashed records are not edited

	is.NoErr(ta.RestoreCompany(ctx, admin, co.ID))
	is.NoErr(ta.RestoreContact(ctx, admin, c.ID))
	back, err := ta.Contact(ctx, admin, c.ID)
	is.NoErr(err)
	is.True(!back.Trashed())
	is.Equal(back.CompanyID, co.ID)                            // the company link came back
	is.Equal(back.Tags[0].Name, "vip")                         // and the tags
	is.Equal(len(back.Emails), 1)                              // and the emails
	is.Equal(ta.RestoreContact(ctx, admin, c.ID) != nil, true) // restoring twice is refused

	sales, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "S", Email: "s@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	is.NoErr(ta.TrashContact(ctx, sales, c.ID))
	_, err = ta.EmptyTrash(ctx, sales)
	is.Equal(app.ErrorCode(err), app.EForbidden) // only admins empty the trash
	n, err := ta.EmptyTrash(ctx, admin)
	is.NoErr(err)
	is.Equal(n, 1)
	_, err = ta.Contact(ctx, admin, c.ID)
	is.Equal(app.ErrorCode(err), app.ENotFound) // gone for good
	history, err := ta.History(ctx, admin, "contact", c.ID, 10)
	is.NoErr(err)
	is.Equal(history[0].Action, "contact.purged") // but the audit log remembers

	viewer, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "V", Email: "v@example.com", Role: app.RoleViewer, Password: "12345678"})
	is.NoErr(err)
	_, err = ta.CreateContact(ctx, viewer, app.ContactInput{FirstName: "X"})
	is.Equal(app.ErrorCode(err), app.EForbidden) // viewers only read
}

func TestKeysetPagingIsStableUnderInserts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	for i := range 45 {
		if _, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: fmt.Sprintf("Person %02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, sort := range store.Sorts {
		t.Run(sort, func(t *testing.T) {
			is := is.New(t)
			seen := map[string]bool{}
			cursor := ""
			for page := 0; ; page++ {
				list, err := ta.ListContacts(ctx, admin, store.ListQuery{Sort: sort, Limit: 10, Cursor: cursor})
				is.NoErr(err)
				for _, r := range list.Rows {
					is.True(!seen[r.ID]) // no row twice
					seen[r.ID] = true
				}
				if page == 1 { // someone adds contacts while we page
					_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Aaron " + sort})
					is.NoErr(err)
				}
				if list.NextCursor == "" {
					break
				}
				cursor = list.NextCursor
			}
			is.True(len(seen) >= 45) // every row that existed at the start was seen
		})
	}
	t.Run("a forged cursor is a clear error", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.ListContacts(ctx, admin, store.ListQuery{Cursor: "not-a-cursor"})
		is.Equal(fieldProblem(err, "cursor"), "error.cursor_invalid")
	})
}

func TestBulkUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	var ids []string
	for i := range 3 {
		c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: fmt.Sprint("Bulk ", i)})
		is.NoErr(err)
		ids = append(ids, c.ID)
	}
	_, err := ta.BulkUpdateContacts(ctx, admin, ids, app.BulkChange{AddTag: "Webinar"})
	is.NoErr(err)
	_, err = ta.BulkUpdateContacts(ctx, admin, ids[:2], app.BulkChange{Status: "customer"})
	is.NoErr(err)
	tag, err := ta.TagByName(ctx, "webinar")
	is.NoErr(err)
	list, err := ta.ListContacts(ctx, admin, store.ListQuery{TagID: tag.ID, Status: "customer"})
	is.NoErr(err)
	is.Equal(list.Total, 2) // both changes applied

	_, err = ta.BulkUpdateContacts(ctx, admin, append(ids, "missing"), app.BulkChange{Status: "churned"})
	is.Equal(app.ErrorCode(err), app.ENotFound) // one bad id…
	list, err = ta.ListContacts(ctx, admin, store.ListQuery{Status: "churned"})
	is.NoErr(err)
	is.Equal(list.Total, 0) // …and none changed: all or nothing
}
