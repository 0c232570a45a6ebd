package app_test

import (
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestWebhookCarriesOnlyWhatItsOwnerSees: a sales user limited to their
// own records gets events about their contacts and none about a
// colleague's, and no change of a field hidden from their role.
func TestWebhookCarriesOnlyWhatItsOwnerSees(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	is.NoErr(ta.SetAllowPrivateWebhooks(ctx, nil, true)) // the receiver is on loopback
	is.NoErr(ta.SetPermissions(ctx, admin, app.PermissionChange{
		Levels:  map[app.Role]map[app.Area]app.Level{app.RoleSales: {app.AreaIntegrations: app.LevelCreate}},
		Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	salary, err := ta.CreateCustomField(ctx, admin, "contact", app.FieldInput{Label: "Salary", Type: "number"})
	is.NoErr(err)
	is.NoErr(ta.SetFieldProtection(ctx, admin, salary.ID, app.RoleSales, app.FieldHidden))
	_, err = ta.CreateUser(ctx, nil, app.NewUser{Name: "Me", Email: "me@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	colleague, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "Col", Email: "col@example.com", Role: app.RoleSales, Password: "12345678"})
	is.NoErr(err)
	me, err := ta.UserByEmail(ctx, "me@example.com")
	is.NoErr(err)

	rc := newReceiver(t)
	hook, err := ta.CreateWebhook(ctx, me, app.WebhookInput{URL: rc.URL, Events: []string{"contact.created", "tag.added", "field.changed"}})
	is.NoErr(err)
	rc.secret = hook.Secret
	is.Equal(hook.CreatedBy, me.ID) // the endpoint is theirs

	mine, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Mina", OwnerID: me.ID, Tags: []string{"vip"}})
	is.NoErr(err)
	theirs, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Theo", OwnerID: colleague.ID, Tags: []string{"vip"}})
	is.NoErr(err)
	_, err = ta.PatchContact(ctx, nil, mine.ID, mine.Version, func(in *app.ContactInput) {
		in.Title = "Buyer"
		in.CustomFields = app.CustomValues{salary.Key: 90000}
	})
	is.NoErr(err)
	_, err = ta.PatchContact(ctx, nil, theirs.ID, theirs.Version, func(in *app.ContactInput) { in.Title = "Chief" })
	is.NoErr(err)

	_, err = ta.DeliverWebhooks(ctx)
	is.NoErr(err)
	got := map[string]bool{}
	rc.mu.Lock()
	for _, p := range rc.got {
		is.Equal(p.Data.EntityID, mine.ID)                   // nothing about the colleague's contact
		is.True(p.Data.Field != "custom_fields."+salary.Key) // nor the hidden field's change
		got[p.Type+" "+p.Data.Field] = true
	}
	rc.mu.Unlock()
	is.True(got["contact.created "])    // own contact created
	is.True(got["tag.added "])          // and tagged
	is.True(got["field.changed title"]) // a visible field changed
	is.Equal(rc.count(), 3)             // and nothing else

	// Endpoints are their owners': a colleague neither lists nor reaches it.
	list, err := ta.Webhooks(ctx, colleague)
	is.NoErr(err)
	is.Equal(len(list), 0)
	_, err = ta.Webhook(ctx, colleague, hook.ID)
	is.Equal(app.AsError(err).Code, app.ENotFound)
	is.Equal(app.AsError(ta.DeleteWebhook(ctx, colleague, hook.ID)).Code, app.ENotFound)
	list, err = ta.Webhooks(ctx, admin)
	is.NoErr(err)
	is.Equal(len(list), 1) // those who manage integrations see everyone's

	// When the owner's role may no longer have webhooks, it sends nothing.
	is.NoErr(ta.SetPermissions(ctx, admin, app.PermissionChange{
		Levels: map[app.Role]map[app.Area]app.Level{app.RoleSales: {app.AreaIntegrations: app.LevelNone}}}))
	_, err = ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Later", OwnerID: me.ID})
	is.NoErr(err)
	n, err := ta.DeliverWebhooks(ctx)
	is.NoErr(err)
	is.Equal(n, 0)
}
