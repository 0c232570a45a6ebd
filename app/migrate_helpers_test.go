package app_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"rolo/app"
)

// migrationTeam is the Rolo side of the sample exports: an admin, a
// user the exports name by name (Sam Rivera) and one they name by email
// (kim@example.com, "Kim Park" here). Morgan Lee and Jordan Blake are
// nobody here.
type migrationTeam struct {
	admin, sam, kim *app.User
}

func mustMigrationTeam(t testing.TB, ta *testApp) migrationTeam {
	t.Helper()
	team := migrationTeam{admin: mustSetup(t, ta)}
	var err error
	if team.sam, err = ta.CreateUser(t.Context(), nil, app.NewUser{Name: "Sam Rivera", Email: "sam.rivera@rolo.test", Role: app.RoleSales, Password: "password123"}); err != nil {
		t.Fatal(err)
	}
	if team.kim, err = ta.CreateUser(t.Context(), nil, app.NewUser{Name: "Kim Park", Email: "kim@example.com", Role: app.RoleSales, Password: "password123"}); err != nil {
		t.Fatal(err)
	}
	return team
}

// exportFiles reads a sample export of testdata/migrate.
func exportFiles(t testing.TB, source string) []app.MigrationFile {
	t.Helper()
	files, err := app.ReadMigrationDir(filepath.Join("..", "testdata", "migrate", source))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// rawDB opens the test database beside the app, to read it as it is.
func rawDB(t testing.TB, ta *testApp) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", ta.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// notRecords are the tables a migration and its undo may leave changed:
// the log of what happened (the audit log, the batches) is history, not
// the records; the full-text index's own storage is rewritten by every
// change and is compared through search_docs.
func notRecords(table string) bool {
	return table == "audit_log" || strings.HasPrefix(table, "import_") || table == "migration_ids" || table == "schema_migrations" ||
		strings.HasPrefix(table, "search_index") || strings.HasPrefix(table, "sqlite_") || table == "sessions" ||
		table == "change_counts" // how many changes were ever made: an undo is one more
}

// snapshot is every row of every table of records, sorted, as text;
// counters at zero read as absent (an absent counter is zero).
func snapshot(t testing.TB, db *sql.DB) map[string][]string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !notRecords(name) {
			tables = append(tables, name)
		}
	}
	rows.Close()
	out := map[string][]string{}
	for _, table := range tables {
		q := `SELECT * FROM "` + table + `"`
		if table == "list_counts" || table == "activity_days" {
			q += ` WHERE n <> 0`
		}
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			line := make([]string, len(vals))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				line[i] = fmt.Sprint(v)
			}
			out[table] = append(out[table], strings.Join(line, "|"))
		}
		rows.Close()
		sort.Strings(out[table])
	}
	return out
}

// sameTables reports every table whose rows differ.
func sameTables(t testing.TB, before, after map[string][]string) {
	t.Helper()
	for table := range merged(before, after) {
		b, a := before[table], after[table]
		if strings.Join(b, "\n") != strings.Join(a, "\n") {
			t.Errorf("table %s: %d rows before, %d after\nbefore: %q\nafter:  %q", table, len(b), len(a), head(b), head(a))
		}
	}
}

func merged(a, b map[string][]string) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func head(rows []string) []string {
	return rows[:min(len(rows), 4)]
}

// queryStrings runs a query whose rows are one text column each.
func queryStrings(t testing.TB, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
