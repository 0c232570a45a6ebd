package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// fieldSet adds one field of every type to contacts.
func fieldSet(t *testing.T, ta *testApp, admin *app.User) map[string]app.CustomField {
	t.Helper()
	ctx := context.Background()
	defs := []app.FieldInput{
		{Key: "nickname", Label: "Nickname", Type: "text", Group: "Personal"},
		{Key: "bio", Label: "Bio", Type: "long_text"},
		{Key: "seats", Label: "Seats", Type: "number"},
		{Key: "budget", Label: "Budget", Type: "money", Currency: "EUR"},
		{Key: "renewal_date", Label: "Renewal date", Type: "date"},
		{Key: "vip", Label: "VIP", Type: "bool"},
		{Key: "plan", Label: "Plan", Type: "select", Options: []app.FieldOption{{Label: "Free"}, {Label: "Pro"}, {Label: "Enterprise"}}},
		{Key: "channels", Label: "Channels", Type: "multi_select", Options: []app.FieldOption{{Label: "Email"}, {Label: "Phone"}, {Label: "Chat"}}},
		{Key: "homepage", Label: "Homepage", Type: "url"},
		{Key: "billing_email", Label: "Billing email", Type: "email"},
		{Key: "fax", Label: "Fax", Type: "phone"},
	}
	out := map[string]app.CustomField{}
	for _, d := range defs {
		f, err := ta.CreateCustomField(ctx, admin, "contact", d)
		if err != nil {
			t.Fatalf("%s: %v", d.Key, err)
		}
		out[f.Key] = f
	}
	return out
}

func TestCustomFieldValues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	fieldSet(t, ta, admin)

	t.Run("every type round-trips", func(t *testing.T) {
		is := is.New(t)
		c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Ada", CustomFields: app.CustomValues{
			"nickname": "Addy", "bio": "Line one\nLine two", "seats": "12.5", "budget": "1,250.50", "renewal_date": "2027-03-01",
			"vip": "yes", "plan": "pro", "channels": []any{"Chat", "Email"}, "homepage": "example.com",
			"billing_email": "Billing@Example.COM", "fax": "+82 2 123 4567",
		}})
		is.NoErr(err)
		v := c.CustomFields
		is.Equal(v["nickname"], "Addy")
		is.Equal(v["bio"], "Line one\nLine two")
		is.Equal(v["seats"], 12.5)
		is.Equal(v["budget"], app.MoneyValue{Minor: 125050, Currency: "EUR"})
		is.Equal(v["renewal_date"], "2027-03-01")
		is.Equal(v["vip"], true)
		is.Equal(v["plan"], "Pro")                          // matched case-insensitively, shown as the option's label
		is.Equal(v["channels"], []string{"Email", "Chat"})  // in the option list's order
		is.Equal(v["homepage"], "https://example.com")      // normalised like built-in URLs
		is.Equal(v["billing_email"], "billing@example.com") // lower-cased
		is.Equal(v["fax"], "+82 2 123 4567")

		in := app.InputOf(c) // a partial update keeps every value
		in.Title = "CEO"
		c2, err := ta.UpdateContact(ctx, admin, c.ID, c.Version, in)
		is.NoErr(err)
		is.Equal(c2.CustomFields["budget"], v["budget"])
		is.Equal(c2.CustomFields["channels"], v["channels"])

		c3, err := ta.PatchContact(ctx, admin, c.ID, c2.Version, func(in *app.ContactInput) {
			in.CustomFields = app.CustomValues{"seats": nil, "vip": false}
		})
		is.NoErr(err)
		_, has := c3.CustomFields["seats"]
		is.True(!has)                                 // nil clears
		is.Equal(c3.CustomFields["vip"], false)       // false is a value
		is.Equal(c3.CustomFields["nickname"], "Addy") // keys left out keep their value

		hist, err := ta.History(ctx, admin, "contact", c.ID, 10)
		is.NoErr(err)
		is.True(strings.Contains(fmt.Sprint(hist[0].Details), "custom_fields.seats")) // the audit log names the field
	})

	t.Run("field-level problems", func(t *testing.T) {
		cases := map[string]any{
			"seats": "many", "budget": "12.345", "renewal_date": "2027-02-30", "vip": "maybe", "plan": "Gold",
			"channels": []any{"Email", "Fax"}, "homepage": "javascript:alert(1)", "billing_email": "nope@", "fax": "call me",
			"nickname": "A\x00B", "unknown_key": "x",
		}
		for key, value := range cases {
			t.Run(key, func(t *testing.T) {
				is := is.New(t)
				_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Bad", CustomFields: app.CustomValues{key: value}})
				is.Equal(app.ErrorCode(err), app.EInvalid)
				is.True(fieldProblem(err, "custom_fields."+key) != "") // named custom_fields.<key>
			})
		}
	})

	t.Run("required on create and update", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateCustomField(ctx, admin, "company", app.FieldInput{Key: "tier", Label: "Tier", Type: "text", Required: true})
		is.NoErr(err)
		_, err = ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "No tier"})
		is.Equal(fieldProblem(err, "custom_fields.tier"), "error.required")
		co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Tiered", CustomFields: app.CustomValues{"tier": "Gold"}})
		is.NoErr(err)
		_, err = ta.PatchCompany(ctx, admin, co.ID, co.Version, func(in *app.CompanyInput) { in.CustomFields = app.CustomValues{"tier": ""} })
		is.Equal(fieldProblem(err, "custom_fields.tier"), "error.required")
	})

	t.Run("deal values", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateCustomField(ctx, admin, "deal", app.FieldInput{Key: "po_number", Label: "PO number", Type: "text"})
		is.NoErr(err)
		d, err := ta.CreateDeal(ctx, admin, app.DealInput{Title: "Big", CustomFields: app.CustomValues{"po_number": "PO-7"}})
		is.NoErr(err)
		is.Equal(d.CustomFields["po_number"], "PO-7")
		is.Equal(app.DealInputOf(d).CustomFields["po_number"], "PO-7")
	})

	t.Run("text values are searchable", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Searchable", CustomFields: app.CustomValues{"nickname": "Zanzibar"}})
		is.NoErr(err)
		hits, err := ta.Search(ctx, admin, "zanzibar", 10)
		is.NoErr(err)
		is.Equal(len(hits), 1)
	})
}

