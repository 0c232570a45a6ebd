package app_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rolo/app"
)

// Sizes of the benchmark's export (issue 17): a small company's whole CRM.
const (
	benchOrgs       = 2_000
	benchPersons    = 10_000
	benchDeals      = 5_000
	benchActivities = 20_000
)

// writePipedriveExport writes a Pipedrive-shaped export of those sizes:
// people in organisations, deals of a person and an organisation across
// two pipelines, activities on deals and people, owners of whom two are
// users and one is not.
func writePipedriveExport(tb testing.TB, dir string) {
	tb.Helper()
	write := func(name string, header []string, n int, row func(i int) []string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := csv.NewWriter(f)
		w.Write(header)
		for i := 1; i <= n; i++ {
			w.Write(row(i))
		}
		w.Flush()
		if err := f.Close(); err != nil || w.Error() != nil {
			tb.Fatal(err, w.Error())
		}
	}
	owners := []string{"Sam Rivera", "kim@example.com", "Morgan Lee"}
	org := func(i int) string { return fmt.Sprintf("Organisation %04d GmbH", i) }
	person := func(i int) string { return fmt.Sprintf("Person%05d Example", i) }
	write("organizations.csv", []string{"Organization - ID", "Organization - Name", "Organization - Owner", "Organization - Address", "Organization - Label"},
		benchOrgs, func(i int) []string {
			return []string{fmt.Sprint(i), org(i), owners[i%3], fmt.Sprintf("Hauptstraße %d, 10115 Berlin", i), "Customer"}
		})
	write("people.csv", []string{"Person - ID", "Person - Name", "Person - Organization", "Person - Email - Work", "Person - Phone - Work", "Person - Owner", "Person - Label"},
		benchPersons, func(i int) []string {
			return []string{fmt.Sprint(i), person(i), org(i%benchOrgs + 1), fmt.Sprintf("person%05d@example.com", i),
				fmt.Sprintf("+49 30 %07d", i), owners[i%3], ""}
		})
	stages := [][2]string{{"Sales Pipeline", "Qualified"}, {"Sales Pipeline", "Proposal Made"}, {"Sales Pipeline", "Negotiations Started"}, {"Partnerships", "Intro Call"}}
	statuses := []string{"open", "open", "open", "won", "lost"}
	write("deals.csv", []string{"Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Pipeline", "Deal - Stage", "Deal - Status",
		"Deal - Owner", "Deal - Expected close date", "Deal - Lost reason", "Organization - ID", "Person - ID"},
		benchDeals, func(i int) []string {
			s := stages[i%len(stages)]
			return []string{fmt.Sprint(i), fmt.Sprintf("Deal %05d", i), fmt.Sprint(1000 + i), "EUR", s[0], s[1], statuses[i%len(statuses)],
				owners[i%3], "2027-01-15", "", fmt.Sprint(i%benchOrgs + 1), fmt.Sprint(i%benchPersons + 1)}
		})
	types := []string{"Call", "Meeting", "Email", "Task"}
	write("activities.csv", []string{"Activity - ID", "Activity - Subject", "Activity - Type", "Activity - Due date", "Activity - Due time",
		"Activity - Duration", "Activity - Done", "Activity - Note", "Activity - Assigned to user", "Deal - ID", "Person - ID", "Organization - ID"},
		benchActivities, func(i int) []string {
			return []string{fmt.Sprint(i), fmt.Sprintf("Follow-up %d", i), types[i%len(types)], fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1), "10:30",
				"00:30", "Done", "Talked about the next step.", owners[i%3], fmt.Sprint(i%benchDeals + 1), fmt.Sprint(i%benchPersons + 1), fmt.Sprint(i%benchOrgs + 1)}
		})
}

// BenchmarkMigratePipedrive times the whole migration of that export
// into a fresh database (reading, planning, writing), its dry run, and
// its undo: go test ./app -run '^$' -bench MigratePipedrive -benchtime 1x
func BenchmarkMigratePipedrive(b *testing.B) {
	dir := b.TempDir()
	writePipedriveExport(b, dir)
	files, err := app.ReadMigrationDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	opt := app.MigrateOptions{Source: "pipedrive", Files: files}
	fresh := func() (*testApp, migrationTeam) {
		b.StopTimer()
		defer b.StartTimer()
		ta := mustOpenApp(b)
		return ta, mustMigrationTeam(b, ta)
	}
	b.Run("dry-run", func(b *testing.B) {
		ta, team := fresh()
		dry := opt
		dry.DryRun = true
		for range b.N {
			if _, err := ta.Migrate(b.Context(), team.admin, dry); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("migrate", func(b *testing.B) {
		var cpu time.Duration // the machine is shared: CPU time says what wall time cannot
		for range b.N {
			ta, team := fresh()
			start := cpuTime()
			rep, err := ta.Migrate(b.Context(), team.admin, opt)
			cpu += cpuTime() - start
			if err != nil {
				b.Fatal(err)
			}
			if c := rep.Counts["activities"]; c.Created != benchActivities {
				b.Fatalf("activities: %+v", c)
			}
		}
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("undo", func(b *testing.B) {
		for range b.N {
			ta, team := fresh()
			b.StopTimer()
			rep, err := ta.Migrate(b.Context(), team.admin, opt)
			b.StartTimer()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ta.UndoImport(b.Context(), team.admin, rep.BatchID); err != nil {
				b.Fatal(err)
			}
		}
	})
}
