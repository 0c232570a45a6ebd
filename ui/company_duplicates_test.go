package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestCompanyCreateHoldsLikelyDuplicates: a new company with an existing
// one's domain, or its name in other case, is shown it first; "save
// anyway" saves; a company like no other is saved at once.
func TestCompanyCreateHoldsLikelyDuplicates(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	acme, err := ts.app.CreateCompany(t.Context(), nil, app.CompanyInput{Name: "Acme Trading", Domain: "acme.example"})
	is.NoErr(err)

	form := url.Values{"name": {"ACME trading"}, "industry": {"Retail"}}
	res := admin.post("/companies", form)
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, `id="candidate-`+acme.ID+`"`))
	is.True(strings.Contains(res.Body, message(ts, "duplicates.reason.company_name")))
	is.True(strings.Contains(res.Body, `value="Retail"`)) // what was typed stays

	res = admin.post("/companies", url.Values{"name": {"Acme Europe"}, "website": {"https://www.acme.example/eu"}})
	is.Equal(res.StatusCode, http.StatusConflict)
	is.True(strings.Contains(res.Body, message(ts, "duplicates.reason.domain")))

	form.Set("confirm_duplicates", acme.ID) // "save anyway"
	res = admin.post("/companies", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)

	res = admin.post("/companies", url.Values{"name": {"Globex"}, "domain": {"globex.example"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)

	viewer := ts.loginAs(t, app.RoleViewer)
	res = viewer.post("/companies", url.Values{"name": {"Acme Trading"}})
	is.Equal(res.StatusCode, http.StatusForbidden) // viewers add nothing, and learn nothing
}
