package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// withoutColumn is a CSV file without one of its columns.
func withoutColumn(t *testing.T, file []byte, column string) string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	at := slices.Index(rows[0], column)
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for _, r := range rows {
		if err := w.Write(slices.Delete(r, at, at+1)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out.String()
}

// TestDealsReimportOverwriteAndUndo: an edited deals export, imported
// over the database with overwrite, changes the deals its ids name (the
// dry run counting the same), creates none, and the batch's undo puts
// them back.
func TestDealsReimportOverwriteAndUndo(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta, admin := seededApp(t)
	before := exportCSV(t, ta, admin, "deal")
	edited := strings.Replace(string(before), "Widgets, 500 units", "Widgets, 600 units", 1)
	edited = strings.Replace(edited, "Price, timing", "Timing", 1)
	is.True(edited != string(before))

	dry, rep := dryThenReal(t, ta, admin, []byte(edited), app.ImportOptions{Entity: "deal", FileName: "edited.csv", OnDuplicate: "overwrite"})
	is.Equal(counts(rep), []int{0, 3, 0, 0}) // every deal updated, none created
	is.Equal(counts(dry), counts(rep))
	after := exportCSV(t, ta, admin, "deal")
	is.Equal(withoutColumn(t, after, "updated_at"), withoutColumn(t, []byte(edited), "updated_at"))

	_, err := ta.UndoImport(ctx, admin, rep.BatchID)
	is.NoErr(err)
	is.Equal(withoutColumn(t, exportCSV(t, ta, admin, "deal"), "updated_at"), withoutColumn(t, before, "updated_at"))
}
