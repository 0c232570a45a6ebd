package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestFilterQuery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	fieldSet(t, ta, admin)
	people := []app.ContactInput{
		{FirstName: "Acme Ann", LifecycleStatus: "customer", Tags: []string{"vip"}, OwnerID: admin.ID,
			CustomFields: app.CustomValues{"seats": 50, "renewal_date": "2027-01-15", "plan": "Pro", "vip": true, "channels": []string{"Email"}, "nickname": "annie"}},
		{FirstName: "Bob", LifecycleStatus: "lead", Tags: []string{"vip", "churned"}, NoOwner: true,
			CustomFields: app.CustomValues{"seats": 5, "renewal_date": "2026-12-01", "plan": "Free", "vip": false, "channels": []string{"Email", "Chat"}}},
		{FirstName: "Cy", LifecycleStatus: "customer", OwnerID: admin.ID, CustomFields: app.CustomValues{"seats": 500}},
		{FirstName: "Dee", LifecycleStatus: "customer", NoOwner: true},
	}
	ids := map[string]string{}
	for _, in := range people {
		c, err := ta.CreateContact(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		ids[c.FirstName] = c.ID
	}
	names := func(t *testing.T, q string, sort string) []string {
		t.Helper()
		lq := store.ListQuery{}
		if err := ta.ListQueryFor(ctx, admin, "contact", q, &lq); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if sort != "" {
			if err := ta.SortByField(ctx, nil, "contact", sort, &lq); err != nil {
				t.Fatal(err)
			}
		}
		list, err := ta.ListContacts(ctx, admin, lq)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var out []string
		for _, r := range list.Rows {
			out = append(out, r.DisplayName)
		}
		if list.Total != len(out) {
			t.Fatalf("%q: total %d, rows %d", q, list.Total, len(out))
		}
		return out
	}
	cases := []struct {
		q    string
		want []string
	}{
		{"tag:vip", []string{"Acme Ann", "Bob"}},
		{"tag:vip -tag:churned", []string{"Acme Ann"}},
		{"status:customer owner:me", []string{"Acme Ann", "Cy"}},
		{"seats:>10", []string{"Acme Ann", "Cy"}},
		{"seats:<=50 seats:>=5", []string{"Acme Ann", "Bob"}},
		{"renewal_date:<2027-01-01", []string{"Bob"}},
		{"renewal_date:last30d", nil},
		{"plan:pro", []string{"Acme Ann"}},
		{"-plan:pro has:plan", []string{"Bob"}},
		{"vip:yes", []string{"Acme Ann"}},
		{"vip:no", []string{"Bob"}},
		{"channels:chat", []string{"Bob"}},
		{"channels:email", []string{"Acme Ann", "Bob"}},
		{"no:seats", []string{"Dee"}},
		{"nickname:~NNI", []string{"Acme Ann"}},
		{"name:~acme", []string{"Acme Ann"}},
		{`"acme ann"`, []string{"Acme Ann"}},
		{"acme status:customer", []string{"Acme Ann"}},
		{"created:last7d status:lead", []string{"Bob"}},
		{"created:>2026-11-27", nil},
		{"created:2026-11-27 tag:churned", []string{"Bob"}},
		{"tag:nosuchtag", nil},
	}
	for _, tc := range cases {
		t.Run(tc.q, func(t *testing.T) {
			is := is.New(t)
			is.Equal(names(t, tc.q, ""), tc.want)
		})
	}

	t.Run("sort by a custom field, both ways, across pages", func(t *testing.T) {
		is := is.New(t)
		is.Equal(names(t, "", "seats"), []string{"Bob", "Acme Ann", "Cy"})
		is.Equal(names(t, "", "-seats"), []string{"Cy", "Acme Ann", "Bob"})
		is.Equal(names(t, "", "renewal_date"), []string{"Bob", "Acme Ann"})
		is.Equal(names(t, "status:customer", "-plan"), []string{"Acme Ann"})
		lq := store.ListQuery{Limit: 1}
		is.NoErr(ta.SortByField(ctx, nil, "contact", "seats", &lq))
		var seen []string
		for range 5 {
			list, err := ta.ListContacts(ctx, admin, lq)
			is.NoErr(err)
			for _, r := range list.Rows {
				seen = append(seen, r.DisplayName)
			}
			if list.NextCursor == "" {
				break
			}
			lq.Cursor = list.NextCursor
		}
		is.Equal(seen, []string{"Bob", "Acme Ann", "Cy"})                                           // numbers page as numbers: 5 < 50 < 500
		is.Equal(app.ErrorCode(ta.SortByField(ctx, nil, "contact", "channels", &lq)), app.EInvalid) // multi selects do not sort
	})

	t.Run("errors point at the part not understood", func(t *testing.T) {
		cases := map[string]struct{ key, at string }{
			"tag:vip colour:red":    {"error.query_unknown_field", "9: colour:red"},
			`status:customer "acme`: {"error.query_unclosed_quote", `17: "acme`},
			"status:vip":            {"error.query_bad_value", "1: status:vip"},
			"created:>yesterday":    {"error.query_bad_date", "1: created:>yesterday"},
			"plan:>Pro":             {"error.query_bad_operator", "1: plan:>Pro"},
			"seats:lots":            {"error.query_bad_value", "1: seats:lots"},
			"plan:Gold":             {"error.query_bad_value", "1: plan:Gold"},
			"no:nothing":            {"error.query_unknown_field", "1: no:nothing"},
			"민수 vip:maybe":          {"error.query_bad_value", "4: vip:maybe"},
		}
		for q, want := range cases {
			t.Run(q, func(t *testing.T) {
				is := is.New(t)
				err := ta.ListQueryFor(ctx, admin, "contact", q, &store.ListQuery{})
				e := app.AsError(err)
				is.Equal(e.Code, app.EInvalid)
				is.Equal(e.Fields["q"], want.key)
				is.Equal(e.Detail, want.at) // position in characters, and the term
			})
		}
	})

	t.Run("hostile input never fails the query", func(t *testing.T) {
		hostile := []string{`"`, `""`, `'; DROP TABLE contacts; --`, `name:~%`, `name:~_`, `name:~\`, `NEAR(a b)`, `a OR b NOT c`,
			`*`, `^acme`, `name:"a\"b"`, `-`, `:`, `::`, `-tag:`, `tag:""`, `name:~"; DELETE FROM contacts`, "\x00", `(`, `{col}:x`,
			`seats:>1e309`, `seats:NaN`, `created:last0d`, `created:last99999999999d`}
		for _, q := range hostile {
			t.Run(q, func(t *testing.T) {
				is := is.New(t)
				lq := store.ListQuery{}
				err := ta.ListQueryFor(ctx, admin, "contact", q, &lq)
				if err != nil {
					is.Equal(app.ErrorCode(err), app.EInvalid) // refused as input, never internal
					return
				}
				_, err = ta.ListContacts(ctx, admin, lq)
				is.NoErr(err)
			})
		}
		list, err := ta.ListContacts(ctx, admin, store.ListQuery{})
		is.New(t).NoErr(err)
		is.New(t).Equal(list.Total, 4) // nothing was dropped
	})

	t.Run("MatchesQuery for automation conditions", func(t *testing.T) {
		is := is.New(t)
		ok, err := ta.MatchesQuery(ctx, admin, "contact", ids["Acme Ann"], "tag:vip seats:>10 plan:pro")
		is.NoErr(err)
		is.True(ok)
		ok, err = ta.MatchesQuery(ctx, admin, "contact", ids["Bob"], "tag:vip seats:>10")
		is.NoErr(err)
		is.True(!ok)
	})

	t.Run("companies and deals take the same syntax", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateCompany(ctx, admin, app.CompanyInput{Name: "Globex", Domain: "globex.com", Tags: []string{"vip"}})
		is.NoErr(err)
		lq := store.ListQuery{}
		is.NoErr(ta.ListQueryFor(ctx, admin, "company", "tag:vip domain:~globex", &lq))
		cl, err := ta.ListCompanies(ctx, admin, lq)
		is.NoErr(err)
		is.Equal(cl.Total, 1)
		_, err = ta.CreateDeal(ctx, admin, app.DealInput{Title: "Huge", Amount: "5000"})
		is.NoErr(err)
		dq := store.DealQuery{}
		is.NoErr(ta.DealQueryFor(ctx, admin, "value:>1000 title:~hu", &dq))
		dl, err := ta.ListDeals(ctx, admin, dq)
		is.NoErr(err)
		is.Equal(len(dl.Rows), 1)
	})
}

