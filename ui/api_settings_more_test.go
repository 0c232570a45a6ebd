package ui_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// Tags, web forms, goals and webhooks: everything their pages change, the
// API changes too, with the same roles.
func TestAPITagAndFormSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	manager := ts.loginAs(t, app.RoleManager)
	sales := ts.loginAs(t, app.RoleSales)
	viewer := ts.loginAs(t, app.RoleViewer)
	reader := readKey(t, ts, admin)
	for _, name := range []string{"Ada", "Grace"} {
		addContact(t, ts, app.ContactInput{FirstName: name, Tags: []string{"vip", "VIP-old"}})
	}

	t.Run("tags rename, recolour and merge by id or name; sales may, viewers may not", func(t *testing.T) {
		is := is.New(t)
		vip := decode[api.TagJSON](t, sales.get("/api/v1/tags/vip"), http.StatusOK) // by name
		tag := decode[api.TagJSON](t, sales.json("PATCH", "/api/v1/tags/vip", fmt.Sprintf(`{"version": %d, "name": "Key account", "color": "#AA0000"}`, vip.Version)), http.StatusOK)
		is.Equal(tag.Name, "Key account")
		is.Equal(tag.Color, "#aa0000")
		is.Equal(tag.Contacts, 2)
		tag = decode[api.TagJSON](t, sales.json("PATCH", "/api/v1/tags/"+tag.ID, fmt.Sprintf(`{"version": %d, "color": "#00aa00"}`, tag.Version)), http.StatusOK)
		is.Equal(tag.Name, "Key account") // absent members stay
		p := problemOf(t, sales.json("PATCH", "/api/v1/tags/"+tag.ID, fmt.Sprintf(`{"version": %d, "color": "#0000aa"}`, vip.Version)), http.StatusConflict)
		is.Equal(p.Code, "conflict") // the version read before the two changes above
		p = problemOf(t, sales.json("PATCH", "/api/v1/tags/"+tag.ID, fmt.Sprintf(`{"version": %d, "name": "vip-old", "color": "green"}`, tag.Version)), http.StatusUnprocessableEntity)
		is.True(p.Errors["color"] != "")
		p = problemOf(t, sales.json("PATCH", "/api/v1/tags/"+tag.ID, fmt.Sprintf(`{"version": %d, "name": "vip-old"}`, tag.Version)), http.StatusUnprocessableEntity)
		is.True(p.Errors["name"] != "") // another tag's name: merge instead

		merged := decode[api.TagJSON](t, sales.json("POST", "/api/v1/tags/merge", `{"from": "vip-old", "into": "`+tag.ID+`"}`), http.StatusOK)
		is.Equal(merged.ID, tag.ID)
		problemOf(t, sales.json("PATCH", "/api/v1/tags/vip-old", `{"version": 1, "color": "#000000"}`), http.StatusNotFound) // merged away
		p = problemOf(t, sales.json("POST", "/api/v1/tags/merge", `{"from": "nope", "into": "`+tag.ID+`"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["from"] != "")

		problemOf(t, viewer.json("PATCH", "/api/v1/tags/"+tag.ID, `{"version": 1, "name": "Mine"}`), http.StatusForbidden)
		problemOf(t, viewer.json("POST", "/api/v1/tags/merge", `{"from": "a", "into": "b"}`), http.StatusForbidden)
		problemOf(t, reader.json("PATCH", "/api/v1/tags/"+tag.ID, `{"version": 1, "name": "Mine"}`), http.StatusForbidden)
		problemOf(t, viewer.do("DELETE", "/api/v1/tags/"+tag.ID, nil), http.StatusForbidden)
		is.Equal(sales.do("DELETE", "/api/v1/tags/"+tag.ID, nil).StatusCode, http.StatusNoContent)
		problemOf(t, sales.do("DELETE", "/api/v1/tags/"+tag.ID, nil), http.StatusNotFound)
	})

	t.Run("web forms are built, changed in every setting and deleted by managers", func(t *testing.T) {
		is := is.New(t)
		pipelines := decode[struct{ Data []api.PipelineJSON }](t, admin.get("/api/v1/pipelines"), http.StatusOK)
		stage := pipelines.Data[0].Stages[0].ID
		res := manager.json("POST", "/api/v1/web-forms", `{"name": "Webinar", "fields": ["first_name", "email"], "tags": ["webinar"]}`)
		f := decode[api.WebFormJSON](t, res, http.StatusCreated)
		is.Equal(res.Header.Get("Location"), "/api/v1/web-forms/"+f.ID)
		is.Equal(f.Fields, []string{"first_name", "email"})
		is.True(f.StageID == nil)
		is.True(strings.HasSuffix(f.URL, "/f/"+f.ID))

		body := `{"version": ` + strconv.Itoa(f.Version) + `, "name": "Webinar 2027", "fields": ["first_name", "last_name", "phone"], "thank_you": "See you there", "redirect_url": "https://example.com/thanks",
			"stage_id": "` + stage + `", "tags": ["webinar", "2027"], "lead_source": "webinar", "origins": ["https://example.com"], "fill_empty": true,
			"consent_text": "I agree to hear about future webinars", "consent_required": true}`
		got := decode[api.WebFormJSON](t, manager.json("PATCH", "/api/v1/web-forms/"+f.ID, body), http.StatusOK)
		is.Equal(got.ID, f.ID) // the address stays
		is.Equal(got.Name, "Webinar 2027")
		is.Equal(got.Fields, []string{"first_name", "last_name", "email", "phone"})
		is.Equal(got.ThankYou, "See you there")
		is.Equal(got.RedirectURL, "https://example.com/thanks")
		is.Equal(*got.StageID, stage)
		is.Equal(got.Tags, []string{"webinar", "2027"})
		is.Equal(got.LeadSource, "webinar")
		is.Equal(got.Origins, []string{"https://example.com"})
		is.True(got.FillEmpty)
		is.Equal(got.ConsentText, "I agree to hear about future webinars")
		is.True(got.ConsentRequired)
		p := problemOf(t, manager.json("PATCH", "/api/v1/web-forms/"+f.ID, `{"version": `+strconv.Itoa(f.Version)+`, "name": "Lost"}`), http.StatusConflict)
		is.Equal(p.Code, "conflict") // the version read before the change above
		got = decode[api.WebFormJSON](t, manager.json("PATCH", "/api/v1/web-forms/"+f.ID, `{"version": `+strconv.Itoa(got.Version)+`, "stage_id": null}`), http.StatusOK)
		is.True(got.StageID == nil)
		is.Equal(got.Name, "Webinar 2027")
		shown := decode[api.WebFormJSON](t, viewer.get("/api/v1/web-forms/"+f.ID), http.StatusOK) // viewers see forms
		is.Equal(shown.Name, "Webinar 2027")

		p = problemOf(t, manager.json("PATCH", "/api/v1/web-forms/"+f.ID, `{"version": `+strconv.Itoa(got.Version)+`, "name": "", "redirect_url": "javascript:alert(1)", "origins": ["example.com/path"], "stage_id": "nope"}`), http.StatusUnprocessableEntity)
		for _, field := range []string{"name", "redirect_url", "origins", "stage_id"} {
			is.True(p.Errors[field] != "")
		}
		for name, c := range map[string]*browser{"sales": sales, "viewer": viewer, "read key": reader} {
			for _, req := range [][3]string{
				{"POST", "/api/v1/web-forms", `{"name": "Nope"}`},
				{"PATCH", "/api/v1/web-forms/" + f.ID, `{"version": 1, "name": "Nope"}`},
				{"DELETE", "/api/v1/web-forms/" + f.ID, ``},
			} {
				if res := c.json(req[0], req[1], req[2]); res.StatusCode != http.StatusForbidden {
					t.Errorf("%s: %s %s: %d %s", name, req[0], req[1], res.StatusCode, res.Body)
				}
			}
		}
		problemOf(t, sales.get("/api/v1/web-forms"), http.StatusForbidden) // sales have no forms
		is.Equal(manager.do("DELETE", "/api/v1/web-forms/"+f.ID, nil).StatusCode, http.StatusNoContent)
		problemOf(t, manager.get("/api/v1/web-forms/"+f.ID), http.StatusNotFound)
		problemOf(t, manager.json("PATCH", "/api/v1/web-forms/"+f.ID, `{"version": 1, "name": "Gone"}`), http.StatusNotFound)
	})

	t.Run("a goal's name, target and deadline change; its owner or a manager may", func(t *testing.T) {
		is := is.New(t)
		deadline := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
		later := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
		g := decode[map[string]any](t, sales.json("POST", "/api/v1/goals", `{"name": "Calls", "metric": "activities", "target": 10, "deadline": "`+deadline+`"}`), http.StatusCreated)
		id := g["id"].(string)
		v := func(g map[string]any) string { return fmt.Sprint(g["version"]) }
		first := v(g)
		g = decode[map[string]any](t, sales.json("PATCH", "/api/v1/goals/"+id, `{"version": `+first+`, "name": "More calls", "target": 15, "deadline": "`+later+`"}`), http.StatusOK)
		is.Equal(g["name"], "More calls")
		is.Equal(g["target"], 15.0)
		is.Equal(g["deadline"], later)
		is.Equal(g["metric"], "activities")
		g = decode[map[string]any](t, manager.json("PATCH", "/api/v1/goals/"+id, `{"version": `+v(g)+`, "target": "20"}`), http.StatusOK) // managers see the team's goals
		is.Equal(g["target"], 20.0)
		p := problemOf(t, sales.json("PATCH", "/api/v1/goals/"+id, `{"version": `+first+`, "target": 30}`), http.StatusConflict)
		is.Equal(p.Code, "conflict")
		p = problemOf(t, sales.json("PATCH", "/api/v1/goals/"+id, `{"version": `+v(g)+`, "name": "", "target": -5, "deadline": "2001-01-01"}`), http.StatusUnprocessableEntity)
		for _, field := range []string{"name", "target", "deadline"} {
			is.True(p.Errors[field] != "")
		}
		p = problemOf(t, sales.json("PATCH", "/api/v1/goals/"+id, `{"metric": "deals_won"}`), http.StatusBadRequest)
		is.True(strings.Contains(p.Detail, "metric")) // what it measures is a new goal
		other := ts.loginAs(t, app.RoleSales)
		problemOf(t, other.json("PATCH", "/api/v1/goals/"+id, `{"version": `+v(g)+`, "name": "Mine"}`), http.StatusForbidden)
		problemOf(t, viewer.json("PATCH", "/api/v1/goals/"+id, `{"version": `+v(g)+`, "name": "Mine"}`), http.StatusForbidden)
		problemOf(t, readKey(t, ts, sales).json("PATCH", "/api/v1/goals/"+id, `{"version": `+v(g)+`, "name": "Mine"}`), http.StatusForbidden)
		problemOf(t, sales.json("PATCH", "/api/v1/goals/nope", `{"version": 1, "name": "X"}`), http.StatusNotFound)
	})

	t.Run("a webhook's URL, description and events change in one PATCH; its secret never shows again", func(t *testing.T) {
		is := is.New(t)
		type hook struct {
			ID          string   `json:"id"`
			URL         string   `json:"url"`
			Description string   `json:"description"`
			Events      []string `json:"events"`
			Enabled     bool     `json:"enabled"`
			Secret      string   `json:"secret"`
			Version     int      `json:"version"`
		}
		h := decode[hook](t, manager.json("POST", "/api/v1/webhooks", `{"url": "https://hooks.example.com/a"}`), http.StatusCreated)
		is.True(h.Secret != "")
		got := decode[hook](t, manager.json("PATCH", "/api/v1/webhooks/"+h.ID, `{"url": "https://hooks.example.com/b", "description": "Sheet sync", "events": ["contact.created", "deal.won"]}`), http.StatusOK)
		is.Equal(got.URL, "https://hooks.example.com/b")
		is.Equal(got.Description, "Sheet sync")
		is.Equal(got.Events, []string{"contact.created", "deal.won"})
		is.True(got.Enabled) // untouched
		is.Equal(got.Secret, "")
		p := problemOf(t, manager.json("PATCH", "/api/v1/webhooks/"+h.ID, fmt.Sprintf(`{"version": %d, "description": "lost"}`, h.Version)), http.StatusConflict)
		is.Equal(p.Code, "conflict") // the version read before the change above
		// a switch needs no current version
		got = decode[hook](t, manager.json("PATCH", "/api/v1/webhooks/"+h.ID, fmt.Sprintf(`{"enabled": false, "version": %d}`, h.Version)), http.StatusOK)
		is.True(!got.Enabled)
		is.Equal(got.URL, "https://hooks.example.com/b")
		p = problemOf(t, manager.json("PATCH", "/api/v1/webhooks/"+h.ID, `{"url": "ftp://x", "events": ["nope"]}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["url"] != "" && p.Errors["events"] != "")
		problemOf(t, sales.json("PATCH", "/api/v1/webhooks/"+h.ID, `{"description": "x"}`), http.StatusForbidden)
		problemOf(t, ts.loginAs(t, app.RoleManager).json("PATCH", "/api/v1/webhooks/"+h.ID, `{"description": "x"}`), http.StatusNotFound) // another's
	})

	t.Run("a segment takes every member its page edits", func(t *testing.T) {
		is := is.New(t)
		seg := decode[api.SegmentJSON](t, manager.json("POST", "/api/v1/segments", `{"entity": "contact", "name": "Key", "query": "tag:vip", "shared": true}`), http.StatusCreated)
		is.True(seg.Shared)
		old := seg.Version
		seg = decode[api.SegmentJSON](t, manager.json("PATCH", "/api/v1/segments/"+seg.ID, fmt.Sprintf(`{"version": %d, "name": "Key accounts", "query": "first_name:Ada", "shared": false}`, old)), http.StatusOK)
		is.Equal(seg.Name, "Key accounts")
		problemOf(t, manager.json("PATCH", "/api/v1/segments/"+seg.ID, fmt.Sprintf(`{"version": %d, "name": "Lost"}`, old)), http.StatusConflict)
		is.Equal(seg.Query, "first_name:Ada")
		is.True(!seg.Shared)
		is.Equal(seg.Count, 1)
	})
}
