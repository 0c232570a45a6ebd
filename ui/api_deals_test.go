package ui_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

func TestAPIPipelines(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.get("/api/v1/pipelines")
	body := decode[struct{ Data []api.PipelineJSON }](t, res, http.StatusOK)
	is.Equal(len(body.Data), 1)
	p := body.Data[0]
	is.Equal(p.Name, "Sales")
	is.Equal(len(p.Stages), 7)
	for i, st := range p.Stages {
		is.Equal(st.Position, i) // ordered
		is.True(st.ID != "" && st.Name != "")
	}
	is.Equal(p.Stages[0].Name, "First outreach")
	is.Equal(p.Stages[0].Probability, 10)
	is.Equal(p.Stages[5].Kind, "won")
	is.True(strings.Contains(res.Body, `"probability":100`))

	admin.header.Set("Accept-Language", "ko")
	defer admin.header.Del("Accept-Language")
	ko := decode[struct{ Data []api.PipelineJSON }](t, admin.get("/api/v1/pipelines"), http.StatusOK)
	is.Equal(ko.Data[0].Stages[0].Name, ts.catalog.T("ko", "pipeline.default.first_outreach")) // in the caller's language
}

func TestAPIDealLifecycle(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me := decode[struct{ ID string }](t, admin.get("/api/v1/me"), http.StatusOK)
	p, stages := salesStages(t, ts)
	co, err := ts.app.CreateCompany(t.Context(), nil, app.CompanyInput{Name: "Navy"})
	if err != nil {
		t.Fatal(err)
	}
	grace := addContact(t, ts, app.ContactInput{FirstName: "Grace"})
	kurt := addContact(t, ts, app.ContactInput{FirstName: "Kurt"})

	var d api.DealJSON
	t.Run("create", func(t *testing.T) {
		is := is.New(t)
		res := admin.json(http.MethodPost, "/api/v1/deals", fmt.Sprintf(`{"title": "COBOL compiler", "value": 1250050, "currency": "usd",
			"company_id": %q, "contact_ids": [%q, %q], "expected_close_date": "2027-01-31", "tags": ["navy"], "source": "Referral"}`,
			co.ID, grace.ID, kurt.ID))
		d = decode[api.DealJSON](t, res, http.StatusCreated)
		is.Equal(res.Header.Get("Location"), "/api/v1/deals/"+d.ID)
		is.Equal(d.Value, int64(1250050))
		is.Equal(d.Currency, "USD")
		is.Equal(d.PipelineID, p.ID)
		is.Equal(d.StageID, stages["first_outreach"].ID) // the first open stage of the default pipeline
		is.Equal(d.Status, "open")
		is.Equal(d.ContactIDs, []string{grace.ID, kurt.ID}) // the primary first
		is.Equal(*d.OwnerID, me.ID)                         // who adds it owns it
		is.Equal(*d.CompanyID, co.ID)
		is.Equal(*d.ExpectedCloseDate, "2027-01-31")
		is.Equal(d.Tags, []string{"navy"})
		is.Equal(d.Version, 1)
		is.True(d.ClosedAt == nil)
		for _, field := range []string{`"id"`, `"title"`, `"value"`, `"currency"`, `"pipeline_id"`, `"stage_id"`, `"company_id"`, `"contact_ids"`,
			`"owner_id"`, `"status"`, `"lost_reason"`, `"expected_close_date"`, `"version"`, `"created_at"`, `"updated_at"`} {
			is.True(strings.Contains(res.Body, field)) // every field the API promises
		}
	})

	t.Run("move within the pipeline, then a refused move", func(t *testing.T) {
		is := is.New(t)
		other := decode[api.DealJSON](t, admin.json(http.MethodPost, "/api/v1/deals", fmt.Sprintf(`{"title": "Neighbour", "stage_id": %q}`, stages["demo"].ID)), http.StatusCreated)
		res := admin.json(http.MethodPost, "/api/v1/deals/"+d.ID+"/move", fmt.Sprintf(`{"stage_id": %q, "after_id": %q}`, stages["demo"].ID, other.ID))
		moved := decode[api.DealJSON](t, res, http.StatusOK)
		is.Equal(moved.StageID, stages["demo"].ID)
		is.Equal(moved.Version, 2) // a move is a change

		renewals, err := ts.app.CreatePipeline(t.Context(), nil, "Renewals", []string{"Due"})
		is.NoErr(err)
		res = admin.json(http.MethodPost, "/api/v1/deals/"+d.ID+"/move", fmt.Sprintf(`{"stage_id": %q}`, renewals.Stages[0].ID))
		prob := problemOf(t, res, http.StatusUnprocessableEntity)
		is.Equal(prob.Code, "invalid")
		is.Equal(prob.Errors["stage_id"], ts.catalog.T("en", "error.stage_other_pipeline"))
		res = admin.json(http.MethodPost, "/api/v1/deals/"+d.ID+"/move", fmt.Sprintf(`{"stage_id": %q}`, stages["lost"].ID))
		prob = problemOf(t, res, http.StatusUnprocessableEntity)
		is.Equal(prob.Errors["lost_reason"], ts.catalog.T("en", "error.lost_reason_required")) // the board asks and posts again
		res = admin.json(http.MethodPost, "/api/v1/deals/"+d.ID+"/move", `{"stage_id": "nope"}`)
		is.Equal(problemOf(t, res, http.StatusUnprocessableEntity).Errors["stage_id"], ts.catalog.T("en", "error.stage_unknown"))
		res = admin.json(http.MethodPost, "/api/v1/deals/"+d.ID+"/move", `{"stage": "typo"}`)
		problemOf(t, res, http.StatusBadRequest)
		res = admin.json(http.MethodPost, "/api/v1/deals/no-such-deal/move", fmt.Sprintf(`{"stage_id": %q}`, stages["demo"].ID))
		problemOf(t, res, http.StatusNotFound)
	})

	t.Run("patch: merge, outcome, another pipeline, stale versions", func(t *testing.T) {
		is := is.New(t)
		cur := decode[api.DealJSON](t, admin.get("/api/v1/deals/"+d.ID), http.StatusOK)
		res := admin.json(http.MethodPatch, "/api/v1/deals/"+d.ID, fmt.Sprintf(`{"version": %d, "company_id": null, "value": 99}`, cur.Version))
		patched := decode[api.DealJSON](t, res, http.StatusOK)
		is.True(patched.CompanyID == nil)            // null clears
		is.Equal(patched.Value, int64(99))           // a named field changes
		is.Equal(patched.Title, "COBOL compiler")    // others stay
		is.Equal(patched.ContactIDs, cur.ContactIDs) // …
		res = admin.json(http.MethodPatch, "/api/v1/deals/"+d.ID, fmt.Sprintf(`{"version": %d, "title": "Old"}`, cur.Version))
		is.Equal(problemOf(t, res, http.StatusConflict).Code, "conflict")
		res = admin.json(http.MethodPatch, "/api/v1/deals/"+d.ID, `{"title": "No version"}`)
		is.True(problemOf(t, res, http.StatusUnprocessableEntity).Errors["version"] != "")

		res = admin.json(http.MethodPatch, "/api/v1/deals/"+d.ID, fmt.Sprintf(`{"version": %d, "status": "lost", "lost_reason": "Budget"}`, patched.Version))
		lost := decode[api.DealJSON](t, res, http.StatusOK)
		is.Equal(lost.Status, "lost")
		is.Equal(lost.StageID, stages["lost"].ID)
		is.Equal(lost.LostReason, "Budget")
		is.True(lost.ClosedAt != nil)

		renewals, err := ts.app.CreatePipeline(t.Context(), nil, "Renewals 2", []string{"Due"})
		is.NoErr(err)
		res = admin.json(http.MethodPatch, "/api/v1/deals/"+d.ID, fmt.Sprintf(`{"version": %d, "pipeline_id": %q}`, lost.Version, renewals.ID))
		crossed := decode[api.DealJSON](t, res, http.StatusOK)
		is.Equal(crossed.PipelineID, renewals.ID)
		is.Equal(crossed.StageID, renewals.Stages[0].ID) // a pipeline alone means its first open stage
		is.Equal(crossed.Status, "open")
		is.Equal(crossed.LostReason, "")
	})

	t.Run("history lists every stage change", func(t *testing.T) {
		is := is.New(t)
		body := decode[struct{ Data []api.StageChangeJSON }](t, admin.get("/api/v1/deals/"+d.ID+"/history"), http.StatusOK)
		is.Equal(len(body.Data), 4) // created, demo, lost, other pipeline
		is.True(body.Data[0].FromStageID == nil)
		is.Equal(*body.Data[0].ToStageID, stages["first_outreach"].ID)
		is.Equal(*body.Data[1].FromStageID, stages["first_outreach"].ID)
		is.Equal(*body.Data[1].ToStageID, stages["demo"].ID)
		is.Equal(*body.Data[2].MovedBy, me.ID)
	})

	t.Run("delete", func(t *testing.T) {
		is := is.New(t)
		res := admin.do(http.MethodDelete, "/api/v1/deals/"+d.ID, nil)
		is.Equal(res.StatusCode, http.StatusNoContent)
		problemOf(t, admin.get("/api/v1/deals/"+d.ID), http.StatusNotFound)
		problemOf(t, admin.get("/api/v1/deals/"+d.ID+"/history"), http.StatusNotFound)
	})
}

