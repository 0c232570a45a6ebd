package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestSetup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("creates the first admin once", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		needs, err := ta.NeedsSetup(ctx)
		is.NoErr(err)
		is.True(needs) // a new database needs setup
		u := mustSetup(t, ta)
		is.Equal(u.Role, app.RoleAdmin) // the first user is the admin
		needs, err = ta.NeedsSetup(ctx)
		is.NoErr(err)
		is.True(!needs) // setup is over
		_, err = ta.Setup(ctx, "", app.NewUser{Name: "Mallory", Email: "m@example.com", Password: "12345678"})
		is.Equal(app.ErrorCode(err), app.EConflict) // nobody can set up twice
	})

	t.Run("requires the code when one is set", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		ta.RequireSetupCode("ABCD-EFGH")
		in := app.NewUser{Name: "Ada", Email: "ada@example.com", Password: "correct horse"}
		_, err := ta.Setup(ctx, "WRONG-CODE", in)
		is.Equal(fieldProblem(err, "code"), "error.setup_code_wrong") // wrong code refused
		_, err = ta.Setup(ctx, " abcdefgh ", in)
		is.NoErr(err) // the code is forgiving about case, dashes and spaces
	})

	t.Run("reports every bad field", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		_, err := ta.Setup(ctx, "", app.NewUser{Name: " ", Email: "not-an-email", Password: "short"})
		is.Equal(app.ErrorCode(err), app.EInvalid)
		is.Equal(fieldProblem(err, "name"), "error.required")
		is.Equal(fieldProblem(err, "email"), "error.email_invalid")
		is.Equal(fieldProblem(err, "password"), "error.password_short")
	})
}

func TestUsers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("admins add users; emails are normalised and unique", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		u, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "김민수", Email: "  MinSu@Example.COM ", Role: app.RoleSales, Password: "비밀번호비밀번호"})
		is.NoErr(err)
		is.Equal(u.Email, "minsu@example.com") // lower-cased and trimmed
		_, err = ta.CreateUser(ctx, admin, app.NewUser{Name: "Copy", Email: "minsu@example.com", Role: app.RoleSales, Password: "12345678"})
		is.Equal(fieldProblem(err, "email"), "error.email_taken")
		_, err = ta.CreateUser(ctx, admin, app.NewUser{Name: "X", Email: "x@example.com", Role: "owner", Password: "12345678"})
		is.Equal(fieldProblem(err, "role"), "error.role_invalid")
		users, err := ta.Users(ctx, admin)
		is.NoErr(err)
		is.Equal(len(users), 2)
	})

	t.Run("only admins manage users", func(t *testing.T) {
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		for _, role := range app.Roles[1:] {
			t.Run(string(role), func(t *testing.T) {
				is := is.New(t)
				u, err := ta.CreateUser(ctx, admin, app.NewUser{Name: string(role), Email: string(role) + "@example.com", Role: role, Password: "12345678"})
				is.NoErr(err)
				_, err = ta.CreateUser(ctx, u, app.NewUser{Name: "Y", Email: "y-" + string(role) + "@example.com", Role: app.RoleAdmin, Password: "12345678"})
				is.Equal(app.ErrorCode(err), app.EForbidden) // cannot add users
				_, err = ta.Users(ctx, u)
				is.Equal(app.ErrorCode(err), app.EForbidden) // cannot list users
				_, err = ta.SetRole(ctx, u, u.ID, app.RoleAdmin)
				is.Equal(app.ErrorCode(err), app.EForbidden) // cannot promote themself
				err = ta.ResetPassword(ctx, u, admin.ID, "hijacked!")
				is.Equal(app.ErrorCode(err), app.EForbidden) // cannot take over the admin
				_, err = ta.SetDisabled(ctx, u, admin.ID, true)
				is.Equal(app.ErrorCode(err), app.EForbidden) // cannot lock the admin out
			})
		}
	})

	t.Run("the last active admin cannot be demoted or disabled", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		_, err := ta.SetRole(ctx, admin, admin.ID, app.RoleSales)
		is.Equal(app.ErrorCode(err), app.EConflict) // demotion refused
		_, err = ta.SetDisabled(ctx, nil, admin.ID, true)
		is.Equal(app.ErrorCode(err), app.EConflict) // even from the CLI

		second, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Bo", Email: "bo@example.com", Role: app.RoleAdmin, Password: "12345678"})
		is.NoErr(err)
		_, err = ta.SetDisabled(ctx, admin, second.ID, true)
		is.NoErr(err) // with another admin around it works...
		_, err = ta.SetRole(ctx, admin, admin.ID, app.RoleSales)
		is.Equal(app.ErrorCode(err), app.EConflict) // ...but a disabled admin does not count
		_, err = ta.SetDisabled(ctx, admin, second.ID, false)
		is.NoErr(err)
		u, err := ta.SetRole(ctx, admin, admin.ID, app.RoleManager)
		is.NoErr(err) // now the first admin may step down
		is.Equal(u.Role, app.RoleManager)
	})

	t.Run("profile changes validate the language", func(t *testing.T) {
		is := is.New(t)
		ta := mustOpenApp(t)
		admin := mustSetup(t, ta)
		u, err := ta.UpdateProfile(ctx, admin, app.Profile{Name: "Ada L.", Language: "ko"})
		is.NoErr(err)
		is.Equal(u.Language, "ko")
		_, err = ta.UpdateProfile(ctx, admin, app.Profile{Name: "Ada", Language: "xx"})
		is.Equal(fieldProblem(err, "language"), "error.language_invalid")
	})
}

// TestWhoeverAddsARecordOwnsIt: a new contact, company or deal without an
// owner is its adder's, and a new task its adder's to do, unless the input
// asks for nobody; the browser, the API and the CLI rely on this.
func TestWhoeverAddsARecordOwnsIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	sam := mustUser(t, ta, "Sam")
	kinds := map[string]func(actor app.Actor, owner string, none bool) (string, error){
		"contact": func(actor app.Actor, owner string, none bool) (string, error) {
			c, err := ta.CreateContact(ctx, actor, app.ContactInput{FirstName: "Ann", OwnerID: owner, NoOwner: none})
			return c.OwnerID, err
		},
		"company": func(actor app.Actor, owner string, none bool) (string, error) {
			c, err := ta.CreateCompany(ctx, actor, app.CompanyInput{Name: "Acme", OwnerID: owner, NoOwner: none})
			return c.OwnerID, err
		},
		"deal": func(actor app.Actor, owner string, none bool) (string, error) {
			d, err := ta.CreateDeal(ctx, actor, app.DealInput{Title: "Big", OwnerID: owner, NoOwner: none})
			return d.OwnerID, err
		},
		"task": func(actor app.Actor, owner string, none bool) (string, error) {
			task, err := ta.CreateTask(ctx, actor, app.TaskInput{Title: "Call", AssigneeID: owner, Unassigned: none})
			return task.AssigneeID, err
		},
	}
	for kind, create := range kinds {
		t.Run(kind, func(t *testing.T) {
			is := is.New(t)
			got, err := create(admin, "", false)
			is.NoErr(err)
			is.Equal(got, admin.ID) // whoever adds it
			got, err = create(admin, sam.ID, false)
			is.NoErr(err)
			is.Equal(got, sam.ID) // the one named
			got, err = create(admin, "", true)
			is.NoErr(err)
			is.Equal(got, "") // nobody, when asked
			got, err = create(nil, "", false)
			is.NoErr(err)
			is.Equal(got, "") // the system adds for nobody
		})
	}
}
