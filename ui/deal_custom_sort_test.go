package ui_test

import (
	"cmp"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// dealRow finds the deal rows of a list page, in order.
var dealRow = regexp.MustCompile(`<tr id="deal-([0-9a-f-]+)"`)

// dealSortFixture is a pipeline with deals that have seats (a number
// field), in ties, and deals the sorted list leaves out.
type dealSortFixture struct {
	ts       *testServer
	admin    *browser
	pipeline app.Pipeline
	seats    map[string]float64 // open, live deals with a value: id → seats
	won      string             // a won deal with seats
	without  []string           // open deals without seats
	trashed  string             // a trashed deal with seats
}

func newDealSortFixture(t *testing.T) dealSortFixture {
	t.Helper()
	ts := newTestServer(t)
	f := dealSortFixture{ts: ts, admin: ts.setupAdmin(t), seats: map[string]float64{}}
	for _, form := range []url.Values{
		{"label": {"Seats"}, "type": {"number"}},
		{"label": {"Renewal date"}, "type": {"date"}},
		{"label": {"Channels"}, "type": {"multi_select"}, "new_options": {"Email\nPhone"}},
	} {
		form.Set("entity", "deal")
		if res := f.admin.post("/settings/fields", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add %s: %d\n%s", form.Get("label"), res.StatusCode, res.Body)
		}
	}
	var stages map[string]app.Stage
	f.pipeline, stages = salesStages(t, ts)
	// 55 deals over 50 a page; values repeat, so the id breaks ties.
	for i := range 55 {
		n := float64((i * 7) % 12)
		d := createDeal(t, ts, app.DealInput{Title: "Deal", StageID: stages["demo"].ID,
			CustomFields: app.CustomValues{"seats": n, "renewal_date": "2027-01-01"}})
		f.seats[d.ID] = n
	}
	for range 2 {
		f.without = append(f.without, createDeal(t, ts, app.DealInput{Title: "No seats", StageID: stages["demo"].ID}).ID)
	}
	f.won = createDeal(t, ts, app.DealInput{Title: "Won", StageID: stages["won"].ID, CustomFields: app.CustomValues{"seats": 5}}).ID
	f.trashed = createDeal(t, ts, app.DealInput{Title: "Gone", StageID: stages["demo"].ID, CustomFields: app.CustomValues{"seats": 1}}).ID
	if err := ts.app.TrashDeal(t.Context(), recordActor(t, ts), f.trashed); err != nil {
		t.Fatal(err)
	}
	return f
}

// order is ids sorted by seats, then id; desc reverses both.
func (f dealSortFixture) order(ids map[string]float64, desc bool) []string {
	out := make([]string, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	slices.SortFunc(out, func(a, b string) int {
		c := cmp.Or(cmp.Compare(ids[a], ids[b]), strings.Compare(a, b))
		if desc {
			return -c
		}
		return c
	})
	return out
}

// walkList follows the HTML list's next-page links from query, giving the
// deal ids in order and the first page's body.
func (f dealSortFixture) walkList(t *testing.T, query string) ([]string, string) {
	is := is.New(t)
	var ids []string
	var first string
	next := "/pipelines/" + f.pipeline.ID + "/list?" + query
	for pages := 0; next != ""; pages++ {
		is.True(pages < 5) // the walk ends
		res := f.admin.get(next)
		is.Equal(res.StatusCode, http.StatusOK)
		if pages == 0 {
			first = res.Body
		}
		for _, m := range dealRow.FindAllStringSubmatch(res.Body, -1) {
			ids = append(ids, m[1])
		}
		next = ""
		if m := nextPageLink.FindStringSubmatch(res.Body); m != nil {
			next = html.UnescapeString(m[1])
		}
	}
	return ids, first
}

// walkAPI pages through GET /api/v1/deals with query, three deals a page.
func (f dealSortFixture) walkAPI(t *testing.T, query string) ([]string, int) {
	is := is.New(t)
	var ids []string
	cursor, total := "", 0
	for pages := 0; pages == 0 || cursor != ""; pages++ {
		is.True(pages < 40) // the walk ends
		v, err := url.ParseQuery(query)
		is.NoErr(err)
		v.Set("limit", "3")
		if cursor != "" {
			v.Set("cursor", cursor)
		}
		page := decode[api.PageJSON[api.DealJSON]](t, f.admin.get("/api/v1/deals?"+v.Encode()), http.StatusOK)
		total = page.Total
		for _, d := range page.Data {
			ids = append(ids, d.ID)
		}
		cursor = ""
		if page.NextCursor != nil {
			cursor = *page.NextCursor
		}
	}
	return ids, total
}

func TestDealListSortsByCustomField(t *testing.T) {
	t.Parallel()
	f := newDealSortFixture(t)

	t.Run("up, across pages, only deals with a value", func(t *testing.T) {
		is := is.New(t)
		ids, first := f.walkList(t, "sort=cf.seats")
		is.Equal(ids, f.order(f.seats, false))                                           // value order, id on ties, nothing repeated or skipped
		is.True(strings.Contains(first, `<option value="cf.seats" selected>`))           // the menu shows the sort
		is.True(strings.Contains(first, `<option value="-cf.renewal_date">`))            // every single-value field sorts
		is.True(!strings.Contains(first, `value="cf.channels"`))                         // a multi select does not
		is.True(strings.Contains(first, `id="count">`+message(f.ts, "deals.count", 55))) // the count is of the listed deals
	})

	t.Run("down", func(t *testing.T) {
		is := is.New(t)
		ids, first := f.walkList(t, "sort=-cf.seats")
		is.Equal(ids, f.order(f.seats, true))
		is.True(strings.Contains(first, `<option value="-cf.seats" selected>`))
	})

	t.Run("with the list's filters", func(t *testing.T) {
		is := is.New(t)
		all := map[string]float64{f.won: 5}
		for id, n := range f.seats {
			all[id] = n
		}
		ids, _ := f.walkList(t, "status=all&sort=cf.seats")
		is.Equal(ids, f.order(all, false)) // the won deal joins under "all" outcomes

		high := map[string]float64{}
		for id, n := range f.seats {
			if n > 8 {
				high[id] = n
			}
		}
		ids, _ = f.walkList(t, "sort=-cf.seats&q="+url.QueryEscape("seats:>8"))
		is.Equal(ids, f.order(high, true)) // a condition on the sorted field narrows the walk
	})

	t.Run("API, up and down, three a page", func(t *testing.T) {
		is := is.New(t)
		ids, total := f.walkAPI(t, "status=open&sort=cf.seats")
		is.Equal(ids, f.order(f.seats, false))
		is.Equal(total, len(f.seats))
		ids, _ = f.walkAPI(t, "status=open&pipeline_id="+f.pipeline.ID+"&sort=-seats")
		is.Equal(ids, f.order(f.seats, true)) // the key works without "cf." too
		for _, id := range append(f.without, f.trashed) {
			is.True(!slices.Contains(ids, id)) // no value, or trashed: not listed
		}
	})

	t.Run("sorts the API refuses", func(t *testing.T) {
		is := is.New(t)
		for _, sort := range []string{"cf.channels", "cf.no_such_field", "-"} {
			res := f.admin.get("/api/v1/deals?sort=" + url.QueryEscape(sort))
			is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // multi selects and unknown fields do not sort
			is.True(strings.Contains(res.Body, `"sort"`))            // the problem names the parameter
		}
		page := f.admin.get("/pipelines/" + f.pipeline.ID + "/list?sort=cf.channels")
		is.Equal(page.StatusCode, http.StatusUnprocessableEntity) // the page says why rather than failing
		res := f.admin.get("/api/v1/deals?sort=cf.seats&cursor=bm90LWEtY3Vyc29y")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // a cursor the list did not make is refused
	})
}

func TestDealListColumns(t *testing.T) {
	t.Parallel()
	f := newDealSortFixture(t)
	is := is.New(t)
	list := "/pipelines/" + f.pipeline.ID + "/list"
	page := f.admin.get(list).Body
	is.True(strings.Contains(page, `id="columns-form"`))                                          // the picker is there
	is.True(strings.Contains(page, `<input type="hidden" name="pipeline" value="`+f.pipeline.ID)) // and says where to come back
	is.True(!strings.Contains(page, `data-column="seats"`))                                       // none chosen yet

	res := f.admin.post("/list-columns", url.Values{"entity": {"deal"}, "pipeline": {f.pipeline.ID},
		"columns": {"renewal_date", "seats", "no_such_key"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), list) // back to the pipeline's list

	page = f.admin.get(list + "?sort=-cf.seats").Body
	is.True(strings.Contains(page, `<th>Renewal date</th><th>Seats</th>`))        // chosen order
	is.True(strings.Contains(page, `data-column="seats">11</td>`))                // the values, on the sorted list too
	is.True(strings.Contains(page, `data-column="renewal_date">2027-01-01</td>`)) // dates as text
	is.True(strings.Contains(page, `name="columns" value="seats" checked`))       // the picker shows the choice

	viewer := f.ts.loginAs(t, app.RoleViewer)
	is.True(!strings.Contains(viewer.get(list).Body, `data-column="seats"`)) // columns are each user's own

	// A field hidden from a role leaves its users' columns and picker.
	is.Equal(viewer.post("/list-columns", url.Values{"entity": {"deal"}, "pipeline": {f.pipeline.ID}, "columns": {"seats"}}).StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(viewer.get(list).Body, `data-column="seats"`))
	fields, err := f.ts.app.CustomFields(t.Context(), "deal")
	is.NoErr(err)
	for _, field := range fields {
		if field.Key == "seats" {
			is.NoErr(f.ts.app.SetFieldProtection(t.Context(), nil, field.ID, app.RoleViewer, app.FieldHidden))
		}
	}
	page = viewer.get(list).Body
	is.True(!strings.Contains(page, `data-column="seats"`))                   // the values are not shown
	is.True(!strings.Contains(page, `name="columns" value="seats"`))          // nor offered
	is.True(strings.Contains(f.admin.get(list).Body, `data-column="seats">`)) // admins are never limited

	res = f.admin.post("/list-columns", url.Values{"entity": {"deal"}, "pipeline": {"a/b"}, "columns": {"seats"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), "/deals") // an id no route takes goes to the deals
}
