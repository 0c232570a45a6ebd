package app_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestImportFileReadsCSVOrRolosJSON: the entry point of the command and
// the imports page reads a CSV as a CSV and Rolo's JSON export as JSON;
// with JSON it refuses the options of a CSV's layout, and names what is
// wrong with a JSON file of another kind or not Rolo's at all.
func TestImportFileReadsCSVOrRolosJSON(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	csv := "display_name,email\nAda Lovelace,ada@example.org\n"
	rep, err := ta.ImportFile(ctx, nil, strings.NewReader(csv), app.ImportOptions{Entity: "contact", FileName: "people.csv"})
	is.NoErr(err)
	is.Equal(rep.Created, 1)
	is.True(!rep.JSON)
	var doc bytes.Buffer
	is.NoErr(ta.Export(ctx, nil, &doc, "contact", "json", nil))

	rep, err = ta.ImportFile(ctx, nil, bytes.NewReader(doc.Bytes()), app.ImportOptions{Entity: "contact", FileName: "contacts.json", DryRun: true})
	is.NoErr(err)
	is.True(rep.JSON)
	is.Equal(rep.Skipped, 1) // the same contact, by id

	for _, opt := range []app.ImportOptions{{Preset: "google"}, {Mapping: map[string]string{"Name": "display_name"}}, {Encoding: "utf-8"}, {Columns: []string{"email"}}} {
		opt.Entity, opt.FileName = "contact", "contacts.json"
		_, err = ta.ImportFile(ctx, nil, bytes.NewReader(doc.Bytes()), opt)
		is.Equal(app.AsError(err).Message, "error.import_json_no_mapping")
	}
	_, err = ta.ImportFile(ctx, nil, bytes.NewReader(doc.Bytes()), app.ImportOptions{Entity: "company", FileName: "contacts.json"})
	is.Equal(app.AsError(err).Message, "error.import_json_no_companies")
	is.Equal(app.AsError(err).Detail, "contacts") // what it holds instead
	for _, other := range []string{`{"foo": 1}`, `[{"name": "Acme"}]`, `{"format": "vcard"}`} {
		_, err = ta.ImportFile(ctx, nil, strings.NewReader(other), app.ImportOptions{Entity: "contact", FileName: "other.json"})
		is.Equal(app.AsError(err).Message, "error.import_json_not_rolo")
	}
}
