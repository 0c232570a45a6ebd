package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// kindPart is one kind's list in a JSON export, as raw JSON.
func kindPart(t *testing.T, ta *testApp, entity, member string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := ta.Export(context.Background(), nil, &buf, entity, "json", nil); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return string(doc[member])
}

// TestKindJSONRoundTrip: `rolo export contacts|companies|deals --format
// json` imported into the same database matches every record by id and
// creates nothing; into a fresh database with the same users, custom
// fields and pipelines, it gives every field back.
func TestKindJSONRoundTrip(t *testing.T) {
	is := is.New(t)
	ctx := context.Background()
	src := mustOpenApp(t)
	fillEveryKind(t, src)
	kinds := []struct{ entity, member string }{{"company", "companies"}, {"contact", "contacts"}, {"deal", "deals"}}
	files := map[string][]byte{}
	for _, k := range kinds {
		var buf bytes.Buffer
		is.NoErr(src.Export(ctx, nil, &buf, k.entity, "json", nil))
		files[k.entity] = buf.Bytes()
	}
	for _, k := range kinds {
		before := kindPart(t, src, k.entity, k.member)
		rep, err := src.ImportJSON(ctx, nil, bytes.NewReader(files[k.entity]), app.ImportOptions{Entity: k.entity, FileName: k.member + ".json"})
		is.NoErr(err)
		is.Equal(rep.Created, 0) // matched by id: nothing new
		is.Equal(rep.Failed, 0)
		is.Equal(kindPart(t, src, k.entity, k.member), before) // and nothing changed
	}

	// A fresh database with the same team, tags, custom fields and pipelines.
	var whole bytes.Buffer
	is.NoErr(src.ExportAll(ctx, nil, &whole))
	var setup map[string]json.RawMessage
	is.NoErr(json.Unmarshal(whole.Bytes(), &setup))
	for _, member := range []string{"companies", "contacts", "deals", "activities", "tasks", "segments"} {
		delete(setup, member)
	}
	base, err := json.Marshal(setup)
	is.NoErr(err)
	dst := mustOpenApp(t)
	_, err = dst.ImportAll(ctx, nil, bytes.NewReader(base))
	is.NoErr(err)
	for _, k := range kinds {
		dry, err := dst.ImportJSON(ctx, nil, bytes.NewReader(files[k.entity]), app.ImportOptions{Entity: k.entity, FileName: k.member + ".json", DryRun: true})
		is.NoErr(err)
		rep, err := dst.ImportJSON(ctx, nil, bytes.NewReader(files[k.entity]), app.ImportOptions{Entity: k.entity, FileName: k.member + ".json"})
		is.NoErr(err)
		is.Equal(rep.Failed, 0)
		is.True(rep.Created > 0)
		is.Equal(dry.Created, rep.Created)                                                   // the dry run says what the real run does
		is.Equal(kindPart(t, dst, k.entity, k.member), kindPart(t, src, k.entity, k.member)) // every field equal
	}
}
