package app_test

import (
	"context"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

func TestCompaniesSortByCustomField(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, err := ta.CreateCustomField(ctx, admin, "company", app.FieldInput{Key: "rank", Label: "Rank", Type: "number"})
	is.NoErr(err)
	for name, rank := range map[string]any{"Initech": 3, "Hooli": 1, "Umbrella": 2, "Vandelay": nil} {
		in := app.CompanyInput{Name: name}
		if rank != nil {
			in.CustomFields = app.CustomValues{"rank": rank}
		}
		_, err := ta.CreateCompany(ctx, admin, in)
		is.NoErr(err)
	}
	names := func(sort string) []string {
		q := store.ListQuery{Limit: 2}
		is.NoErr(ta.SortByField(ctx, nil, "company", sort, &q))
		var out []string
		for {
			page, err := ta.ListCompanies(ctx, admin, q)
			is.NoErr(err)
			is.Equal(page.Total, 3) // the companies with a rank
			for _, r := range page.Rows {
				out = append(out, r.Name)
			}
			if page.NextCursor == "" {
				return out
			}
			q.Cursor = page.NextCursor
		}
	}
	is.Equal(names("rank"), []string{"Hooli", "Umbrella", "Initech"})  // ascending, across pages
	is.Equal(names("-rank"), []string{"Initech", "Umbrella", "Hooli"}) // descending
}
