package app_test

import (
	"context"
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
