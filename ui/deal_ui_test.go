package ui_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// salesStages returns the built-in pipeline and its stages by catalog key
// suffix (first_outreach … won, lost).
func salesStages(t *testing.T, ts *testServer) (app.Pipeline, map[string]app.Stage) {
	t.Helper()
	list, err := ts.app.Pipelines(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.NameKey == "pipeline.default.name" {
			stages := map[string]app.Stage{}
			for _, st := range p.Stages {
				stages[strings.TrimPrefix(st.NameKey, "pipeline.default.")] = st
			}
			return p, stages
		}
	}
	t.Fatal("no built-in pipeline")
	return app.Pipeline{}, nil
}

func createDeal(t *testing.T, ts *testServer, in app.DealInput) app.Deal {
	t.Helper()
	in.NoOwner = true // only the owner given
	d, err := ts.app.CreateDeal(t.Context(), recordActor(t, ts), in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// column is the part of a board page that is one stage's column.
func column(body, stageID string) string {
	start := strings.Index(body, `id="column-`+stageID+`"`)
	if start < 0 {
		return ""
	}
	rest := body[start:]
	if end := strings.Index(rest[1:], `<section class="board-column`); end >= 0 {
		return rest[:end+1]
	}
	return rest
}

func TestBoardPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	p, stages := salesStages(t, ts)
	co, err := ts.app.CreateCompany(t.Context(), recordActor(t, ts), app.CompanyInput{Name: "Analytical Engines"})
	if err != nil {
		t.Fatal(err)
	}
	big := createDeal(t, ts, app.DealInput{Title: "Difference engine", Amount: "12,500", Currency: "USD", StageID: stages["demo"].ID, CompanyID: co.ID, OwnerID: recordActor(t, ts).ID})
	createDeal(t, ts, app.DealInput{Title: "Seoul office", Amount: "3000000", Currency: "KRW", StageID: stages["demo"].ID, Tags: []string{"asia"}})
	won := createDeal(t, ts, app.DealInput{Title: "Closed one", Amount: "10", StageID: stages["won"].ID})

	t.Run("/deals opens the default pipeline's board", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/deals")
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), "/pipelines/"+p.ID+"/board")
	})

	t.Run("columns with counts and per-currency totals", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/pipelines/" + p.ID + "/board")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "board.js")) // the script is loaded on the board
		demo := column(res.Body, stages["demo"].ID)
		is.True(strings.Contains(demo, message(ts, "pipeline.default.demo")))
		is.True(strings.Contains(demo, `<span class="badge board-count">2</span>`))
		is.True(strings.Contains(demo, "$12,500.00")) // never added to the won
		is.True(strings.Contains(demo, "₩3,000,000")) // …
		is.True(strings.Contains(demo, "$5,000.00"))  // weighted at 40 %
		is.True(strings.Contains(demo, "Analytical Engines"))
		is.True(strings.Contains(demo, "Ada Admin"))                              // the owner
		is.True(!strings.Contains(res.Body, "Closed one"))                        // open deals by default
		is.True(strings.Contains(demo, `action="/deals/`+big.ID+`/move"`))        // the stage selector without JavaScript
		is.True(strings.Contains(res.Body, `data-api="/api/v1/deals/DEAL/move"`)) // and the JSON endpoint for drag and drop
	})

	t.Run("filters: status, owner, tag, close range", func(t *testing.T) {
		is := is.New(t)
		all := admin.get("/pipelines/" + p.ID + "/board?status=all")
		is.True(strings.Contains(column(all.Body, stages["won"].ID), "Closed one"))
		mine := admin.get("/pipelines/" + p.ID + "/board?owner=" + recordActor(t, ts).ID)
		is.True(strings.Contains(mine.Body, "Difference engine"))
		is.True(!strings.Contains(mine.Body, "Seoul office"))
		tagged := admin.get("/pipelines/" + p.ID + "/board?tag=asia")
		is.True(strings.Contains(tagged.Body, "Seoul office"))
		is.True(!strings.Contains(tagged.Body, "Difference engine"))
		unknown := admin.get("/pipelines/" + p.ID + "/board?tag=nope")
		is.Equal(unknown.StatusCode, http.StatusOK)
		is.True(!strings.Contains(unknown.Body, "deal-card-title")) // an unknown tag matches nothing
		closing := admin.get("/pipelines/" + p.ID + "/board?close_from=2020-01-01&close_to=2020-12-31")
		is.True(!strings.Contains(closing.Body, "deal-card-title"))
		bad := admin.get("/pipelines/" + p.ID + "/board?status=maybe")
		is.Equal(bad.StatusCode, http.StatusSeeOther) // a hand-made filter falls back to the plain board
	})

	t.Run("the stage selector moves a card without JavaScript", func(t *testing.T) {
		is := is.New(t)
		back := "/pipelines/" + p.ID + "/board?owner=" + recordActor(t, ts).ID
		res := admin.post("/deals/"+big.ID+"/move", url.Values{"stage_id": {stages["proposal"].ID}, "back": {back}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), back) // back to the same board and filters
		board := admin.get(back)
		is.True(strings.Contains(column(board.Body, stages["proposal"].ID), "Difference engine"))
		is.True(strings.Contains(board.Body, message(ts, "deals.moved")))
		res = admin.post("/deals/"+big.ID+"/move", url.Values{"stage_id": {stages["demo"].ID}, "back": {"https://evil.example/"}})
		is.Equal(res.Header.Get("Location"), "/deals/"+big.ID) // never off-site
	})

	t.Run("moving to the lost stage asks why", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/deals/"+big.ID+"/move", url.Values{"stage_id": {stages["lost"].ID}, "back": {"/pipelines/" + p.ID + "/board"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, message(ts, "deals.lost_heading")))
		is.True(strings.Contains(res.Body, `name="stage_id" value="`+stages["lost"].ID+`"`))
		is.True(strings.Contains(res.Body, message(ts, "deals.lost_reason.competitor"))) // the built-in reasons are offered
		res = admin.post("/deals/"+big.ID+"/move", url.Values{"stage_id": {stages["lost"].ID}, "lost_reason": {"Chose a competitor"},
			"back": {"/pipelines/" + p.ID + "/board"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		d, _ := ts.app.Deal(t.Context(), nil, big.ID)
		is.Equal(d.Status, "lost")
		is.Equal(d.LostReason, "Chose a competitor")
	})

	t.Run("the list view sorts and pages", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/pipelines/" + p.ID + "/list?status=all&sort=-value")
		is.Equal(res.StatusCode, http.StatusOK)
		first, second := strings.Index(res.Body, "Seoul office"), strings.Index(res.Body, "Difference engine")
		is.True(first > 0 && second > first) // 3,000,000 won sorts above 12,500 dollars: by amount
		is.True(strings.Contains(res.Body, "Closed one"))
		res = admin.get("/pipelines/" + p.ID + "/list?sort=colour")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, message(ts, "error.sort_invalid")))
	})
	_ = won
}

