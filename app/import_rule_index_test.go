package app_test

import (
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// An automation rule that edits each new contact re-indexes it inside the
// import's transaction, before the import writes its own entries for the
// chunk; the import used to fail on the second entry ("UNIQUE constraint
// failed: search_docs.kind, search_docs.ref") and bring nothing in. So
// did a file naming the same person twice, the later row updating the
// contact the earlier one made.
func TestImportBesideARuleThatEditsNewContacts(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	ctx := t.Context()
	_, err := ta.CreateRule(ctx, nil, app.RuleDefinition{Name: "Tag new people", Enabled: true, Trigger: app.Trigger{Event: "contact.created"},
		Actions: []app.Action{{Type: "add_tag", Value: "welcomed"}}})
	is.NoErr(err)
	csv := "Name,Email\nZephyrine Okonkwo,zeph@example.com\nBartholomew Quince,bart@example.com\nZephyrine Okonkwo,zeph@example.com\n"
	rep, err := ta.Import(ctx, nil, strings.NewReader(csv), app.ImportOptions{Entity: "contact", FileName: "people.csv"})
	is.NoErr(err)
	is.Equal(rep.Created, 2)
	for _, name := range []string{"zephyrine", "quince", "welcomed"} {
		found, err := ta.Search(ctx, nil, name, 10)
		is.NoErr(err)
		is.True(len(found) >= 1) // indexed once, with what the rule added
	}
	found, err := ta.Search(ctx, nil, "welcomed", 10)
	is.NoErr(err)
	is.Equal(len(found), 2) // both people, each once
}
