package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestCustomFieldCacheSeesEveryChange: the custom fields a page reads
// come from a cache, so after every kind of change — through the app, an
// option added, a field deleted, and a write by another process on the
// same file — the next read must show it, and a contact read after it
// must carry the values by the new labels.
func TestCustomFieldCacheSeesEveryChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	is := is.New(t)
	plan, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Key: "plan", Label: "Plan", Type: "select",
		Options: []app.FieldOption{{Label: "Basic"}, {Label: "Pro"}}})
	is.NoErr(err)
	_, err = ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Cache", CustomFields: app.CustomValues{"plan": "Pro"}})
	is.NoErr(err)
	label := func() string {
		t.Helper()
		fields, err := ta.CustomFields(ctx, "contact")
		is.NoErr(err)
		for _, f := range fields {
			if f.Key == "plan" {
				return f.Label
			}
		}
		return ""
	}
	shown := func() any {
		t.Helper()
		page, err := ta.ListContactRecords(ctx, admin, store.ListQuery{})
		is.NoErr(err)
		return page.Records[0].CustomFields["plan"]
	}
	is.Equal(label(), "Plan")
	is.Equal(shown(), "Pro")

	in := app.FieldInput{Key: "plan", Label: "Tier", Type: "select", Options: []app.FieldOption{{ID: plan.Options[0].ID, Label: "Basic"},
		{ID: plan.Options[1].ID, Label: "Professional"}, {Label: "Team"}}}
	_, err = ta.UpdateCustomField(ctx, admin, plan.ID, in)
	is.NoErr(err)
	is.Equal(label(), "Tier")         // the field's own change
	is.Equal(shown(), "Professional") // an option renamed

	// Another process (here a second connection to the file) renames it.
	otherProcess(t, ta, `UPDATE custom_field_options SET label = 'Pro plus' WHERE id = ?`, plan.Options[1].ID)
	is.Equal(shown(), "Pro plus")

	is.NoErr(ta.DeleteCustomField(ctx, admin, plan.ID))
	is.Equal(label(), "")
	is.Equal(shown(), nil)
}
