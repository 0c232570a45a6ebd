package ui_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

type moneyOut struct {
	Value    int64  `json:"value"`
	Currency string `json:"currency"`
}

type reportOut[T any] struct {
	Report string `json:"report"`
	Period struct {
		Key string `json:"key"`
	} `json:"period"`
	Filters string `json:"filters"`
	Data    T      `json:"data"`
}

type pipelineOut struct {
	Count    int        `json:"count"`
	Value    []moneyOut `json:"value"`
	Weighted []moneyOut `json:"weighted"`
	Stages   []struct {
		Count int `json:"count"`
	} `json:"stages"`
}

func TestReportsAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	reportData(t, ts) // one open deal of 1000 and two won (2000, 3000, Referral), all the admin's, in USD

	t.Run("every report answers", func(t *testing.T) {
		for _, name := range []string{"pipeline", "funnel", "win_rate", "time", "sources", "growth", "activity", "adoption"} {
			is := is.New(t)
			res := admin.get("/api/v1/reports/" + name + "?owner=team&period=this_month")
			is.Equal(res.StatusCode, http.StatusOK) // name
			out := decode[reportOut[map[string]any]](t, res, http.StatusOK)
			is.Equal(out.Report, name)
			is.Equal(out.Period.Key, "this_month")
			is.True(out.Data != nil)
		}
	})
	t.Run("the numbers the chart shows", func(t *testing.T) {
		is := is.New(t)
		p := decode[reportOut[pipelineOut]](t, admin.get("/api/v1/reports/pipeline?owner=team"), http.StatusOK)
		is.Equal(p.Data.Count, 1) // one open deal
		is.Equal(p.Data.Value, []moneyOut{{1000, "USD"}})
		sum := 0
		for _, st := range p.Data.Stages {
			sum += st.Count
		}
		is.Equal(sum, 1) // the stages' bars add up

		type sources struct {
			Rows []struct {
				Source string     `json:"source"`
				Won    int        `json:"won"`
				Value  []moneyOut `json:"value"`
			} `json:"rows"`
		}
		src := decode[reportOut[sources]](t, admin.get("/api/v1/reports/sources?owner=team"), http.StatusOK)
		found := false
		for _, r := range src.Data.Rows {
			if r.Source == "Referral" {
				found = true
				is.Equal(r.Won, 2)
				is.Equal(r.Value, []moneyOut{{5000, "USD"}})
			}
		}
		is.True(found) // the Referral bar

		type winRate struct {
			By    string `json:"by"`
			Total struct {
				Won  int     `json:"won"`
				Rate float64 `json:"rate"`
			} `json:"total"`
		}
		wr := decode[reportOut[winRate]](t, admin.get("/api/v1/reports/win_rate?owner=team&by=source"), http.StatusOK)
		is.Equal(wr.Data.By, "source")
		is.Equal(wr.Data.Total.Won, 2)
		is.Equal(wr.Data.Total.Rate, 100.0)
		is.Equal(wr.Filters, "by=source&owner=team&period=this_month") // reopens the same view

		type dashboard struct {
			OpenCount int        `json:"open_count"`
			Open      []moneyOut `json:"open"`
			Won       struct {
				Won int `json:"won"`
			} `json:"won"`
		}
		d := decode[dashboard](t, admin.get("/api/v1/dashboard?owner=team"), http.StatusOK)
		is.Equal(d.OpenCount, 1)
		is.Equal(d.Open, []moneyOut{{1000, "USD"}})
		is.Equal(d.Won.Won, 2)
	})
	t.Run("bad names and periods", func(t *testing.T) {
		is := is.New(t)
		is.Equal(admin.get("/api/v1/reports/nope").StatusCode, http.StatusNotFound)
		res := admin.get("/api/v1/reports/growth?period=custom&from=yesterday&to=2026-01-01")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.Equal(res.Header.Get("Content-Type"), "application/problem+json")
	})
	t.Run("own records only, and the reports permission", func(t *testing.T) {
		is := is.New(t)
		ctx := context.Background()
		is.NoErr(ts.app.SetPermissions(ctx, nil, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn},
			Levels: map[app.Role]map[app.Area]app.Level{app.RoleSupport: {app.AreaReports: app.LevelNone}}}))
		sales := ts.loginAs(t, app.RoleSales)
		p := decode[reportOut[pipelineOut]](t, sales.get("/api/v1/reports/pipeline"), http.StatusOK)
		is.Equal(p.Data.Count, 0) // the admin's deals are not theirs
		is.Equal(sales.get("/api/v1/reports/pipeline?owner=team").StatusCode, http.StatusForbidden)
		is.Equal(sales.get("/api/v1/dashboard?owner=team").StatusCode, http.StatusForbidden)
		support := ts.loginAs(t, app.RoleSupport)
		is.Equal(support.get("/api/v1/reports/pipeline").StatusCode, http.StatusForbidden) // reports: none
		is.Equal(support.get("/api/v1/dashboard").StatusCode, http.StatusForbidden)
		is.Equal(support.get("/api/v1/goals").StatusCode, http.StatusForbidden)
		is.Equal(support.get("/reports/pipeline").StatusCode, http.StatusForbidden) // the pages too: the app refuses
	})
}