func TestDealPageAndForms(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	p, stages := salesStages(t, ts)
	co, err := ts.app.CreateCompany(t.Context(), recordActor(t, ts), app.CompanyInput{Name: "Babbage & Co"})
	if err != nil {
		t.Fatal(err)
	}
	person := createContact(t, ts, app.ContactInput{FirstName: "Charles", LastName: "Babbage", CompanyID: co.ID})

	var id string
	t.Run("a deal from a contact's page", func(t *testing.T) {
		is := is.New(t)
		contact := admin.get("/contacts/" + person.ID)
		is.True(strings.Contains(contact.Body, `href="/deals/new?contact=`+person.ID+`"`)) // the Deals card offers one
		form := admin.get("/deals/new?contact=" + person.ID)
		is.Equal(form.StatusCode, http.StatusOK)
		is.True(strings.Contains(form.Body, `<option value="`+co.ID+`" selected>`)) // their company, chosen
		is.True(strings.Contains(form.Body, `value="USD"`))                         // the default currency
		res := admin.post("/deals", url.Values{"title": {"Analytical engine"}, "value": {"1,250.5"}, "currency": {"usd"},
			"stage_id": {stages["demo"].ID}, "company_id": {co.ID}, "contact_ids": {person.ID, ""}, "owner_id": {recordActor(t, ts).ID},
			"expected_close_date": {"2027-03-31"}, "source": {"Referral"}, "tags": {"vip, engines"}, "notes": {"Wants a demo\nin March"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		id = strings.TrimPrefix(res.Header.Get("Location"), "/deals/")
		page := admin.get("/deals/" + id)
		is.Equal(page.StatusCode, http.StatusOK)
		is.True(strings.Contains(page.Body, "$1,250.50"))
		is.True(strings.Contains(page.Body, "Charles Babbage"))
		is.True(strings.Contains(page.Body, message(ts, "deals.primary_contact")))
		is.True(strings.Contains(page.Body, "Babbage &amp; Co"))
		is.True(strings.Contains(page.Body, message(ts, "pipeline.default.demo")))
		is.True(strings.Contains(page.Body, `id="history-heading"`)) // the timeline
		contact = admin.get("/contacts/" + person.ID)
		is.True(strings.Contains(contact.Body, "Analytical engine")) // the contact lists the deal
		is.True(strings.Contains(contact.Body, "$1,250.50"))
		company := admin.get("/companies/" + co.ID)
		is.True(strings.Contains(company.Body, "Analytical engine"))
		is.True(strings.Contains(company.Body, message(ts, "deals.status.open")))
	})

	t.Run("problems are shown beside their fields", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/deals", url.Values{"title": {""}, "value": {"12.345"}, "currency": {"USD"}, "stage_id": {stages["demo"].ID}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(errorBeside(res.Body, "title", message(ts, "error.required")))
		is.True(errorBeside(res.Body, "value", message(ts, "error.amount_invalid")))
		is.True(strings.Contains(res.Body, `value="12.345"`)) // what was typed stays
	})

	t.Run("won, lost with a reason, reopen, and the stage history", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/deals/"+id+"/won", nil)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		page := admin.get("/deals/" + id)
		is.True(strings.Contains(page.Body, message(ts, "deals.won_flash")))
		is.True(strings.Contains(page.Body, `class="status deal-status-won"`))
		is.True(strings.Contains(page.Body, message(ts, "deals.time_to_close")))
		res = admin.post("/deals/"+id+"/reopen", nil)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		res = admin.post("/deals/"+id+"/lost", url.Values{})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // asks why
		res = admin.post("/deals/"+id+"/lost", url.Values{"lost_reason": {"Budget cut"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		page = admin.get("/deals/" + id)
		is.True(strings.Contains(page.Body, "Budget cut"))
		stays := page.Body[strings.Index(page.Body, `id="stage-history"`):]
		stays = stays[:strings.Index(stays, "</section>")]
		is.Equal(strings.Count(stays, `<li class="stage-stay`), 4)                                                        // demo → won → demo → lost
		is.True(strings.Contains(page.Body, "</span> marked the deal “") && strings.Contains(page.Body, "” lost</span>")) // the history says it
	})

	t.Run("edit moves it to another pipeline; stale forms conflict", func(t *testing.T) {
		is := is.New(t)
		other, err := ts.app.CreatePipeline(t.Context(), nil, "Renewals", []string{"Due"})
		is.NoErr(err)
		d, _ := ts.app.Deal(t.Context(), nil, id)
		form := admin.get("/deals/" + id + "/edit")
		is.True(strings.Contains(form.Body, `<optgroup label="Renewals">`)) // every pipeline's stages
		values := url.Values{"title": {"Analytical engine, renewed"}, "value": {"99"}, "currency": {"USD"}, "stage_id": {other.Stages[0].ID},
			"version": {strconv.Itoa(d.Version)}}
		res := admin.post("/deals/"+id, values)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		moved, _ := ts.app.Deal(t.Context(), nil, id)
		is.Equal(moved.PipelineID, other.ID)
		is.Equal(moved.Status, "open")
		res = admin.post("/deals/"+id, values) // the same version again
		is.Equal(res.StatusCode, http.StatusConflict)
		is.True(strings.Contains(res.Body, message(ts, "error.stale")))
	})

	t.Run("trash and restore", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/deals/"+id+"/delete", nil)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		trash := admin.get("/trash")
		is.True(strings.Contains(trash.Body, `id="trash-deals"`))
		is.True(strings.Contains(trash.Body, "Analytical engine, renewed"))
		res = admin.post("/deals/"+id+"/restore", nil)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), "/deals/"+id)
	})
	_ = p
}

func TestHostileStringsOnDealPages(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	p, _ := salesStages(t, ts)
	stage, err := ts.app.CreateStage(t.Context(), nil, p.ID, app.StageInput{Name: hostile, Probability: 50})
	is.NoErr(err)
	d := createDeal(t, ts, app.DealInput{Title: hostile, Notes: hostile, Source: hostile, StageID: stage.ID, Tags: []string{hostileTag}})
	_, err = ts.app.CloseDeal(t.Context(), nil, d.ID, "lost", hostile)
	is.NoErr(err)
	is.NoErr(ts.app.RenamePipeline(t.Context(), nil, p.ID, hostile))
	for _, path := range []string{"/pipelines/" + p.ID + "/board?status=all", "/pipelines/" + p.ID + "/list?status=all", "/deals/" + d.ID,
		"/deals/" + d.ID + "/edit", "/settings/pipelines", "/settings/pipelines/" + p.ID, "/trash"} {
		res := admin.get(path)
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(!strings.Contains(res.Body, "<script>alert(1)")) // never raw
		is.True(!strings.Contains(res.Body, "<img src=x"))
	}
	res := admin.get("/deals/" + d.ID)
	is.True(strings.Contains(res.Body, "&lt;script&gt;alert(1)&lt;/script&gt;")) // shown as text
}

func TestPipelineSettingsPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	manager := ts.loginAs(t, app.RoleManager)
	sales := ts.loginAs(t, app.RoleSales)
	p, stages := salesStages(t, ts)
	mover := createDeal(t, ts, app.DealInput{Title: "Needs a home", StageID: stages["demo"].ID})

	t.Run("managers and admins only", func(t *testing.T) {
		is := is.New(t)
		is.Equal(sales.get("/settings/pipelines").StatusCode, http.StatusForbidden)
		is.Equal(manager.get("/settings/pipelines").StatusCode, http.StatusOK)
		board := sales.get("/pipelines/" + p.ID + "/board")
		is.True(!strings.Contains(board.Body, `id="pipeline-settings"`)) // no link for those who cannot use it
		board = manager.get("/pipelines/" + p.ID + "/board")
		is.True(strings.Contains(board.Body, `id="pipeline-settings"`))
		is.True(strings.Contains(manager.get("/settings").Body, `id="pipelines-link"`))
		is.True(!strings.Contains(sales.get("/settings").Body, `id="pipelines-link"`))
	})

	var created string
	t.Run("create a pipeline with its stages", func(t *testing.T) {
		is := is.New(t)
		page := manager.get("/settings/pipelines")
		is.True(strings.Contains(page.Body, message(ts, "pipeline.default.first_outreach"))) // the new form suggests the sales stages
		res := manager.post("/settings/pipelines", url.Values{"name": {""}, "stages": {"A"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, message(ts, "error.required")))
		res = manager.post("/settings/pipelines", url.Values{"name": {"Partners"}, "stages": {"Signed\r\n\r\nTrained\r\n"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		created = strings.TrimPrefix(res.Header.Get("Location"), "/settings/pipelines/")
		edit := manager.get("/settings/pipelines/" + created)
		is.True(strings.Contains(edit.Body, `value="Signed"`))
		is.True(strings.Contains(edit.Body, `value="Trained"`))
		is.True(strings.Contains(edit.Body, `value="`+message(ts, "pipeline.default.won")+`"`))
	})

	t.Run("edit a stage; a built-in name stays translated", func(t *testing.T) {
		is := is.New(t)
		res := manager.post("/settings/stages/"+stages["demo"].ID, url.Values{"name": {message(ts, "pipeline.default.demo")},
			"probability": {"45"}, "rot_days": {"10"}, "kind": {"open"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		st, _ := ts.app.StagesByID(t.Context(), nil, []string{stages["demo"].ID})
		is.Equal(st[stages["demo"].ID].Name, "") // still the catalog's
		is.Equal(st[stages["demo"].ID].Probability, 45)
		res = manager.post("/settings/stages/"+stages["demo"].ID, url.Values{"name": {"Live demo"}, "probability": {"200"}, "kind": {"open"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		row := res.Body[strings.Index(res.Body, `id="stage-`+stages["demo"].ID+`"`):]
		row = row[:strings.Index(row, "</li>")]
		is.True(errorBeside(row, "probability", message(ts, "error.probability_invalid"))) // in the stage's own row
		is.True(strings.Contains(row, `value="Live demo"`))                                // what was typed stays
	})

	t.Run("deleting a stage with deals asks where they go", func(t *testing.T) {
		is := is.New(t)
		edit := manager.get("/settings/pipelines/" + p.ID)
		is.True(strings.Contains(edit.Body, `name="target_stage_id"`))
		res := manager.post("/settings/stages/"+stages["demo"].ID+"/delete", url.Values{})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, message(ts, "error.stage_target_required")))
		res = manager.post("/settings/stages/"+stages["demo"].ID+"/delete", url.Values{"target_stage_id": {stages["proposal"].ID}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		d, _ := ts.app.Deal(t.Context(), nil, mover.ID)
		is.Equal(d.StageID, stages["proposal"].ID)
		edit = manager.get("/settings/pipelines/" + p.ID)
		is.True(strings.Contains(edit.Body, `id="trashed-stages"`))
		res = manager.post("/settings/stages/"+stages["demo"].ID+"/restore", nil)
		is.Equal(res.StatusCode, http.StatusSeeOther)
	})

	t.Run("reorder, archive, delete and restore pipelines", func(t *testing.T) {
		is := is.New(t)
		is.Equal(manager.post("/settings/pipelines/"+created+"/move", url.Values{"direction": {"up"}}).StatusCode, http.StatusSeeOther)
		list, _ := ts.app.Pipelines(t.Context(), nil)
		is.Equal(list[0].ID, created)
		is.Equal(manager.post("/settings/pipelines/"+created+"/archive", nil).StatusCode, http.StatusSeeOther)
		is.Equal(admin.get("/deals").Header.Get("Location"), "/pipelines/"+p.ID+"/board") // archived: not the default
		res := manager.post("/settings/pipelines/"+p.ID+"/archive", nil)
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // the last one in use stays
		is.True(strings.Contains(res.Body, message(ts, "error.last_pipeline")))
		is.Equal(manager.post("/settings/pipelines/"+created+"/unarchive", nil).StatusCode, http.StatusSeeOther)
		res = manager.post("/settings/pipelines/"+p.ID+"/delete", url.Values{})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // it holds a deal
		partners, _ := ts.app.Pipeline(t.Context(), nil, created)
		res = manager.post("/settings/pipelines/"+p.ID+"/delete", url.Values{"target_open": {partners.Stages[0].ID}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		page := manager.get("/settings/pipelines")
		is.True(strings.Contains(page.Body, `id="trashed-pipeline-`+p.ID+`"`))
		is.Equal(manager.post("/settings/pipelines/"+p.ID+"/restore", nil).StatusCode, http.StatusSeeOther)
	})

	t.Run("default currency and lost reasons", func(t *testing.T) {
		is := is.New(t)
		res := manager.post("/settings/deals", url.Values{"default_currency": {"WON"}, "lost_reasons": {"x"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(errorBeside(res.Body, "default_currency", message(ts, "error.currency_invalid")))
		res = manager.post("/settings/deals", url.Values{"default_currency": {"krw"}, "lost_reasons": {"Too slow\nToo dear\n"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(ts.app.DefaultCurrency(t.Context()), "KRW")
		is.Equal(ts.app.LostReasons(t.Context()), []string{"Too slow", "Too dear"})
		form := admin.get("/deals/new")
		is.True(strings.Contains(form.Body, `value="KRW"`))
		is.True(strings.Contains(form.Body, `<option value="Too dear">`) || strings.Contains(admin.get("/deals/"+mover.ID).Body, `<option value="Too dear">`))
	})
}
