package app_test

import (
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestMigrationNeedsTheRightsOfWhatItWrites: the import right is no way
// around the records' own. Marketing (imports: delete, deals: view) may
// import contacts but neither deals nor a whole CRM; a role that may
// import and create deals but not manage them sees the plan with a
// problem per stage to create, is refused the run, and may run it once
// every new stage is mapped onto an existing one.
func TestMigrationNeedsTheRightsOfWhatItWrites(t *testing.T) {
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	ctx := t.Context()
	mo, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "Mo", Email: "mo@example.com", Role: app.RoleMarketing, Password: "password123"})
	is.NoErr(err)
	files := exportFiles(t, "pipedrive")

	_, err = ta.Migrate(ctx, mo, app.MigrateOptions{Source: "pipedrive", Files: files, DryRun: true})
	is.Equal(app.AsError(err).Code, app.EForbidden)
	_, err = ta.Import(ctx, mo, strings.NewReader("Title,Value\nBig deal,10\n"), app.ImportOptions{Entity: "deal", FileName: "deals.csv"})
	is.Equal(app.AsError(err).Code, app.EForbidden)
	rep, err := ta.Import(ctx, mo, strings.NewReader("First name,Email\nCy,cy@example.com\n"), app.ImportOptions{Entity: "contact", FileName: "leads.csv"})
	is.NoErr(err)
	is.Equal(rep.Created, 1)

	// Sales may create and delete deals; give it imports too.
	is.NoErr(ta.SetPermissions(ctx, team.admin, app.PermissionChange{Levels: map[app.Role]map[app.Area]app.Level{
		app.RoleSales: {app.AreaImports: app.LevelDelete}}}))
	plan, err := ta.Migrate(ctx, team.sam, app.MigrateOptions{Source: "pipedrive", Files: files, DryRun: true})
	is.NoErr(err)
	mapped := map[string]string{}
	for _, p := range plan.Pipelines {
		for _, s := range p.Stages {
			if s.Create {
				mapped[s.Key] = "00000000-0000-7000-8000-000000000014" // the default pipeline's proposal stage
			}
		}
	}
	var need []string
	for _, p := range plan.Problems {
		if p.Message == "error.migration_stages_need_manager" {
			need = append(need, p.Field)
		}
	}
	is.Equal(len(need), len(mapped))
	is.True(len(need) > 0)

	_, err = ta.Migrate(ctx, team.sam, app.MigrateOptions{Source: "pipedrive", Files: files})
	is.Equal(app.AsError(err).Code, app.EInvalid)
	is.Equal(app.AsError(err).Fields["stages"], "error.migration_stages_need_manager")

	done, err := ta.Migrate(ctx, team.sam, app.MigrateOptions{Source: "pipedrive", Files: files, Stages: mapped})
	is.NoErr(err)
	is.True(done.Written)
	is.Equal(done.Counts["deals"].Created, plan.Counts["deals"].Created)
	pipelines, err := ta.Pipelines(ctx, team.admin)
	is.NoErr(err)
	is.Equal(len(pipelines), 1) // nothing created
}