func TestSegments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	sales, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	viewer, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "Vi", Email: "vi@example.com", Role: app.RoleViewer, Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"One", "Two"} {
		if _, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: name, Tags: []string{"vip"}}); err != nil {
			t.Fatal(err)
		}
	}
	is := is.New(t)
	shared, err := ta.CreateSegment(ctx, admin, app.SegmentInput{Entity: "contact", Name: "VIPs", Query: "tag:vip", Shared: true})
	is.NoErr(err)
	private, err := ta.CreateSegment(ctx, sales, app.SegmentInput{Entity: "contact", Name: "Mine", Query: "owner:me"})
	is.NoErr(err)

	t.Run("private segments are their owner's", func(t *testing.T) {
		is := is.New(t)
		seen, err := ta.Segments(ctx, viewer, "contact")
		is.NoErr(err)
		is.Equal(len(seen), 1) // the shared one only
		_, err = ta.Segment(ctx, admin, private.ID)
		is.Equal(app.ErrorCode(err), app.ENotFound) // not even an admin sees another's private segment
		_, _, err = ta.SegmentQuery(ctx, sales, private.ID)
		is.NoErr(err)
	})
	t.Run("counts", func(t *testing.T) {
		is := is.New(t)
		n, err := ta.SegmentCount(ctx, viewer, shared)
		is.NoErr(err)
		is.Equal(n, 2)
	})
	t.Run("viewers keep private segments but cannot share or change others'", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateSegment(ctx, viewer, app.SegmentInput{Entity: "contact", Name: "Mine", Query: "tag:vip"})
		is.NoErr(err)
		_, err = ta.CreateSegment(ctx, viewer, app.SegmentInput{Entity: "contact", Name: "Ours", Query: "tag:vip", Shared: true})
		is.Equal(app.ErrorCode(err), app.EForbidden)
		is.Equal(app.ErrorCode(ta.DeleteSegment(ctx, viewer, shared.ID)), app.EForbidden)
		_, err = ta.UpdateSegment(ctx, sales, shared.ID, app.SegmentInput{Name: "Hijack", Query: "", Shared: true})
		is.Equal(app.ErrorCode(err), app.EForbidden)
	})
	t.Run("a bad query is refused on save", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateSegment(ctx, admin, app.SegmentInput{Entity: "contact", Name: "Bad", Query: "colour:red"})
		is.Equal(fieldProblem(err, "query"), "error.query_unknown_field")
	})
}
