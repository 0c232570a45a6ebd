package app_test

import (
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// CompanyBasics answers what Company answers about the company a
// contact page links to: its name and trash state to a reader who may see
// it, and for a colleague's company the same refusal as for an id that
// does not exist.
func TestCompanyBasicsAnswersAsCompany(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	w := newOwnOnlyWorld(t)
	ta, me, ctx := w.ta, w.me, t.Context()
	mine, err := ta.CreateCompany(ctx, nil, app.CompanyInput{Name: "Mine <Ltd>", OwnerID: me.ID})
	is.NoErr(err)
	theirs, err := ta.CreateCompany(ctx, nil, app.CompanyInput{Name: "Hidden Widgets", OwnerID: w.colleague.ID})
	is.NoErr(err)

	got, err := ta.CompanyBasics(ctx, me, mine.ID)
	is.NoErr(err)
	full, err := ta.Company(ctx, me, mine.ID)
	is.NoErr(err)
	is.Equal(got.ID, full.ID)
	is.Equal(got.Name, full.Name)
	is.True(!got.Trashed())

	is.NoErr(ta.TrashCompany(ctx, nil, mine.ID))
	got, err = ta.CompanyBasics(ctx, me, mine.ID)
	is.NoErr(err)
	is.True(got.Trashed())

	const missing = "01900000-0000-7000-8000-000000000000"
	_, hiddenErr := ta.CompanyBasics(ctx, me, theirs.ID)
	_, missingErr := ta.CompanyBasics(ctx, me, missing)
	_, companyErr := ta.Company(ctx, me, theirs.ID)
	is.True(hiddenErr != nil)
	is.Equal(app.AsError(hiddenErr).Code, app.AsError(missingErr).Code)
	is.Equal(app.AsError(hiddenErr).Code, app.AsError(companyErr).Code)
}