func TestCustomFieldDefinitions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	fields := fieldSet(t, ta, admin)

	t.Run("key is a slug and unique per entity", func(t *testing.T) {
		is := is.New(t)
		f, err := ta.CreateCustomField(ctx, admin, "company", app.FieldInput{Label: "Renewal Date!", Type: "date"})
		is.NoErr(err)
		is.Equal(f.Key, "renewal_date")
		_, err = ta.CreateCustomField(ctx, admin, "company", app.FieldInput{Label: "Again", Key: "renewal_date", Type: "date"})
		is.Equal(fieldProblem(err, "key"), "error.field_key_taken")
		_, err = ta.CreateCustomField(ctx, admin, "company", app.FieldInput{Label: "Bad", Key: "Bad Key", Type: "text"})
		is.Equal(fieldProblem(err, "key"), "error.field_key_invalid")
	})

	t.Run("option rename keeps values", func(t *testing.T) {
		is := is.New(t)
		c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Opt", CustomFields: app.CustomValues{"plan": "Pro"}})
		is.NoErr(err)
		plan := fields["plan"]
		in := app.FieldInput{Label: plan.Label, Type: plan.Type, Options: append([]app.FieldOption(nil), plan.Options...)}
		in.Options[1].Label = "Professional"
		_, err = ta.UpdateCustomField(ctx, admin, plan.ID, in)
		is.NoErr(err)
		c, err = ta.Contact(ctx, admin, c.ID)
		is.NoErr(err)
		is.Equal(c.CustomFields["plan"], "Professional")

		in.Options = in.Options[:1] // removing a used option is refused
		_, err = ta.UpdateCustomField(ctx, admin, plan.ID, in)
		is.Equal(app.ErrorCode(err), app.EConflict)
		is.Equal(app.AsError(err).Count, 1)
	})

	t.Run("type change refused with a count, allowed when values convert", func(t *testing.T) {
		is := is.New(t)
		for _, v := range []string{"10", "20", "lots", "many"} {
			_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Typed " + v, CustomFields: app.CustomValues{"nickname": v}})
			is.NoErr(err)
		}
		nick := fields["nickname"]
		_, err := ta.UpdateCustomField(ctx, admin, nick.ID, app.FieldInput{Label: nick.Label, Type: "number"})
		is.Equal(app.ErrorCode(err), app.EConflict)
		is.Equal(app.AsError(err).Count, 2) // "lots" and "many"
		is.Equal(fieldProblem(err, "type"), "error.field_type_unconvertible")

		seats := fields["seats"]
		_, err = ta.UpdateCustomField(ctx, admin, seats.ID, app.FieldInput{Label: "Seats", Type: "text"})
		is.NoErr(err) // numbers always convert to text
	})

	t.Run("delete keeps values in the audit log, restore brings them back", func(t *testing.T) {
		is := is.New(t)
		c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Restore", CustomFields: app.CustomValues{
			"budget": "99", "channels": []string{"Phone", "Chat"}}})
		is.NoErr(err)
		for _, key := range []string{"budget", "channels"} {
			is.NoErr(ta.DeleteCustomField(ctx, admin, fields[key].ID))
		}
		c, err = ta.Contact(ctx, admin, c.ID)
		is.NoErr(err)
		_, has := c.CustomFields["budget"]
		is.True(!has)
		log, err := ta.AuditLog(ctx, admin, store.AuditQuery{Action: "custom_field.deleted"})
		is.NoErr(err)
		is.Equal(len(log.Entries), 2)
		for _, e := range log.Entries {
			_, err := ta.RestoreCustomField(ctx, admin, e.ID)
			is.NoErr(err)
		}
		c, err = ta.Contact(ctx, admin, c.ID)
		is.NoErr(err)
		is.Equal(c.CustomFields["budget"], app.MoneyValue{Minor: 9900, Currency: "EUR"})
		is.Equal(c.CustomFields["channels"], []string{"Phone", "Chat"})
		_, err = ta.RestoreCustomField(ctx, admin, log.Entries[0].ID)
		is.Equal(app.ErrorCode(err), app.EConflict) // only once
	})

	t.Run("only admins manage fields", func(t *testing.T) {
		is := is.New(t)
		for _, role := range []app.Role{app.RoleViewer, app.RoleSales, app.RoleManager} {
			u, err := ta.CreateUser(ctx, nil, app.NewUser{Name: string(role), Email: string(role) + "@fields.example", Role: role, Password: "password123"})
			is.NoErr(err)
			_, err = ta.CreateCustomField(ctx, u, "contact", app.FieldInput{Label: "Nope", Type: "text"})
			is.Equal(app.ErrorCode(err), app.EForbidden)
			is.Equal(app.ErrorCode(ta.DeleteCustomField(ctx, u, fields["fax"].ID)), app.EForbidden)
		}
	})
}
