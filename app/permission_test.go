package app_test

import (
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestPermissionMatrixDefaults(t *testing.T) {
	t.Parallel()
	ta := mustOpenApp(t)
	mustSetup(t, ta)
	ctx := t.Context()
	users := map[app.Role]*app.User{}
	for _, r := range app.Roles {
		u, err := ta.CreateUser(ctx, nil, app.NewUser{Name: string(r), Email: string(r) + "@example.com", Role: r, Password: "12345678"})
		if err != nil {
			t.Fatal(err)
		}
		users[r] = u
	}
	c, err := ta.CreateContact(ctx, nil, app.ContactInput{FirstName: "Matrix"})
	if err != nil {
		t.Fatal(err)
	}
	pipeline, err := ta.CreatePipeline(ctx, nil, "Matrix", []string{"One"})
	if err != nil {
		t.Fatal(err)
	}
	// Each job's defaults, checked through the app methods themselves.
	for _, tc := range []struct {
		role    app.Role
		action  string
		allowed bool
	}{
		{app.RoleViewer, "create contact", false},
		{app.RoleSupport, "create contact", true},
		{app.RoleSupport, "trash contact", false},
		{app.RoleSupport, "log activity", true},
		{app.RoleSupport, "create deal", false},
		{app.RoleSales, "create deal", true},
		{app.RoleSales, "rename pipeline", false},
		{app.RoleMarketing, "create deal", false},
		{app.RoleMarketing, "trash contact", true},
		{app.RoleManager, "rename pipeline", true},
		{app.RoleManager, "list users", false},
		{app.RoleAdmin, "list users", true},
	} {
		t.Run(string(tc.role)+" "+tc.action, func(t *testing.T) {
			is := is.New(t)
			u := users[tc.role]
			var err error
			switch tc.action {
			case "create contact":
				_, err = ta.CreateContact(ctx, u, app.ContactInput{FirstName: "New"})
			case "trash contact":
				err = ta.TrashContact(ctx, u, c.ID)
				if err == nil {
					is.NoErr(ta.RestoreContact(ctx, nil, c.ID))
				}
			case "log activity":
				_, err = ta.LogActivity(ctx, u, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
			case "create deal":
				_, err = ta.CreateDeal(ctx, u, app.DealInput{Title: "Deal", StageID: pipeline.Stages[0].ID})
			case "rename pipeline":
				err = ta.RenamePipeline(ctx, u, pipeline.ID, "Matrix "+string(tc.role))
			case "list users":
				_, err = ta.Users(ctx, u)
			}
			if tc.allowed {
				is.NoErr(err)
			} else {
				is.Equal(app.AsError(err).Code, app.EForbidden) // refused by the matrix
			}
		})
	}
}

func TestPermissionMatrixIsEditable(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	viewer, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "Vi", Email: "vi@example.com", Role: app.RoleViewer, Password: "12345678"})
	is.NoErr(err)
	_, err = ta.CreateContact(ctx, viewer, app.ContactInput{FirstName: "No"})
	is.Equal(app.AsError(err).Code, app.EForbidden) // viewers read only by default

	is.NoErr(ta.SetPermissions(ctx, admin, app.PermissionChange{
		Levels: map[app.Role]map[app.Area]app.Level{
			app.RoleViewer: {app.AreaContacts: app.LevelCreate},
			app.RoleAdmin:  {app.AreaSettings: app.LevelNone}, // ignored: admins keep every right
		},
	}))
	_, err = ta.CreateContact(ctx, viewer, app.ContactInput{FirstName: "Yes"})
	is.NoErr(err) // the change applies at once
	_, err = ta.Users(ctx, admin)
	is.NoErr(err) // admins cannot be locked out

	_, err = ta.Users(ctx, viewer)
	is.Equal(app.AsError(err).Code, app.EForbidden)
	err = ta.SetPermissions(ctx, viewer, app.PermissionChange{Levels: map[app.Role]map[app.Area]app.Level{app.RoleViewer: {app.AreaSettings: app.LevelManage}}})
	is.Equal(app.AsError(err).Code, app.EForbidden) // only who manages settings edits the matrix

	// Stored in the database: a fresh App on the same file sees it.
	again, err := app.Open(ctx, ta.dbPath, app.Config{})
	is.NoErr(err)
	defer again.Close()
	is.Equal(again.Permissions().Level(app.RoleViewer, app.AreaContacts), app.LevelCreate)
}
