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

// TestActivityQueriesUseIndexes checks the plan of every activity, task,
// timeline and reminder query the pages and the API run, on an empty
// database and on an analysed one with data.
func TestActivityQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		checkActivityPlans(t, MustOpenDB(t))
	})
	t.Run("analyzed", func(t *testing.T) {
		t.Parallel()
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "demo.db")
		if err := app.BuildDemoFile(ctx, path, app.DemoOptions{Contacts: 2000, Companies: 200, Seed: 3, Activities: 20000, Tasks: 5000}); err != nil {
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
		checkActivityPlans(t, db)
	})
}

// assertSeeks fails when a plan reads a whole table or sorts, on top of
// assertIndexed's checks: these lists all walk their index in order.
func assertSeeks(t *testing.T, db *store.DB, name, query string, args []any, laterPage bool) {
	t.Helper()
	assertIndexed(t, db, name, query, args, laterPage, true)
}

func checkActivityPlans(t *testing.T, db *store.DB) {
	cursor := store.ActivityCursor([]string{"2026-01-01T00:00:00.000Z", "id"})
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	record := store.RecordRef{Entity: "contact", ID: "c1"}
	for name, q := range map[string]store.ActivityQuery{
		"all":                    {},
		"by type":                {TypeID: "call"},
		"by user":                {UserID: "u1"},
		"of a record":            {Record: record},
		"of a record in a range": {Record: record, From: day.AddDate(0, -1, 0), To: day},
		"by user in a range":     {UserID: "u1", From: day.AddDate(0, -1, 0), To: day},
	} {
		for _, page := range []string{"", cursor} {
			q.Cursor = page
			query, args, err := store.ActivityListSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			assertSeeks(t, db, "activities "+name+" (cursor "+page+")", query, args, page != "")
		}
		if query, args := store.ActivityCountSQL(q); query != "" { // "" when the kept count answers
			assertIndexed(t, db, "activity count "+name, query, args, false, false)
		}
	}
	open, done := false, true
	for name, q := range map[string]store.TaskQuery{
		"a user's open tasks":             {AssigneeID: "u1", Done: &open},
		"a user's overdue tasks":          {AssigneeID: "u1", Done: &open, DueTo: day},
		"a user's tasks due today":        {AssigneeID: "u1", Done: &open, DueFrom: day, DueTo: day.AddDate(0, 0, 1)},
		"a user's done tasks":             {AssigneeID: "u1", Done: &done},
		"unassigned open tasks":           {AssigneeID: store.NoneValue, Done: &open},
		"everyone's open tasks":           {Done: &open},
		"everyone's open tasks in a week": {Done: &open, DueFrom: day, DueTo: day.AddDate(0, 0, 7)},
	} {
		for _, page := range []string{"", store.TaskCursor([]string{"2026-01-01T00:00:00.000Z", "id"})} {
			q.Cursor = page
			query, args, err := store.TaskListSQL(q)
			if err != nil {
				t.Fatal(err)
			}
			assertSeeks(t, db, "tasks "+name+" (cursor "+page+")", query, args, page != "")
		}
		query, args := store.TaskCountSQL(q)
		assertIndexed(t, db, "task count "+name, query, args, false, false)
	}
	// A record's open tasks walk its links' copies in due order (0031).
	for _, page := range []string{"", store.TaskCursor([]string{"2026-01-01T00:00:00.000Z", "id"})} {
		query, args, err := store.TaskListSQL(store.TaskQuery{Record: record, Done: &open, Cursor: page})
		if err != nil {
			t.Fatal(err)
		}
		assertSeeks(t, db, "a record's open tasks (cursor "+page+")", query, args, page != "")
	}
	// All of a record's tasks are few: read by its links, then sorted.
	query, args, _ := store.TaskListSQL(store.TaskQuery{Record: record, Done: &done})
	assertIndexed(t, db, "a record's done tasks", query, args, false, false)
	query, args, _ = store.TaskListSQL(store.TaskQuery{AssigneeID: "u1"})
	assertIndexed(t, db, "a user's tasks, done or not", query, args, false, false)

	for _, c := range []string{"", cursor} {
		query, args, err := store.TimelineAuditSQL(record, c)
		if err != nil {
			t.Fatal(err)
		}
		assertSeeks(t, db, "a record's history (cursor "+c+")", query, args, c != "")
	}
	assertIndexed(t, db, "keep in touch due", store.KeepInTouchDueSQL, []any{"u1", "2026", 20}, false, false)
	assertIndexed(t, db, "last activity", store.LastActivitySQL, []any{"contact", "c1"}, false, false)
	for _, window := range [][2]string{{"11-27", "12-04"}, {"12-28", "01-04"}} {
		query, args := store.BirthdaysSQL("u1", window[0], window[1])
		plan := queryPlan(t, db, query, args)
		if !strings.Contains(strings.Join(plan, "\n"), "contacts_birthday") {
			t.Errorf("birthdays %v do not read contacts_birthday:\n  %s", window, strings.Join(plan, "\n  "))
		}
	}
}
