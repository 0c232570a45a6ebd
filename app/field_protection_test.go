package app_test

import (
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestFieldProtection(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	salary, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Label: "Salary", Type: "number"})
	is.NoErr(err)
	tier, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Label: "Tier", Type: "text"})
	is.NoErr(err)
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Field", CustomFields: app.CustomValues{salary.Key: 90000, tier.Key: "gold"}})
	is.NoErr(err)
	sales, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "S", Email: "s@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)

	is.Equal(app.AsError(ta.SetFieldProtection(ctx, sales, salary.ID, app.RoleSales, app.FieldHidden)).Code, app.EForbidden)
	is.NoErr(ta.SetFieldProtection(ctx, admin, salary.ID, app.RoleSales, app.FieldHidden))
	is.NoErr(ta.SetFieldProtection(ctx, admin, tier.ID, app.RoleSales, app.FieldReadOnly))

	got, err := ta.Contact(ctx, sales, c.ID)
	is.NoErr(err)
	_, seen := got.CustomFields[salary.Key]
	is.True(!seen)                               // hidden from sales
	is.Equal(got.CustomFields[tier.Key], "gold") // read-only is still shown
	full, err := ta.Contact(ctx, admin, c.ID)
	is.NoErr(err)
	_, seen = full.CustomFields[salary.Key]
	is.True(seen) // admins see everything

	_, err = ta.PatchContact(ctx, sales, c.ID, got.Version, func(in *app.ContactInput) { in.CustomFields = app.CustomValues{tier.Key: "silver"} })
	is.Equal(fieldProblem(err, "custom_fields."+tier.Key), "error.field_read_only")
	_, err = ta.PatchContact(ctx, sales, c.ID, got.Version, func(in *app.ContactInput) { in.CustomFields = app.CustomValues{salary.Key: 1} })
	is.Equal(fieldProblem(err, "custom_fields."+salary.Key), "error.field_read_only")
	_, err = ta.PatchContact(ctx, sales, c.ID, got.Version, func(in *app.ContactInput) { in.Title = "Boss" })
	is.NoErr(err) // other fields still change, and the hidden value survives
	full, err = ta.Contact(ctx, admin, c.ID)
	is.NoErr(err)
	is.Equal(full.Title, "Boss")
	_, seen = full.CustomFields[salary.Key]
	is.True(seen)

	var out strings.Builder
	is.NoErr(ta.Export(ctx, sales, &out, "contact", "csv", nil))
	is.True(!strings.Contains(out.String(), "cf."+salary.Key)) // not exported either
	is.True(strings.Contains(out.String(), "cf."+tier.Key))
	list, err := ta.ContactsByID(ctx, sales, []string{c.ID})
	is.NoErr(err)
	_, seen = list[0].CustomFields[salary.Key]
	is.True(!seen) // nor in the API's lists

	// Filtering or sorting on a hidden field would tell its values: to
	// sales it is a field that does not exist.
	q := store.ListQuery{Limit: 5}
	err = ta.ListQueryFor(ctx, sales, "contact", salary.Key+":>50000", &q)
	is.Equal(app.ErrorCode(err), app.EInvalid) // unknown field
	is.Equal(app.ErrorCode(ta.SortByField(ctx, sales, "contact", "-"+salary.Key, &q)), app.EInvalid)
	is.NoErr(ta.ListQueryFor(ctx, admin, "contact", salary.Key+":>50000", &q))
	is.NoErr(ta.SortByField(ctx, admin, "contact", "-"+salary.Key, &q))
	is.NoErr(ta.ListQueryFor(ctx, sales, "contact", tier.Key+":gold", &q)) // read-only fields still filter
	fields, err := ta.FieldsFor(ctx, sales, "contact")
	is.NoErr(err)
	is.Equal(len(fields), 1) // the filter builder and sort menu offer only the tier
}

// TestHiddenFieldsStayOutOfSearch: a search must not reveal a hidden
// field's value by matching on it, for any role.
func TestHiddenFieldsStayOutOfSearch(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	note, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Label: "Private note", Type: "text"})
	is.NoErr(err)
	_, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Secret", CustomFields: app.CustomValues{note.Key: "embezzlement"}})
	is.NoErr(err)
	is.True(found(t, ta, "embezzlement", "Secret")) // text fields are searchable

	is.NoErr(ta.SetFieldProtection(ctx, admin, note.ID, app.RoleSales, app.FieldHidden))
	is.True(!found(t, ta, "embezzlement", "Secret")) // hidden from a role: out of the index

	is.NoErr(ta.SetFieldProtection(ctx, admin, note.ID, app.RoleSales, ""))
	is.True(found(t, ta, "embezzlement", "Secret")) // unhidden: back
}