func TestAPIDealList(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	p, stages := salesStages(t, ts)
	for i := range 7 {
		in := app.DealInput{Title: fmt.Sprintf("Deal %d", i), Value: int64(100 * i), StageID: stages["demo"].ID}
		if i%3 == 0 {
			in.Tags = []string{"triple"}
		}
		createDeal(t, ts, in)
	}
	won := createDeal(t, ts, app.DealInput{Title: "Won deal", StageID: stages["won"].ID})

	t.Run("cursor paging sees every deal once", func(t *testing.T) {
		is := is.New(t)
		seen := map[string]bool{}
		next := "/api/v1/deals?limit=3&sort=-value&pipeline_id=" + p.ID
		for pages := 0; next != ""; pages++ {
			is.True(pages < 5)
			page := decode[api.PageJSON[api.DealJSON]](t, admin.get(next), http.StatusOK)
			is.Equal(page.Total, 8)
			for _, d := range page.Data {
				is.True(!seen[d.ID])
				seen[d.ID] = true
			}
			next = ""
			if page.NextCursor != nil {
				next = "/api/v1/deals?limit=3&sort=-value&pipeline_id=" + p.ID + "&cursor=" + *page.NextCursor
			}
		}
		is.Equal(len(seen), 8)
	})

	t.Run("filters", func(t *testing.T) {
		is := is.New(t)
		wonOnly := decode[api.PageJSON[api.DealJSON]](t, admin.get("/api/v1/deals?status=won"), http.StatusOK)
		is.Equal(wonOnly.Total, 1)
		is.Equal(wonOnly.Data[0].ID, won.ID)
		tagged := decode[api.PageJSON[api.DealJSON]](t, admin.get("/api/v1/deals?tag=triple&sort=title"), http.StatusOK)
		is.Equal(tagged.Total, 3)
		is.Equal(tagged.Data[0].Title, "Deal 0")
		stage := decode[api.PageJSON[api.DealJSON]](t, admin.get("/api/v1/deals?stage_id="+stages["demo"].ID), http.StatusOK)
		is.Equal(stage.Total, 7)
		none := decode[api.PageJSON[api.DealJSON]](t, admin.get("/api/v1/deals?tag=nope"), http.StatusOK)
		is.Equal(none.Total, 0)
		is.Equal(len(none.Data), 0)
		is.True(strings.Contains(admin.get("/api/v1/deals?tag=nope").Body, `"data":[]`)) // an empty list, never null
	})

	t.Run("bad parameters are named", func(t *testing.T) {
		is := is.New(t)
		prob := problemOf(t, admin.get("/api/v1/deals?sort=colour&status=maybe&close_from=soon&limit=1000"), http.StatusUnprocessableEntity)
		is.True(prob.Errors["status"] != "")
		is.True(prob.Errors["close_from"] != "")
		is.True(prob.Errors["limit"] != "")
		prob = problemOf(t, admin.get("/api/v1/deals?sort=colour"), http.StatusUnprocessableEntity)
		is.True(prob.Errors["sort"] != "")
		prob = problemOf(t, admin.get("/api/v1/deals?cursor=garbage"), http.StatusUnprocessableEntity)
		is.True(prob.Errors["cursor"] != "")
	})

	t.Run("viewers read but do not write", func(t *testing.T) {
		is := is.New(t)
		viewer := ts.loginAs(t, app.RoleViewer)
		is.Equal(viewer.get("/api/v1/deals").StatusCode, http.StatusOK)
		is.Equal(viewer.get("/api/v1/pipelines").StatusCode, http.StatusOK)
		problemOf(t, viewer.json(http.MethodPost, "/api/v1/deals", `{"title": "No"}`), http.StatusForbidden)
		problemOf(t, viewer.json(http.MethodPost, "/api/v1/deals/"+won.ID+"/move", fmt.Sprintf(`{"stage_id": %q}`, stages["demo"].ID)), http.StatusForbidden)
		problemOf(t, viewer.json(http.MethodPatch, "/api/v1/deals/"+won.ID, `{"version": 1, "title": "No"}`), http.StatusForbidden)
		problemOf(t, viewer.do(http.MethodDelete, "/api/v1/deals/"+won.ID, nil), http.StatusForbidden)
	})

	t.Run("bodies the API cannot read", func(t *testing.T) {
		is := is.New(t)
		problemOf(t, admin.send(http.MethodPost, "/api/v1/deals", "text/plain", `{"title": "x"}`), http.StatusUnsupportedMediaType)
		prob := problemOf(t, admin.json(http.MethodPost, "/api/v1/deals", `{"title": "x", "amount": 5}`), http.StatusBadRequest)
		is.True(strings.Contains(prob.Detail, "amount")) // names the unknown field
		prob = problemOf(t, admin.json(http.MethodPost, "/api/v1/deals", `{"title": "x", "value": "12.50"}`), http.StatusBadRequest)
		is.True(strings.Contains(prob.Detail, "value")) // minor units are an integer
	})
}
