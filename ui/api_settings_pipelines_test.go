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

// readKey is a client with a read-only API key of the user b is logged
// in as.
func readKey(t *testing.T, ts *testServer, b *browser) *browser {
	t.Helper()
	k := decode[apiKeyBody](t, b.json("POST", "/api/v1/api-keys", `{"name": "read only", "scope": "read"}`), http.StatusCreated)
	return ts.bearer(t, k.Token)
}

func TestAPIPipelineSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	manager := ts.loginAs(t, app.RoleManager)
	sales := ts.loginAs(t, app.RoleSales)
	reader := readKey(t, ts, admin)

	t.Run("a manager shapes a pipeline as the settings page does", func(t *testing.T) {
		is := is.New(t)
		res := manager.json("POST", "/api/v1/pipelines", `{"name": "Partners", "stages": ["Signed up", "Trained"]}`)
		p := decode[api.PipelineJSON](t, res, http.StatusCreated)
		is.Equal(res.Header.Get("Location"), "/api/v1/pipelines/"+p.ID)
		is.Equal(len(p.Stages), 4) // the two asked for, then Won and Lost
		is.Equal(p.Stages[2].Kind, "won")
		is.Equal(p.Stages[2].Name, "Won") // built-in, in the reader's language

		p = decode[api.PipelineJSON](t, manager.json("PATCH", "/api/v1/pipelines/"+p.ID, fmt.Sprintf(`{"version": %d, "name": "Partner onboarding"}`, p.Version)), http.StatusOK)
		is.Equal(p.Name, "Partner onboarding")
		p = decode[api.PipelineJSON](t, manager.json("PATCH", "/api/v1/pipelines/"+p.ID, fmt.Sprintf(`{"version": %d, "archived": true}`, p.Version)), http.StatusOK)
		is.True(p.Archived)
		got := decode[api.PipelineJSON](t, manager.get("/api/v1/pipelines/"+p.ID), http.StatusOK)
		is.Equal(got.Version, p.Version)

		st := decode[api.StageJSON](t, manager.json("POST", "/api/v1/pipelines/"+p.ID+"/stages", `{"name": "Live", "probability": 80, "rot_days": 30}`), http.StatusCreated)
		is.Equal(*st.RotDays, 30)
		after := decode[api.PipelineJSON](t, manager.get("/api/v1/pipelines/"+p.ID), http.StatusOK)
		is.Equal(after.Stages[2].ID, st.ID) // an open stage goes before won and lost
		st = decode[api.StageJSON](t, manager.json("PATCH", "/api/v1/stages/"+st.ID, fmt.Sprintf(`{"version": %d, "probability": 85, "rot_days": null}`, st.Version)), http.StatusOK)
		is.Equal(st.Probability, 85)
		is.True(st.RotDays == nil) // null: never rots
		is.Equal(st.Name, "Live")

		won := after.Stages[3]
		renamed := decode[api.StageJSON](t, admin.json("PATCH", "/api/v1/stages/"+won.ID, fmt.Sprintf(`{"version": %d, "probability": 100}`, won.Version)), http.StatusOK)
		is.Equal(renamed.Name, "Won") // a built-in name stays translated unless named
		admin.header.Set("Accept-Language", "ko")
		ko := decode[api.StageJSON](t, admin.get("/api/v1/stages/"+won.ID), http.StatusOK)
		admin.header.Del("Accept-Language")
		is.True(ko.Name != "Won")

		ids := []string{after.Stages[3].ID, after.Stages[0].ID, after.Stages[1].ID, after.Stages[2].ID, after.Stages[4].ID}
		ordered := decode[api.PipelineJSON](t, manager.json("POST", "/api/v1/pipelines/"+p.ID+"/stages/order", `{"ids": ["`+strings.Join(ids, `", "`)+`"]}`), http.StatusOK)
		for i, s := range ordered.Stages {
			is.Equal(s.ID, ids[i])
		}

		res = manager.do("DELETE", "/api/v1/stages/"+st.ID, nil)
		is.Equal(res.StatusCode, http.StatusNoContent)
		problemOf(t, manager.get("/api/v1/stages/"+st.ID), http.StatusNotFound) // trashed
		trash := decode[struct{ Data []api.StageJSON }](t, manager.get("/api/v1/pipelines/"+p.ID+"/stages/trash"), http.StatusOK)
		is.Equal(len(trash.Data), 1)
		back := decode[api.StageJSON](t, manager.json("POST", "/api/v1/stages/"+st.ID+"/restore", ``), http.StatusOK)
		is.Equal(back.ID, st.ID)
	})

	t.Run("pipelines reorder, go to the trash with their deals moved, and come back", func(t *testing.T) {
		is := is.New(t)
		list := decode[struct{ Data []api.PipelineJSON }](t, admin.get("/api/v1/pipelines"), http.StatusOK)
		is.True(len(list.Data) >= 2)
		var ids []string
		for i := len(list.Data) - 1; i >= 0; i-- {
			ids = append(ids, list.Data[i].ID)
		}
		ordered := decode[struct{ Data []api.PipelineJSON }](t, admin.json("POST", "/api/v1/pipelines/order", `{"ids": ["`+strings.Join(ids, `", "`)+`"]}`), http.StatusOK)
		is.Equal(ordered.Data[0].ID, ids[0])
		p := problemOf(t, admin.json("POST", "/api/v1/pipelines/order", `{"ids": ["`+ids[0]+`"]}`), http.StatusUnprocessableEntity)
		is.Equal(p.Code, "invalid")
		is.True(p.Errors["ids"] != "")

		doomed := decode[api.PipelineJSON](t, admin.json("POST", "/api/v1/pipelines", `{"name": "Doomed", "stages": ["Only"]}`), http.StatusCreated)
		deal := decode[map[string]any](t, admin.json("POST", "/api/v1/deals", `{"title": "Keep me", "pipeline_id": "`+doomed.ID+`"}`), http.StatusCreated)
		p = problemOf(t, admin.do("DELETE", "/api/v1/pipelines/"+doomed.ID, nil), http.StatusUnprocessableEntity)
		is.True(p.Errors["target_open"] != "") // its deals need somewhere to go
		var target string
		for _, other := range ordered.Data {
			if other.ID != doomed.ID && !other.Archived {
				target = other.Stages[0].ID
				break
			}
		}
		res := admin.do("DELETE", "/api/v1/pipelines/"+doomed.ID+"?target_open="+target, nil)
		is.Equal(res.StatusCode, http.StatusNoContent)
		moved := decode[map[string]any](t, admin.get(fmt.Sprintf("/api/v1/deals/%s", deal["id"])), http.StatusOK)
		is.Equal(moved["stage_id"], target)
		problemOf(t, admin.get("/api/v1/pipelines/"+doomed.ID), http.StatusNotFound)
		trash := decode[struct{ Data []api.PipelineJSON }](t, admin.get("/api/v1/pipelines/trash"), http.StatusOK)
		is.Equal(trash.Data[0].ID, doomed.ID)
		back := decode[api.PipelineJSON](t, admin.json("POST", "/api/v1/pipelines/"+doomed.ID+"/restore", ``), http.StatusOK)
		is.Equal(back.ID, doomed.ID)
	})

	t.Run("a patch must name the version it read; a stale one answers 409", func(t *testing.T) {
		is := is.New(t)
		p := decode[api.PipelineJSON](t, admin.json("POST", "/api/v1/pipelines", `{"name": "Racing", "stages": ["A"]}`), http.StatusCreated)
		pr := problemOf(t, admin.json("PATCH", "/api/v1/pipelines/"+p.ID, `{"name": "No version"}`), http.StatusUnprocessableEntity)
		is.True(pr.Errors["version"] != "")
		decode[api.PipelineJSON](t, manager.json("PATCH", "/api/v1/pipelines/"+p.ID, fmt.Sprintf(`{"version": %d, "name": "Mine"}`, p.Version)), http.StatusOK)
		pr = problemOf(t, admin.json("PATCH", "/api/v1/pipelines/"+p.ID, fmt.Sprintf(`{"version": %d, "name": "Theirs"}`, p.Version)), http.StatusConflict)
		is.Equal(pr.Code, "conflict")
		st := p.Stages[0]
		decode[api.StageJSON](t, manager.json("PATCH", "/api/v1/stages/"+st.ID, fmt.Sprintf(`{"version": %d, "name": "B"}`, st.Version)), http.StatusOK)
		problemOf(t, admin.json("PATCH", "/api/v1/stages/"+st.ID, fmt.Sprintf(`{"version": %d, "name": "C"}`, st.Version)), http.StatusConflict)
		got := decode[api.StageJSON](t, admin.get("/api/v1/stages/"+st.ID), http.StatusOK)
		is.Equal(got.Name, "B")
	})

	t.Run("invalid values answer 422 naming each field", func(t *testing.T) {
		is := is.New(t)
		pr := problemOf(t, admin.json("POST", "/api/v1/pipelines", `{"name": "", "stages": []}`), http.StatusUnprocessableEntity)
		is.True(pr.Errors["name"] != "")
		is.True(pr.Errors["stages"] != "")
		list := decode[struct{ Data []api.PipelineJSON }](t, admin.get("/api/v1/pipelines"), http.StatusOK)
		p := list.Data[0]
		pr = problemOf(t, admin.json("POST", "/api/v1/pipelines/"+p.ID+"/stages", `{"name": "", "probability": 120, "rot_days": -1, "kind": "maybe"}`), http.StatusUnprocessableEntity)
		for _, field := range []string{"name", "probability", "rot_days", "kind"} {
			is.True(pr.Errors[field] != "") // each named
		}
		pr = problemOf(t, admin.json("POST", "/api/v1/pipelines", `{"name": "X", "colour": "red"}`), http.StatusBadRequest)
		is.Equal(pr.Code, "bad_request") // a member the API does not know
	})

	t.Run("sales and read-only keys may not; unknown ids are 404", func(t *testing.T) {
		is := is.New(t)
		list := decode[struct{ Data []api.PipelineJSON }](t, sales.get("/api/v1/pipelines"), http.StatusOK)
		p := list.Data[0]
		st := p.Stages[0]
		for name, c := range map[string]*browser{"sales": sales, "read key": reader} {
			for _, req := range [][3]string{
				{"POST", "/api/v1/pipelines", `{"name": "Nope", "stages": ["A"]}`},
				{"PATCH", "/api/v1/pipelines/" + p.ID, fmt.Sprintf(`{"version": %d, "name": "Nope"}`, p.Version)},
				{"POST", "/api/v1/pipelines/order", `{"ids": []}`},
				{"POST", "/api/v1/pipelines/" + p.ID + "/stages", `{"name": "Nope"}`},
				{"PATCH", "/api/v1/stages/" + st.ID, fmt.Sprintf(`{"version": %d, "name": "Nope"}`, st.Version)},
				{"DELETE", "/api/v1/stages/" + st.ID, ``},
				{"DELETE", "/api/v1/pipelines/" + p.ID, ``},
			} {
				res := c.json(req[0], req[1], req[2])
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("%s: %s %s: %d %s", name, req[0], req[1], res.StatusCode, res.Body)
				}
			}
		}
		problemOf(t, sales.get("/api/v1/pipelines/trash"), http.StatusForbidden)
		again := decode[api.PipelineJSON](t, admin.get("/api/v1/pipelines/"+p.ID), http.StatusOK)
		is.Equal(again.Name, p.Name) // nothing changed

		problemOf(t, admin.json("PATCH", "/api/v1/pipelines/nope", `{"version": 1, "name": "X"}`), http.StatusNotFound)
		problemOf(t, admin.json("PATCH", "/api/v1/stages/nope", `{"version": 1, "name": "X"}`), http.StatusNotFound)
		problemOf(t, admin.get("/api/v1/stages/nope"), http.StatusNotFound)
		problemOf(t, admin.json("POST", "/api/v1/pipelines/nope/stages", `{"name": "X"}`), http.StatusNotFound)
		problemOf(t, admin.json("POST", "/api/v1/pipelines/nope/restore", ``), http.StatusNotFound)
	})
}
