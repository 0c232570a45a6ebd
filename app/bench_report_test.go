package app_test

import (
	"context"
	"os"
	"testing"
	"time"

	"rolo/app"
)

// reportDemo is the database of the reports budget: 100,000 deals (two
// thirds open) with their stage histories and 1,000,000 activities.
var reportDemo = app.DemoOptions{Contacts: 100_000, Companies: 10_000, Seed: 1, Deals: 66_667, Activities: 1_000_000, Tasks: 100_000}

// reportBenchDB returns the reports demo database: $ROLO_BENCH_REPORTS_DB
// when set (a file built once with reportDemo, reused across schema
// changes), else the cached demo file for the current schema.
func reportBenchDB(b *testing.B) string {
	b.Helper()
	if path := os.Getenv("ROLO_BENCH_REPORTS_DB"); path != "" {
		return path
	}
	path, err := app.CachedDemoFile(context.Background(), os.TempDir(), reportDemo)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkReports measures the dashboard and every report for the whole
// team (the widest view) over this month and over this year.
func BenchmarkReports(b *testing.B) {
	ctx := context.Background()
	a, err := app.Open(ctx, reportBenchDB(b), app.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	reports := map[string]func(q app.ReportQuery) error{
		"dashboard": func(q app.ReportQuery) error { _, err := a.Dashboard(ctx, nil, q); return err },
		"pipeline":  func(q app.ReportQuery) error { _, err := a.PipelineReport(ctx, nil, q); return err },
		"funnel":    func(q app.ReportQuery) error { _, err := a.FunnelReport(ctx, nil, q); return err },
		"win_rate":  func(q app.ReportQuery) error { _, err := a.WinRateReport(ctx, nil, q, "owner"); return err },
		"time":      func(q app.ReportQuery) error { _, err := a.TimeReport(ctx, nil, q); return err },
		"sources":   func(q app.ReportQuery) error { _, err := a.SourcesReport(ctx, nil, q); return err },
		"growth":    func(q app.ReportQuery) error { _, err := a.GrowthReport(ctx, nil, q); return err },
		"activity":  func(q app.ReportQuery) error { _, err := a.ActivityReport(ctx, nil, q); return err },
		"adoption":  func(q app.ReportQuery) error { _, err := a.AdoptionReport(ctx, nil, q); return err },
	}
	for _, period := range []string{"this_month", "this_year"} {
		p, err := app.NewPeriod(period, "", "", time.Now(), time.UTC)
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range []string{"dashboard", "pipeline", "funnel", "win_rate", "time", "sources", "growth", "activity", "adoption"} {
			b.Run(name+"/"+period, func(b *testing.B) {
				var l latencies
				for b.Loop() {
					l.time(func() {
						if err := reports[name](app.ReportQuery{Period: p, Owner: "team"}); err != nil {
							b.Fatal(err)
						}
					})
				}
				l.report(b)
			})
		}
	}
}
