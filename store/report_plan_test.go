package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolo/app"
	"rolo/store"
)

// TestReportQueriesUseIndexes checks that every report query reads its
// period (or the open deals) through an index, never a whole table, with
// and without each filter, on an empty database and an analysed one.
func TestReportQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		checkReportPlans(t, MustOpenDB(t))
	})
	t.Run("analyzed", func(t *testing.T) {
		t.Parallel()
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "demo.db")
		if err := app.BuildDemoFile(ctx, path, app.DemoOptions{Contacts: 1000, Companies: 100, Seed: 4, Deals: 1000, Activities: 5000, Tasks: 1000}); err != nil {
			t.Fatal(err)
		}
		db, err := store.Open(ctx, path, store.Options{MustExist: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.Exec("ANALYZE"); return err }); err != nil {
			t.Fatal(err)
		}
		checkReportPlans(t, db)
	})
}

func checkReportPlans(t *testing.T, db *store.DB) {
	t.Helper()
	period := store.ReportFilter{From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	filters := map[string]store.ReportFilter{"team": period}
	for name, set := range map[string]func(*store.ReportFilter){
		"owner":    func(f *store.ReportFilter) { f.OwnerID = "u1" },
		"pipeline": func(f *store.ReportFilter) { f.PipelineID = "p1" },
		"tag":      func(f *store.ReportFilter) { f.TagID = "t1" },
		"source":   func(f *store.ReportFilter) { f.Source = "Webinar" },
		"all":      func(f *store.ReportFilter) { f.OwnerID, f.PipelineID, f.TagID, f.Source = "u1", "p1", "t1", "Webinar" },
	} {
		f := period
		set(&f)
		filters[name] = f
	}
	// The index each query must read by (the period's, or for the open
	// pipeline one of the deal totals indexes).
	want := map[string][]string{
		"open deals by stage": {"deals_totals", "deals_owner_totals", "deals_forecast", "deals_rotting", "deals_column"},
		"forecast":            {"deals_forecast"},
		"closed deals":        {"deals_closed"},
		"funnel":              {"deals_cohort", "deals_created"},
		"stage stays":         {"deal_stays_left"},
		// and each stay's deal from deals_lookup, checked below
		"new contacts":      {"contacts_period"},
		"lifecycle changes": {"audit_log_period"},
		"activities":        {"activities_period"},
		"activity days":     {"PRIMARY KEY (day"},
		"audit use":         {"audit_log_period"},
		"tasks done":        {"tasks_done_period"},
		"first responses":   {"contacts_period"},
	}
	for fname, f := range filters {
		for name, q := range store.ReportSQL(f) {
			if name == "funnel" && f.PipelineID == "" {
				continue // the funnel is always of one pipeline (the default when none is chosen)
			}
			plan := queryPlan(t, db, q.Query, q.Args)
			text := strings.Join(plan, "\n  ")
			for _, line := range plan {
				if fullScan.MatchString(line) {
					t.Errorf("%s (%s) reads a whole table:\n  %s", name, fname, text)
				}
			}
			// The funnel's and time-in-stage history lookups must seek by
			// deal, never walk the whole history.
			if name == "stage stays" && (fname == "owner" || fname == "source") && !strings.Contains(text, "deals_lookup") {
				t.Errorf("stage stays (%s) reads each deal's row:\n  %s", fname, text)
			}
			if name == "funnel" && (!strings.Contains(text, "deal_stage_history_") || strings.Contains(text, "SCAN h")) {
				t.Errorf("%s (%s) does not seek the stage history by deal:\n  %s", name, fname, text)
			}
			ok := false
			accept := want[name]
			if fname != "team" && fname != "pipeline" && fname != "source" {
				// A narrow filter may lead: one owner's deals, one tag's records.
				accept = append(accept, "deals_owner", "deal_tags", "contact_tags")
			}
			for _, index := range accept {
				ok = ok || strings.Contains(text, "INDEX "+index+" ") || strings.HasSuffix(text, "INDEX "+index) ||
					strings.Contains(text, "SEARCH "+index+" ") || strings.Contains(text, "USING "+index)
			}
			if !ok {
				t.Errorf("%s (%s) does not use %v:\n  %s", name, fname, want[name], text)
			}
		}
	}
}
