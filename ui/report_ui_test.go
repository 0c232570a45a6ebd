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

// reportData adds deals (one with a hostile source), a contact and an
// activity, made now, so this month's reports have something to show.
func reportData(t *testing.T, ts *testServer) {
	t.Helper()
	ctx := context.Background()
	p, err := ts.app.DefaultPipeline(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := ts.app.UserByEmail(ctx, "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	for i, source := range []string{"=HYPERLINK(\"http://evil\")", "Referral", "Referral"} {
		d, err := ts.app.CreateDeal(ctx, nil, app.DealInput{Title: "Deal " + source, StageID: p.Stages[2].ID, Value: int64(1000 * (i + 1)),
			Currency: "USD", Source: source, OwnerID: admin.ID, ExpectedCloseDate: "2030-01-15"})
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			if _, err := ts.app.CloseDeal(ctx, nil, d.ID, "won", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	c, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Rin", LeadSource: "Webinar", OwnerID: admin.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Eve", LeadSource: `=HYPERLINK("http://evil")`}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.app.LogActivity(ctx, admin, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}}); err != nil {
		t.Fatal(err)
	}
}

func TestReportPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	reportData(t, ts)
	for _, name := range []string{"pipeline", "funnel", "win_rate", "time", "sources", "growth", "activity", "adoption"} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			res := admin.get("/reports/" + name + "?period=this_month&owner=team")
			is.Equal(res.StatusCode, http.StatusOK)
			is.True(strings.Contains(res.Body, `<svg class="chart-svg chart-wide"`)) // a chart drawn by the server
			is.True(strings.Contains(res.Body, `role="img"`))
			is.True(strings.Contains(res.Body, "<caption>"))                                                     // and its numbers as a table
			is.True(strings.Contains(res.Body, `href="/reports/`+name+`.csv?owner=team&amp;period=this_month"`)) // the CSV keeps the filters
			is.True(strings.Contains(res.Body, `<option value="this_month" selected>`))                          // the period picker shows the choice
			is.True(!strings.Contains(res.Body, "<script>alert"))
			csvRes := admin.get("/reports/" + name + ".csv?period=this_month&owner=team")
			is.Equal(csvRes.StatusCode, http.StatusOK)
			is.Equal(csvRes.Header.Get("Content-Type"), "text/csv; charset=utf-8")
			is.True(strings.Contains(csvRes.Header.Get("Content-Disposition"), "rolo-"+name+"-this_month.csv"))
			rows, err := csv.NewReader(strings.NewReader(csvRes.Body)).ReadAll()
			if err != nil {
				// Tables differ in width; read record by record instead.
				r := csv.NewReader(strings.NewReader(csvRes.Body))
				r.FieldsPerRecord = -1
				rows, err = r.ReadAll()
			}
			is.NoErr(err)
			is.True(len(rows) >= 2) // caption and header at least
			for _, row := range rows {
				for _, cell := range row {
					is.True(cell == "" || !strings.ContainsAny(cell[:1], "=+-@\t\r")) // no cell a spreadsheet would run
				}
			}
		})
	}
	t.Run("values", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/reports/pipeline?period=this_month&owner=team")
		is.True(strings.Contains(res.Body, "$10.00")) // the open deal's value, in the reader's format
		res = admin.get("/reports/win_rate.csv?period=this_month&owner=team&by=source")
		is.True(strings.Contains(res.Body, "Referral,2,0,100.0,USD 50.00,USD 25.00")) // two won, raw figures
		res = admin.get("/reports/pipeline.csv?period=this_month&owner=team&source=" + url.QueryEscape(`=HYPERLINK("http://evil")`))
		is.True(strings.Contains(res.Body, "USD 10.00")) // the filter applied
		res = admin.get("/reports/sources.csv?period=this_month&owner=team")
		is.True(strings.Contains(res.Body, `'=HYPERLINK(""http://evil"")`)) // neutralised, never a formula
	})
	t.Run("errors", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/reports/funnel?period=custom&from=2026-12-01&to=2026-01-01")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, `id="to-error"`)) // said beside the field
		is.Equal(admin.get("/reports/nonsense").StatusCode, http.StatusNotFound)
		is.Equal(admin.get("/reports").StatusCode, http.StatusSeeOther)
	})
}

func TestDashboardAndGoals(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	reportData(t, ts)
	res := admin.get("/dashboard")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `id="forecast"`))       // the forecast chart
	is.True(strings.Contains(res.Body, `id="dashboard-team"`)) // admins may switch to the team view
	is.True(strings.Contains(res.Body, `id="nav-reports"`))    // the Reports link in the navigation

	res = admin.post("/goals", url.Values{"name": {"Won deals"}, "metric": {"deals_won"}, "user_id": {""}, "target": {"4"}, "deadline": {"2099-12-31"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	goalURL := res.Header.Get("Location")
	is.True(strings.HasPrefix(goalURL, "/goals/"))
	res = admin.get(goalURL)
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `class="target"`)) // progress against the target line
	res = admin.get("/dashboard?owner=team")
	is.True(strings.Contains(res.Body, "Won deals"))           // goals on the dashboard
	is.True(strings.Contains(res.Body, "0 of 4 (baseline 2)")) // none won since it was set; two before
	res = admin.post("/goals", url.Values{"name": {""}, "metric": {"deals_won"}, "target": {"x"}, "deadline": {"2099-12-31"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)

	sales := ts.loginAs(t, app.RoleSales)
	is.Equal(sales.get("/dashboard").StatusCode, http.StatusOK)                   // their own dashboard
	is.Equal(sales.get("/dashboard?owner=team").StatusCode, http.StatusForbidden) // not the team's
	is.Equal(sales.get("/reports/activity?owner=team").StatusCode, http.StatusForbidden)
	is.Equal(sales.get("/reports/activity.csv?owner=team").StatusCode, http.StatusForbidden)
	res = sales.get("/dashboard")
	is.True(!strings.Contains(res.Body, `id="dashboard-team"`)) // and no link to it
	res = sales.post("/goals", url.Values{"name": {"Team"}, "metric": {"activities"}, "user_id": {""}, "target": {"5"}, "deadline": {"2099-12-31"}})
	is.Equal(res.StatusCode, http.StatusForbidden) // team goals are for managers
	res = sales.post(goalURL+"/delete", nil)
	is.Equal(res.StatusCode, http.StatusForbidden)
	res = admin.post(goalURL+"/delete", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
}
