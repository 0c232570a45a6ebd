package app_test

import (
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// TestMigrateHubSpot migrates the HubSpot-shaped sample export with a
// stage and an owner mapped by hand: the mapped stage takes its deals
// and is not created, the unknown owner becomes the user it is mapped
// to, "Closed won" and "Closed lost" are the pipelines' closing stages,
// each kind of activity file its type; then the undo.
func TestMigrateHubSpot(t *testing.T) {
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	db := rawDB(t, ta)
	ctx := t.Context()
	const proposal = "00000000-0000-7000-8000-000000000014" // the default pipeline's proposal stage
	opt := app.MigrateOptions{Source: "hubspot", Files: exportFiles(t, "hubspot"),
		Stages: map[string]string{"Sales Pipeline / Contract Sent": proposal},
		Owners: map[string]string{"Jordan Blake": "ada@example.com"}, DryRun: true}
	before := snapshot(t, db)

	plan, err := ta.Migrate(ctx, team.admin, opt)
	is.NoErr(err)
	want := map[string]app.MigrationCount{"companies": {Rows: 3, Created: 3}, "contacts": {Rows: 4, Created: 4}, "deals": {Rows: 5, Created: 5},
		"activities": {Rows: 5, Created: 5}, "notes": {Rows: 2, Created: 2}}
	is.Equal(plan.Counts, want)
	placed := map[string]string{}
	for _, p := range plan.Pipelines {
		for _, s := range p.Stages {
			placed[s.Key] = s.Kind + ":" + s.ExistingID + ":" + map[bool]string{true: "create"}[s.Create]
		}
	}
	is.Equal(placed, map[string]string{"Sales Pipeline / Qualified To Buy": "open::create", "Sales Pipeline / Contract Sent": "open:" + proposal + ":",
		"Sales Pipeline / Closed Won": "won::create", "Partner Pipeline / Negotiations Started": "open::create", "Partner Pipeline / Closed Lost": "lost::create"})
	owners := map[string]string{}
	for _, o := range plan.Owners {
		owners[o.Key] = o.MatchedBy + ":" + o.UserID
	}
	is.Equal(owners, map[string]string{"Sam Rivera": "name:" + team.sam.ID, "kim@example.com": "email:" + team.kim.ID, "Jordan Blake": "map:" + team.admin.ID})
	var warned []string
	for _, w := range plan.Warnings {
		warned = append(warned, w.Field+"="+w.Value)
	}
	is.Equal(warned, []string{"Amount=TBD", "Close Date=2026-02-30 00:00"}) // line 3 of the deals

	opt.DryRun = false
	rep, err := ta.Migrate(ctx, team.admin, opt)
	is.NoErr(err)
	is.Equal(rep.Counts, plan.Counts)
	deals := queryStrings(t, db, `SELECT d.title || '|' || coalesce(nullif(p.name, ''), p.name_key) || '|' || coalesce(nullif(s.name, ''), s.name_key) || '|' ||
		d.status || '|' || coalesce(d.owner_id, '-') || '|' || coalesce(c.name, '-') || '|' ||
		coalesce((SELECT group_concat(k.first_name, ',' ORDER BY k.first_name) FROM contacts k WHERE k.id = d.contact_id OR k.id IN
			(SELECT contact_id FROM deal_contacts WHERE deal_id = d.id)), '-') || '|' || d.lost_reason
		FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages s ON s.id = d.stage_id
		LEFT JOIN companies c ON c.id = d.company_id ORDER BY d.title`)
	is.Equal(deals, []string{
		"Cedar co-marketing|Partner Pipeline|Closed Lost|lost|-|Cedar & Pine LLC|Marcus|Budget cut",
		"Cedar renewal|pipeline.default.name|pipeline.default.proposal|open|" + team.kim.ID + "|Cedar & Pine LLC|Marcus|", // the mapped stage
		"Fjord dashboard|Sales Pipeline|Qualified To Buy|open|" + team.sam.ID + "|Fjord Analytics AS|Ingrid|",
		"Fjord partner program|Partner Pipeline|Negotiations Started|open|" + team.sam.ID + "|Fjord Analytics AS|Diego,Ingrid|", // two associated contacts
		"Maple expansion|Sales Pipeline|Closed Won|won|" + team.admin.ID + "|Maple Leaf Foods Co.|Priya|",
	})
	// HubSpot's Create Date; a closed deal's Close Date is when it closed.
	is.Equal(queryStrings(t, db, `SELECT title || '|' || created_at || '|' || coalesce(closed_at, '-') || '|' || expected_close_date FROM deals
		WHERE title IN ('Maple expansion', 'Fjord dashboard') ORDER BY title`), []string{
		"Fjord dashboard|2026-09-01T10:00:00.000Z|-|2026-12-20", "Maple expansion|2026-03-01T09:30:00.000Z|2026-11-01T00:00:00.000Z|2026-11-01"})
	is.Equal(queryStrings(t, db, `SELECT created_at FROM contacts WHERE first_name = 'Ingrid'`), []string{"2025-05-02T08:20:00.000Z"})
	is.Equal(queryStrings(t, db, `SELECT k.first_name || '|' || coalesce(c.name, '-') || '|' || coalesce(k.owner_id, '-') || '|' || k.lifecycle_status
		FROM contacts k LEFT JOIN companies c ON c.id = k.company_id ORDER BY k.first_name`), []string{
		"Diego|-|-|lead", "Ingrid|Fjord Analytics AS|" + team.sam.ID + "|customer", "Marcus|Cedar & Pine LLC|" + team.kim.ID + "|opportunity",
		"Priya|Maple Leaf Foods Co.|" + team.admin.ID + "|qualified"})
	is.Equal(queryStrings(t, db, `SELECT a.type_id || '|' || a.outcome || '|' || coalesce(a.duration_minutes, 0) || '|' || coalesce(a.user_id, '-') || '|' ||
		(SELECT count(*) FROM activity_links l WHERE l.activity_id = a.id) FROM activities a ORDER BY a.type_id, a.outcome, a.body`), []string{
		"call|Kick-off call|43|" + team.sam.ID + "|3", "call|Renewal check-in|2|" + team.kim.ID + "|3",
		"meeting|Quarterly review|0|" + team.admin.ID + "|3", "note||0|-|1", "note||0|" + team.sam.ID + "|2",
		"note|Book kick-off room|0|" + team.sam.ID + "|3"}) // a completed task: what was done
	is.Equal(queryStrings(t, db, `SELECT title || '|' || notes || '|' || due_at || '|' || assignee_id || '|' || (SELECT count(*) FROM task_links l
		WHERE l.task_id = t.id) FROM tasks t`), []string{"Send contract draft|Legal wants the renewal terms first.|2026-12-05T09:00:00.000Z|" + team.kim.ID + "|3"})

	_, err = ta.UndoImport(ctx, team.admin, rep.BatchID)
	is.NoErr(err)
	sameTables(t, before, snapshot(t, db))
}

// TestMigrateRefusesBadOptions: a mapping for an owner or a stage the
// export does not name, or onto a user or stage that is not here, is a
// mistake said before anything is read further.
func TestMigrateRefusesBadOptions(t *testing.T) {
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	files := exportFiles(t, "pipedrive")
	for name, c := range map[string]struct {
		opt   app.MigrateOptions
		field string
	}{
		"owner not in export": {app.MigrateOptions{Owners: map[string]string{"Nobody": ""}}, "owners.Nobody"},
		"no such user":        {app.MigrateOptions{Owners: map[string]string{"Morgan Lee": "ghost@example.com"}}, "owners.Morgan Lee"},
		"stage not in export": {app.MigrateOptions{Stages: map[string]string{"Sales / Nowhere": "x"}}, "stages.Sales / Nowhere"},
		"no such stage":       {app.MigrateOptions{Stages: map[string]string{"Sales Pipeline / Qualified": "Nowhere / Nothing"}}, "stages.Sales Pipeline / Qualified"},
	} {
		c.opt.Source, c.opt.Files, c.opt.DryRun = "pipedrive", files, true
		_, err := ta.Migrate(t.Context(), team.admin, c.opt)
		if fieldProblem(err, c.field) == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err := ta.Migrate(t.Context(), team.admin, app.MigrateOptions{Source: "salesforce", Files: files})
	is.Equal(fieldProblem(err, "source"), "error.migration_source_unknown")
}

// TestUndoMigrationKeepsWhatChanged: a deal edited after the migration
// stays when it is undone, with its company, contact, stage and
// pipeline; the rest goes.
func TestUndoMigrationKeepsWhatChanged(t *testing.T) {
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	db := rawDB(t, ta)
	rep, err := ta.Migrate(t.Context(), team.admin, app.MigrateOptions{Source: "pipedrive", Files: exportFiles(t, "pipedrive")})
	is.NoErr(err)
	ta.clock.Add(time.Hour)
	id := queryStrings(t, db, `SELECT id FROM deals WHERE title = 'Sakura pilot'`)[0]
	d, err := ta.Deal(t.Context(), team.admin, id)
	is.NoErr(err)
	_, err = ta.PatchDeal(t.Context(), team.admin, id, d.Version, func(in *app.DealInput) { in.Title = "Sakura pilot (phase 1)" })
	is.NoErr(err)

	kept, err := ta.UndoImport(t.Context(), team.admin, rep.BatchID)
	is.NoErr(err)
	is.Equal(kept, 3) // the deal, its contact and its company
	is.Equal(queryStrings(t, db, `SELECT d.title || '|' || c.name || '|' || k.display_name || '|' || s.name || '|' || p.name FROM deals d
		JOIN companies c ON c.id = d.company_id JOIN contacts k ON k.id = d.contact_id JOIN stages s ON s.id = d.stage_id
		JOIN pipelines p ON p.id = d.pipeline_id`), []string{"Sakura pilot (phase 1)|Sakura Systems 株式会社|Aiko Tanaka|Negotiations Started|Sales Pipeline"})
	is.Equal(queryStrings(t, db, `SELECT count(*) || ' ' || (SELECT count(*) FROM companies) || ' ' || (SELECT count(*) FROM activities) || ' ' ||
		(SELECT count(*) FROM stages WHERE pipeline_id IN (SELECT id FROM pipelines WHERE name = 'Partnerships')) FROM contacts`), []string{"1 1 0 0"})

	again, err := ta.Migrate(t.Context(), team.admin, app.MigrateOptions{Source: "pipedrive", Files: exportFiles(t, "pipedrive"), DryRun: true})
	is.NoErr(err)
	is.Equal(again.Counts["deals"], app.MigrationCount{Rows: 6, Created: 4, Skipped: 2}) // the kept deal is still known by its Pipedrive id; the deleted one skipped
}
