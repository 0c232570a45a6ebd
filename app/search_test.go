package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func found(t *testing.T, ta *testApp, q, wantTitle string) bool {
	t.Helper()
	hits, err := ta.Search(context.Background(), nil, q, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	for _, h := range hits {
		if h.Title == wantTitle {
			return true
		}
	}
	return false
}

func TestSearchInEveryLanguage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	is.New(t).NoErr(ta.SetPhoneRegion(ctx, admin, "KR"))
	co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Analytical Engines 주식회사"})
	is.New(t).NoErr(err)
	for _, in := range []app.ContactInput{
		{FirstName: "민수", LastName: "김", Phones: []store.Labeled{{Value: "010-1234-5678"}}, Tags: []string{"서울"}},
		{FirstName: "太郎", LastName: "山田", Emails: []store.Labeled{{Value: "taro@example.jp"}}},
		{FirstName: "伟", LastName: "王", Notes: "Met at the Canton fair"},
		{FirstName: "Zoë", LastName: "Müller", Title: "Head of Partnerships", CompanyID: co.ID},
		{FirstName: "Ada", LastName: "Lovelace", Emails: []store.Labeled{{Value: "ada@engines.example"}}, Phones: []store.Labeled{{Value: "+1 (415) 555-0132"}}, Tags: []string{"VIP"}},
	} {
		_, err := ta.CreateContact(ctx, admin, in)
		is.New(t).NoErr(err)
	}
	for _, tc := range []struct{ q, want string }{
		{"민수", "김민수"}, {"김민수", "김민수"}, {"김", "김민수"}, {"서울", "김민수"},
		{"山田", "山田太郎"}, {"太郎", "山田太郎"}, {"山田太郎", "山田太郎"},
		{"王", "王伟"}, {"王伟", "王伟"}, {"canton", "王伟"},
		{"zoe", "Zoë Müller"}, {"ZOË", "Zoë Müller"}, {"muller", "Zoë Müller"}, {"mül", "Zoë Müller"},
		{"partner", "Zoë Müller"}, {"analytical", "Zoë Müller"}, {"주식회사", "Zoë Müller"},
		{"010-1234-5678", "김민수"}, {"+82 10 1234 5678", "김민수"}, {"01012345678", "김민수"},
		{"(415) 555-0132", "Ada Lovelace"}, {"4155550132", "Ada Lovelace"},
		{"ada@engines", "Ada Lovelace"}, {"vip", "Ada Lovelace"}, {"ada love", "Ada Lovelace"},
		{"analytical engines", "Analytical Engines 주식회사"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			is.New(t).True(found(t, ta, tc.q, tc.want)) // the query finds the record
		})
	}
	t.Run("words must all match", func(t *testing.T) {
		is.New(t).True(!found(t, ta, "ada müller", "Ada Lovelace"))
	})
}

func TestSearchNeverFailsOnHostileInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Robert", LastName: "Tables"})
	is.New(t).NoErr(err)
	for _, q := range []string{`"`, `*`, `"robert`, `robert*`, `NEAR(robert tables)`, `' OR 1=1 --`, `robert AND`,
		`name:robert`, `^robert`, `(`, `)`, `{name}:x`, `-robert`, `+`, "\x00", `%`, `_`, `\`, "   ", `'; DROP TABLE contacts; --`} {
		t.Run(q, func(t *testing.T) {
			_, err := ta.Search(ctx, nil, q, 10)
			is.New(t).NoErr(err) // never an FTS5 syntax error
		})
	}
	is.New(t).True(found(t, ta, `"robert"`, "Robert Tables")) // quotes are just ignored
}