type goalOut struct {
	ID       string  `json:"id"`
	Metric   string  `json:"metric"`
	Unit     string  `json:"unit"`
	UserID   *string `json:"user_id"`
	Target   int64   `json:"target"`
	Baseline int64   `json:"baseline"`
	Current  int64   `json:"current"`
	Deadline string  `json:"deadline"`
	Points   []struct {
		Value int64 `json:"value"`
	} `json:"points"`
}

func TestGoalsAPI(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	reportData(t, ts) // two deals won just now
	deadline := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)

	res := admin.json(http.MethodPost, "/api/v1/goals", `{"name": "Win more", "metric": "deals_won", "target": 5, "deadline": "`+deadline+`"}`)
	g := decode[goalOut](t, res, http.StatusCreated)
	is.Equal(g.Metric, "deals_won")
	is.Equal(g.Unit, "count")
	is.Equal(g.Target, int64(5))
	is.Equal(g.Baseline, int64(2)) // the two deals won in the span before it
	is.Equal(g.Current, int64(0))  // none since
	is.Equal(g.Deadline, deadline)
	is.True(g.UserID != nil) // the caller's own goal
	is.Equal(res.Header.Get("Location"), "/api/v1/goals/"+g.ID)

	money := decode[goalOut](t, admin.json(http.MethodPost, "/api/v1/goals",
		`{"name": "Revenue", "metric": "revenue_won", "currency": "USD", "target": "1250.50", "deadline": "`+deadline+`", "user_id": "team"}`), http.StatusCreated)
	is.Equal(money.Unit, "minor_units")
	is.Equal(money.Target, int64(125050))
	is.Equal(money.UserID, nil) // a team goal

	bad := admin.json(http.MethodPost, "/api/v1/goals", `{"name": "", "metric": "luck", "target": 1, "deadline": "2000-01-01"}`)
	is.Equal(bad.StatusCode, http.StatusUnprocessableEntity)
	problem := decode[struct{ Errors map[string]string }](t, bad, http.StatusUnprocessableEntity)
	is.True(problem.Errors["name"] != "" && problem.Errors["metric"] != "")

	one := decode[goalOut](t, admin.get("/api/v1/goals/"+g.ID), http.StatusOK)
	is.Equal(one.Baseline, int64(2))
	is.True(len(one.Points) > 0) // progress over time
	list := decode[struct{ Data []goalOut }](t, admin.get("/api/v1/goals"), http.StatusOK)
	is.Equal(len(list.Data), 2)

	sales := ts.loginAs(t, app.RoleSales)
	is.Equal(sales.json(http.MethodPost, "/api/v1/goals", `{"name": "Team", "metric": "deals_won", "target": 1, "deadline": "`+deadline+`", "user_id": "team"}`).StatusCode,
		http.StatusForbidden) // team goals are for managers and admins
	is.Equal(sales.get("/api/v1/goals/"+g.ID).StatusCode, http.StatusForbidden) // another user's goal
	is.Equal(sales.send(http.MethodDelete, "/api/v1/goals/"+g.ID, "", "").StatusCode, http.StatusForbidden)
	viewer := ts.loginAs(t, app.RoleViewer)
	is.Equal(viewer.json(http.MethodPost, "/api/v1/goals", `{"name": "Mine", "metric": "deals_won", "target": 1, "deadline": "`+deadline+`"}`).StatusCode,
		http.StatusForbidden) // viewers read only

	is.Equal(admin.send(http.MethodDelete, "/api/v1/goals/"+g.ID, "", "").StatusCode, http.StatusNoContent)
	is.Equal(admin.get("/api/v1/goals/"+g.ID).StatusCode, http.StatusNotFound)
}
