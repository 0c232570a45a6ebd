package ui_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestDealListQueryAndSegments(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	for _, title := range []string{"Big licence", "Small support", "Big rollout"} {
		_, err := ts.app.CreateDeal(ctx, nil, app.DealInput{Title: title})
		is.NoErr(err)
	}
	p, err := ts.app.DefaultPipeline(ctx, nil)
	is.NoErr(err)
	list := "/pipelines/" + p.ID + "/list"

	res := b.get(list + "?" + url.Values{"q": {"title:~big"}}.Encode())
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, "Big licence") && strings.Contains(res.Body, "Big rollout"))
	is.True(!strings.Contains(res.Body, "Small support")) // the query filters
	is.True(strings.Contains(res.Body, `id="filter-q"`))  // the query box
	is.True(strings.Contains(res.Body, `id="save-segment"`))

	res = b.get(list + "?" + url.Values{"fb.field.0": {"title"}, "fb.op.0": {"contains"}, "fb.value.0": {"small"}}.Encode())
	is.True(strings.Contains(res.Body, "Small support") && !strings.Contains(res.Body, "Big licence")) // the filter builder

	res = b.get(list + "?" + url.Values{"q": {"nosuch:1"}}.Encode())
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, `id="query-error"`))   // points at what it did not understand
	is.True(!strings.Contains(res.Body, `id="count"`))        // and claims no "0 deals"
	is.True(!strings.Contains(res.Body, `id="save-segment"`)) // nor offers to save what it did not understand

	res = b.post("/segments", url.Values{"entity": {"deal"}, "name": {"Big deals"}, "query": {"title:~big"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	is.True(strings.HasPrefix(loc, "/deals?"))
	opened, err := url.ParseQuery(strings.TrimPrefix(loc, "/deals?"))
	is.NoErr(err)
	segment := opened.Get("segment")
	is.Equal(opened.Get("status"), "all") // every outcome, as the segment's count counts

	res = b.get(loc)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), list+"?"+opened.Encode()) // a segment opens as the list
	res = b.get(list + "?segment=" + segment)
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(!strings.Contains(res.Body, "Small support"))
	is.True(strings.Contains(res.Body, `id="segment-nav"`))
	is.True(strings.Contains(res.Body, `aria-current="page">Big deals <span class="segment-count" data-count-url="/segments/`+segment+`/count">`))
	res = b.get("/segments/" + segment + "/count") // the count, fetched after the page
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `"total":2`))

	res = b.get("/pipelines/" + p.ID + "/board?q=title:~big")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(!strings.Contains(res.Body, "Small support")) // the board honours the query too
}

func TestSegmentExport(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	for _, in := range []app.ContactInput{
		{FirstName: "Mina", LastName: "Park", Tags: []string{"vip"}, Emails: []app.Labeled{{Value: "mina@example.kr"}}},
		{FirstName: "Otto", LastName: "Berg", Tags: []string{"vip"}},
		{FirstName: "Lena", LastName: "Roth"},
	} {
		_, err := ts.app.CreateContact(ctx, nil, in)
		is.NoErr(err)
	}
	res := b.post("/segments", url.Values{"entity": {"contact"}, "name": {"VIP 고객"}, "query": {"tag:vip"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	segment := strings.TrimPrefix(res.Header.Get("Location"), "/contacts?segment=")

	res = b.get("/contacts?segment=" + segment)
	is.True(strings.Contains(res.Body, `id="export-segment-csv"`)) // offered on the list

	res = b.get("/export/contact?format=csv&segment=" + segment)
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Header.Get("Content-Disposition"), "filename*=UTF-8''rolo-contact-VIP-%EA%B3%A0%EA%B0%9D"))
	rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
	is.NoErr(err)
	is.Equal(len(rows), 3) // the header and the two VIPs
	is.True(!strings.Contains(res.Body, "Lena"))

	res = b.get("/export/contact?format=vcf&segment=" + segment)
	is.Equal(res.StatusCode, http.StatusOK)
	is.Equal(strings.Count(res.Body, "BEGIN:VCARD"), 2)

	res = b.get("/export/company?format=csv&segment=" + segment)
	is.Equal(res.StatusCode, http.StatusNotFound) // a contact segment is not a company list

	other := ts.loginAs(t, app.RoleSales)
	res = other.get("/export/contact?format=csv&segment=" + segment)
	is.Equal(res.StatusCode, http.StatusNotFound) // a private segment is its owner's
}

func TestCompanyListCustomSortAndColumns(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	_, err := ts.app.CreateCustomField(ctx, nil, "company", app.FieldInput{Key: "tier", Label: "Tier rank", Type: "number"})
	is.NoErr(err)
	for name, tier := range map[string]int{"Zeta GmbH": 1, "Alpha Ltd": 3, "Mid Co": 2} {
		_, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: name, CustomFields: app.CustomValues{"tier": tier}})
		is.NoErr(err)
	}
	res := b.get("/companies?sort=cf.tier")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `<option value="-cf.tier"`)) // the sort menu offers the field
	z, m, a := strings.Index(res.Body, "Zeta GmbH"), strings.Index(res.Body, "Mid Co"), strings.Index(res.Body, "Alpha Ltd")
	is.True(z > 0 && z < m && m < a) // by tier, not by name
	res = b.get("/companies?sort=-cf.tier")
	first, last := strings.Index(res.Body, "Alpha Ltd"), strings.Index(res.Body, "Zeta GmbH")
	is.True(first > 0 && first < last) // and backwards

	res = b.get("/api/v1/companies?sort=-cf.tier")
	is.Equal(res.StatusCode, http.StatusOK)
	first, second := strings.Index(res.Body, "Alpha Ltd"), strings.Index(res.Body, "Mid Co")
	is.True(first > 0 && first < second) // the API sorts the same way

	res = b.post("/list-columns", url.Values{"entity": {"company"}, "columns": {"tier"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = b.get("/companies")
	is.True(strings.Contains(res.Body, `data-column="tier">3</td>`)) // the chosen column shows its values

	res = b.post("/segments", url.Values{"entity": {"company"}, "name": {"Top tier"}, "query": {"tier:>1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	segment := strings.TrimPrefix(res.Header.Get("Location"), "/companies?segment=")
	res = b.get("/companies")
	is.True(strings.Contains(res.Body, `Top tier <span class="segment-count" data-count-url="/segments/`+segment+`/count">`)) // in the segment links
	res = b.get("/segments/" + segment + "/count")
	is.True(strings.Contains(res.Body, `"total":2`)) // with its count

	other := ts.loginAs(t, app.RoleSales)
	res = other.get("/segments/" + segment + "/count")
	is.Equal(res.StatusCode, http.StatusNotFound) // another's private segment is not counted for them
}