// TestSearchTextIsBounded refuses search and filter text that would cost
// the index seconds (a viewer could otherwise occupy the cores), as an
// invalid q, while a long but ordinary query still runs.
func TestSearchTextIsBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	viewer, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "V", Email: "v@example.com", Role: app.RoleViewer, Password: "12345678"})
	is.New(t).NoErr(err)
	_, err = ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Robert", LastName: "Tables"})
	is.New(t).NoErr(err)
	refused := map[string]string{
		"30,000 words":          strings.Repeat("ab ", 30_000),
		"words without spaces":  strings.Repeat("ab,", 60),
		"17 words":              strings.Repeat("robert ", 17),
		"201 characters":        strings.Repeat("é", 201),
		"over a thousand bytes": strings.Repeat("한", 150) + strings.Repeat("😀", 120),
		"one very long word":    strings.Repeat("r", 5_000),
	}
	for name, q := range refused {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			_, err := ta.Search(ctx, viewer, q, 10)
			is.Equal(fieldProblem(err, "q"), "error.query_too_long") // search refuses it
			var lq store.ListQuery
			err = ta.ListQueryFor(ctx, viewer, "contact", q, &lq)
			is.Equal(fieldProblem(err, "q"), "error.query_too_long") // and so does the list filter
		})
	}
	t.Run("a filter of too many conditions", func(t *testing.T) {
		var lq store.ListQuery
		err := ta.ListQueryFor(ctx, viewer, "contact", strings.Repeat("status:lead ", 41), &lq)
		is.New(t).Equal(fieldProblem(err, "q"), "error.query_too_long")
	})
	t.Run("ordinary queries still run", func(t *testing.T) {
		is := is.New(t)
		hits, err := ta.Search(ctx, viewer, "robert tables "+strings.Repeat("r ", 5), 10)
		is.NoErr(err)
		is.Equal(len(hits), 0) // 16 words: searched (and every word must match)
		hits, err = ta.Search(ctx, viewer, "Robert Tables", 10)
		is.NoErr(err)
		is.Equal(len(hits), 1)
		var lq store.ListQuery
		is.NoErr(ta.ListQueryFor(ctx, viewer, "contact", "status:lead robert tables", &lq))
		list, err := ta.ListContacts(ctx, viewer, lq)
		is.NoErr(err)
		is.Equal(list.Total, 1)
	})
}

func TestSearchIndexFollowsEveryWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	co, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Initech"})
	is.NoErr(err)
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Peter", LastName: "Gibbons", CompanyID: co.ID, Tags: []string{"tps"}})
	is.NoErr(err)

	in := app.InputOf(c)
	in.LastName = "Bolton"
	c, err = ta.UpdateContact(ctx, admin, c.ID, c.Version, in)
	is.NoErr(err)
	is.True(!found(t, ta, "gibbons", "Peter Bolton")) // the old name is gone
	is.True(found(t, ta, "bolton", "Peter Bolton"))   // the new one is found

	is.NoErr(ta.TrashContact(ctx, admin, c.ID))
	is.True(!found(t, ta, "bolton", "Peter Bolton")) // trashed records are not found
	is.NoErr(ta.RestoreContact(ctx, admin, c.ID))
	is.True(found(t, ta, "bolton", "Peter Bolton")) // restored ones are

	_, err = ta.UpdateCompany(ctx, admin, co.ID, co.Version, app.CompanyInput{Name: "Intertrode"})
	is.NoErr(err)
	is.True(found(t, ta, "intertrode", "Peter Bolton")) // found by the company's new name

	tag, err := ta.TagByName(ctx, "tps")
	is.NoErr(err)
	_, err = ta.UpdateTag(ctx, admin, tag.ID, "cover-sheets", "#2563eb")
	is.NoErr(err)
	is.True(found(t, ta, "cover sheets", "Peter Bolton")) // and by the tag's new name

	problems, err := ta.SearchIndexProblems(ctx)
	is.NoErr(err)
	is.Equal(len(problems), 0) // the index matches the records

	is.NoErr(ta.DB().Write(ctx, func(tx *store.Tx) error { return store.DeleteSearchDoc(ctx, tx, "contact", c.ID) }))
	problems, err = ta.SearchIndexProblems(ctx)
	is.NoErr(err)
	is.Equal(len(problems), 1) // a damaged index is noticed
	is.NoErr(ta.RebuildSearchIndex(ctx, nil))
	problems, err = ta.SearchIndexProblems(ctx)
	is.NoErr(err)
	is.Equal(len(problems), 0) // and a rebuild repairs it
	is.True(found(t, ta, "bolton", "Peter Bolton"))
}

func TestDoctorChecksTheSearchIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Doc"})
	is.NoErr(err)
	r, err := app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.True(r.Healthy())
	is.NoErr(ta.DB().Write(ctx, func(tx *store.Tx) error { return store.DeleteSearchDoc(ctx, tx, "contact", c.ID) }))
	r, err = app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.True(!r.Healthy())      // a missing entry is a problem
	is.Equal(len(r.Search), 1) // named in the report
}
