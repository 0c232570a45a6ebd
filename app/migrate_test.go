package app_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// TestMigratePipedrive migrates the Pipedrive-shaped sample export: the
// dry run's plan, the same numbers written, every link, stage and owner
// as the export says; a second run adds nothing; the undo leaves every
// table as it was; after it the migration can run again.
func TestMigratePipedrive(t *testing.T) {
	is := is.New(t)
	ta := mustOpenApp(t)
	team := mustMigrationTeam(t, ta)
	db := rawDB(t, ta)
	ctx := t.Context()
	opt := app.MigrateOptions{Source: "pipedrive", Name: "pipedrive", Files: exportFiles(t, "pipedrive"), DryRun: true}
	before := snapshot(t, db)

	plan, err := ta.Migrate(ctx, team.admin, opt)
	is.NoErr(err)
	is.Equal(plan.BatchID, "")
	sameTables(t, before, snapshot(t, db)) // a dry run writes nothing
	want := map[string]app.MigrationCount{"companies": {Rows: 4, Created: 4}, "contacts": {Rows: 5, Created: 5}, "deals": {Rows: 6, Created: 5, Skipped: 1},
		"activities": {Rows: 5, Created: 5}, "notes": {Rows: 4, Created: 4}} // the deleted deal skipped
	is.Equal(plan.Counts, want)
	kinds := map[string]string{}
	for _, f := range plan.Files {
		kinds[f.Name] = f.Kind
	}
	is.Equal(kinds, map[string]string{"organizations.csv": "organizations", "people.csv": "persons", "deals.csv": "deals",
		"activities.csv": "activities", "notes.csv": "notes"})
	var stages []string
	for _, p := range plan.Pipelines {
		is.Equal(p.ExistingID, "") // neither pipeline is here
		for _, s := range p.Stages {
			is.True(s.Create)
			stages = append(stages, s.Key)
		}
	}
	is.Equal(stages, []string{"Sales Pipeline / Qualified", "Sales Pipeline / Proposal Made", "Sales Pipeline / Negotiations Started",
		"Partnerships / Intro Call", "Partnerships / Proposal Made"})
	owners := map[string]string{}
	for _, o := range plan.Owners {
		owners[o.Key] = o.MatchedBy + ":" + o.UserID
	}
	is.Equal(owners, map[string]string{"Sam Rivera": "name:" + team.sam.ID, "kim@example.com": "email:" + team.kim.ID, "Morgan Lee": ":"})
	var warned []string
	for _, w := range plan.Warnings {
		warned = append(warned, w.File+":"+strconv.Itoa(w.Line)+":"+w.Field+"="+w.Value)
	}
	is.Equal(warned, []string{"activities.csv:6:Activity - Due date=31/02/2026", "deals.csv:3:Deal - Expected close date=2026-13-45",
		"deals.csv:3:Deal - Value=12,5k", "deals.csv:7:=deleted", "people.csv:6:Person - Add time=2025-06-31 11:45:00"})
	is.Equal(len(plan.Problems), 0)

	opt.DryRun = false
	rep, err := ta.Migrate(ctx, team.admin, opt)
	is.NoErr(err)
	is.True(rep.Written && rep.BatchID != "")
	is.Equal(rep.Counts, plan.Counts)     // the dry run's numbers
	is.Equal(rep.Warnings, plan.Warnings) // and problems

	// Deals: pipeline, stage (won and lost to their pipeline's closing
	// stages), owner, company, contact, value.
	deals := queryStrings(t, db, `SELECT d.title || '|' || p.name || '|' || coalesce(nullif(s.name, ''), s.name_key) || '|' || d.status || '|' ||
		coalesce(d.owner_id, '-') || '|' || coalesce(c.name, '-') || '|' || coalesce(k.display_name, '-') || '|' || d.value || ' ' || d.currency
		FROM deals d JOIN pipelines p ON p.id = d.pipeline_id JOIN stages s ON s.id = d.stage_id
		LEFT JOIN companies c ON c.id = d.company_id LEFT JOIN contacts k ON k.id = d.contact_id ORDER BY d.title`)
	is.Equal(deals, []string{
		"Blue Harbor reseller|Partnerships|pipeline.default.lost|lost|-|Blue Harbor Ltd|Owen Price|2000000 GBP",
		"Dupont website|Partnerships|pipeline.default.won|won|" + team.sam.ID + "|Atelier Dupont|Claire Dupont|450000 EUR",
		"Nordlicht rollout|Sales Pipeline|Qualified|open|" + team.sam.ID + "|Nordlicht GmbH|Lena Vogel|1200000 EUR",
		"Nordlicht support contract|Sales Pipeline|Proposal Made|open|" + team.kim.ID + "|Nordlicht GmbH|Tom Becker|0 EUR", // the amount left out
		"Sakura pilot|Sales Pipeline|Negotiations Started|open|-|Sakura Systems 株式会社|Aiko Tanaka|800000 JPY",
	})
	is.Equal(queryStrings(t, db, `SELECT p.name || ':' || group_concat(coalesce(nullif(s.name, ''), s.name_key), ',' ORDER BY s.position) FROM
		stages s JOIN pipelines p ON p.id = s.pipeline_id WHERE p.name <> '' GROUP BY p.id ORDER BY p.position`),
		[]string{"Sales Pipeline:Qualified,Proposal Made,Negotiations Started,pipeline.default.won,pipeline.default.lost",
			"Partnerships:Intro Call,Proposal Made,pipeline.default.won,pipeline.default.lost"})
	// The export's times: added, last changed, won or lost (what reports
	// count by month); the deal open in its stage since the migration.
	is.Equal(queryStrings(t, db, `SELECT d.title || '|' || d.created_at || '|' || d.updated_at || '|' || coalesce(d.closed_at, '-') || '|' ||
		(d.stage_entered_at = coalesce(d.closed_at, d.stage_entered_at)) || '|' || (SELECT group_concat(h.at = d.stage_entered_at) FROM deal_stage_history h WHERE h.deal_id = d.id)
		FROM deals d WHERE d.title IN ('Dupont website', 'Blue Harbor reseller', 'Nordlicht rollout') ORDER BY d.title`), []string{
		"Blue Harbor reseller|2026-07-07T15:30:00.000Z|2026-10-21T17:05:00.000Z|2026-10-21T17:05:00.000Z|1|1",
		"Dupont website|2026-02-02T08:00:00.000Z|2026-03-14T09:30:00.000Z|2026-03-14T09:30:00.000Z|1|1",
		"Nordlicht rollout|2026-09-20T09:00:00.000Z|2026-11-02T10:15:00.000Z|-|1|1"})
	march := app.Period{Key: "custom", From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Zone: time.UTC}
	won, err := ta.WinRateReport(ctx, team.admin, app.ReportQuery{Period: march, Owner: "team"}, "owner")
	is.NoErr(err)
	is.Equal([]int{won.Total.Won, won.Total.Lost}, []int{1, 0}) // the reports count the won deal in March, when it was won
	// People and companies keep their add time; a time that does not read
	// leaves the migration's.
	is.Equal(queryStrings(t, db, `SELECT display_name || '|' || created_at FROM contacts WHERE display_name IN ('Lena Vogel', 'Owen Price') ORDER BY 1`),
		[]string{"Lena Vogel|2025-03-04T09:15:00.000Z", "Owen Price|" + queryStrings(t, db, `SELECT created_at FROM import_batches WHERE id = ?`, rep.BatchID)[0]})
	is.Equal(queryStrings(t, db, `SELECT created_at || '|' || updated_at FROM companies WHERE name = 'Nordlicht GmbH'`),
		[]string{"2025-03-04T09:12:45.000Z|2026-11-20T16:01:10.000Z"})
	// People: their organisation and owner.
	is.Equal(queryStrings(t, db, `SELECT k.display_name || '|' || coalesce(c.name, '-') || '|' || coalesce(k.owner_id, '-')
		FROM contacts k LEFT JOIN companies c ON c.id = k.company_id ORDER BY k.display_name`), []string{
		"Aiko Tanaka|Sakura Systems 株式会社|-", "Claire Dupont|Atelier Dupont|-", "Lena Vogel|Nordlicht GmbH|" + team.sam.ID,
		"Owen Price|Blue Harbor Ltd|" + team.kim.ID, "Tom Becker|Nordlicht GmbH|" + team.kim.ID})
	is.Equal(queryStrings(t, db, `SELECT name || '|' || coalesce(owner_id, '-') FROM companies ORDER BY name`), []string{
		"Atelier Dupont|-", "Blue Harbor Ltd|" + team.kim.ID, "Nordlicht GmbH|" + team.sam.ID, "Sakura Systems 株式会社|-"})
	// Activities and notes: type, who, and every record they link to.
	is.Equal(queryStrings(t, db, `SELECT a.type_id || '|' || a.outcome || '|' || substr(a.body, 1, 24) || '|' || coalesce(a.user_id, '-') || '|' ||
		substr(a.occurred_at, 1, 16) || '|' || coalesce(a.duration_minutes, 0) || '|' || (SELECT group_concat(coalesce(d.title, k.display_name, c.name), ',' ORDER BY l.entity) FROM
		activity_links l LEFT JOIN deals d ON l.entity = 'deal' AND d.id = l.entity_id
		LEFT JOIN contacts k ON l.entity = 'contact' AND k.id = l.entity_id LEFT JOIN companies c ON l.entity = 'company' AND c.id = l.entity_id
		WHERE l.activity_id = a.id) FROM activities a ORDER BY a.type_id, a.outcome, a.body`), []string{
		"call|Discovery call|Talked through the rollo|" + team.sam.ID + "|2026-10-01T14:30|30|Nordlicht GmbH,Lena Vogel,Nordlicht rollout",
		"email|Follow-up email|Sent the reseller terms.|" + team.kim.ID + "|2026-11-27T09:00|0|Blue Harbor Ltd,Owen Price", // the bad date: now
		"meeting|Lunch with Claire||" + team.sam.ID + "|2026-09-15T12:30|90|Atelier Dupont,Claire Dupont",
		"meeting|Product demo||" + team.kim.ID + "|2026-10-08T10:00|60|Nordlicht GmbH,Tom Becker,Nordlicht support contract",
		"note||Budget approved for Q1.\n|" + team.sam.ID + "|2026-10-03T16:45|0|Nordlicht GmbH,Lena Vogel,Nordlicht rollout", // HTML made text
		"note||Moving offices in spring|" + team.kim.ID + "|2026-09-01T10:00|0|Blue Harbor Ltd",
		"note||Prefers email over phone|-|2026-10-17T02:30|0|Sakura Systems 株式会社,Aiko Tanaka",
		"note||Signed the website order|" + team.sam.ID + "|2026-10-30T15:00|0|Dupont website", // linked by the deal's title
	})
	// An activity not done yet is a task, on the same records, due on its day.
	is.Equal(queryStrings(t, db, `SELECT t.title || '|' || t.notes || '|' || coalesce(t.due_date, '') || '|' || coalesce(t.assignee_id, '-') || '|' ||
		(SELECT group_concat(coalesce(d.title, k.display_name, c.name), ',' ORDER BY l.entity) FROM task_links l
		LEFT JOIN deals d ON l.entity = 'deal' AND d.id = l.entity_id LEFT JOIN contacts k ON l.entity = 'contact' AND k.id = l.entity_id
		LEFT JOIN companies c ON l.entity = 'company' AND c.id = l.entity_id WHERE l.task_id = t.id) FROM tasks t WHERE t.done_at IS NULL`),
		[]string{"Send revised proposal|Include volume discount.|2026-10-20|-|Sakura Systems 株式会社,Aiko Tanaka,Sakura pilot"})
	// A person found by the search: the contacts are indexed.
	found, err := ta.Search(ctx, team.admin, "Vogel", 10)
	is.NoErr(err)
	is.True(len(found) > 0)

	// The same migration again: everything is already here.
	again, err := ta.Migrate(ctx, team.admin, opt)
	is.NoErr(err)
	for kind, c := range again.Counts {
		is.Equal(c, app.MigrationCount{Rows: want[kind].Rows, Skipped: want[kind].Rows})
	}
	for _, p := range again.Pipelines {
		is.True(p.ExistingID != "")
	}
	afterAgain := snapshot(t, db)
	_, err = ta.UndoImport(ctx, team.admin, again.BatchID) // an empty batch undoes to nothing
	is.NoErr(err)
	sameTables(t, afterAgain, snapshot(t, db))

	kept, err := ta.UndoImport(ctx, team.admin, rep.BatchID)
	is.NoErr(err)
	is.Equal(kept, 0)
	sameTables(t, before, snapshot(t, db)) // every table as before the migration

	third, err := ta.Migrate(ctx, team.admin, opt) // undone, it is forgotten: a new run brings it all again
	is.NoErr(err)
	is.Equal(third.Counts, want)
}
