package ui_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui/api"
)

// Custom fields and activity types are admins' settings: managers and
// sales see them and may not change them, as on the settings pages.
func TestAPIFieldAndActivityTypeSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	manager := ts.loginAs(t, app.RoleManager)
	sales := ts.loginAs(t, app.RoleSales)
	reader := readKey(t, ts, admin)

	t.Run("an admin adds a select field, renames an option, adds one, deletes the field", func(t *testing.T) {
		is := is.New(t)
		res := admin.json("POST", "/api/v1/fields", `{"entity": "contact", "label": "Plan", "type": "select", "options": [{"label": "Free"}, {"label": "Pro"}]}`)
		f := decode[api.FieldJSON](t, res, http.StatusCreated)
		is.Equal(res.Header.Get("Location"), "/api/v1/fields/"+f.ID)
		is.Equal(f.Key, "plan") // a slug of the label
		is.Equal(len(f.Options), 2)
		body := `{"version": ` + strconv.Itoa(f.Version) + `, "label": "Plan tier", "options": [{"id": "` + f.Options[0].ID + `", "label": "Starter"}, {"id": "` + f.Options[1].ID + `", "label": "Pro"}, {"label": "Enterprise"}]}`
		before := f
		f = decode[api.FieldJSON](t, admin.json("PATCH", "/api/v1/fields/"+f.ID, body), http.StatusOK)
		is.Equal(f.Label, "Plan tier")
		p := problemOf(t, admin.json("PATCH", "/api/v1/fields/"+f.ID, `{"version": `+strconv.Itoa(before.Version)+`, "help": "lost"}`), http.StatusConflict)
		is.Equal(p.Code, "conflict") // the version read before the change above
		p = problemOf(t, admin.json("PATCH", "/api/v1/fields/"+f.ID, `{"help": "no version"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["version"] != "")
		is.Equal(f.Key, "plan") // never changes
		is.Equal([]string{f.Options[0].Label, f.Options[1].Label, f.Options[2].Label}, []string{"Starter", "Pro", "Enterprise"})
		got := decode[api.FieldJSON](t, manager.get("/api/v1/fields/"+f.ID), http.StatusOK) // anyone reads definitions
		is.Equal(got.Label, "Plan tier")

		ada, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "Ada", CustomFields: app.CustomValues{"plan": "Pro"}})
		is.NoErr(err)
		body = `{"version": ` + strconv.Itoa(f.Version) + `, "options": [{"id": "` + f.Options[0].ID + `", "label": "Starter"}]}` // drops Pro, which Ada chose
		p = problemOf(t, admin.json("PATCH", "/api/v1/fields/"+f.ID, body), http.StatusConflict)
		is.True(p.Errors["options"] != "")

		is.Equal(admin.do("DELETE", "/api/v1/fields/"+f.ID, nil).StatusCode, http.StatusNoContent)
		problemOf(t, admin.get("/api/v1/fields/"+f.ID), http.StatusNotFound)

		// and back, with Ada's choice, from the deletion's audit entry
		problemOf(t, manager.get("/api/v1/fields/deleted"), http.StatusForbidden)
		deleted := decode[struct{ Data []api.DeletedFieldJSON }](t, admin.get("/api/v1/fields/deleted"), http.StatusOK)
		is.Equal(deleted.Data[0].Key, "plan")
		problemOf(t, manager.json("POST", "/api/v1/fields/deleted/"+deleted.Data[0].AuditID+"/restore", ``), http.StatusForbidden)
		problemOf(t, admin.json("POST", "/api/v1/fields/deleted/nope/restore", ``), http.StatusNotFound)
		back := decode[api.FieldJSON](t, admin.json("POST", "/api/v1/fields/deleted/"+deleted.Data[0].AuditID+"/restore", ``), http.StatusOK)
		is.Equal(back.ID, f.ID)
		c := decode[map[string]any](t, admin.get("/api/v1/contacts/"+ada.ID), http.StatusOK)
		is.Equal(c["custom_fields"].(map[string]any)["plan"], "Pro")
		after := decode[struct{ Data []api.DeletedFieldJSON }](t, admin.get("/api/v1/fields/deleted"), http.StatusOK)
		is.Equal(len(after.Data), len(deleted.Data)-1) // no longer listed
	})

	t.Run("invalid fields answer 422 naming each", func(t *testing.T) {
		is := is.New(t)
		p := problemOf(t, admin.json("POST", "/api/v1/fields", `{"entity": "planet", "key": "9 lives", "label": "", "type": "colour"}`), http.StatusUnprocessableEntity)
		for _, field := range []string{"entity", "key", "label", "type"} {
			is.True(p.Errors[field] != "")
		}
		decode[api.FieldJSON](t, admin.json("POST", "/api/v1/fields", `{"entity": "deal", "key": "region", "label": "Region", "type": "text"}`), http.StatusCreated)
		p = problemOf(t, admin.json("POST", "/api/v1/fields", `{"entity": "deal", "key": "region", "label": "Region again", "type": "text"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["key"] != "") // taken
	})

	t.Run("an admin adds, changes and archives an activity type", func(t *testing.T) {
		is := is.New(t)
		res := admin.json("POST", "/api/v1/activity-types", `{"name": "Site visit", "icon": "🏗", "color": "#0ea5e9", "has_duration": true}`)
		typ := decode[map[string]any](t, res, http.StatusCreated)
		id := typ["id"].(string)
		is.Equal(res.Header.Get("Location"), "/api/v1/activity-types/"+id)
		is.Equal(typ["has_duration"], true)
		v := fmt.Sprint(typ["version"])
		typ = decode[map[string]any](t, admin.json("PATCH", "/api/v1/activity-types/"+id, `{"version": `+v+`, "color": "#f00", "archived": true}`), http.StatusOK)
		is.Equal(typ["color"], "#ff0000")
		is.Equal(typ["archived"], true)
		is.Equal(typ["name"], "Site visit") // absent members stay
		problemOf(t, admin.json("PATCH", "/api/v1/activity-types/"+id, `{"version": `+v+`, "icon": "x"}`), http.StatusConflict)
		v = fmt.Sprint(typ["version"])
		p := problemOf(t, admin.json("PATCH", "/api/v1/activity-types/"+id, `{"version": `+v+`, "color": "red", "icon": "far too long"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["color"] != "")
		is.True(p.Errors["icon"] != "")
		p = problemOf(t, admin.json("POST", "/api/v1/activity-types", `{"name": "site VISIT"}`), http.StatusUnprocessableEntity)
		is.True(p.Errors["name"] != "") // taken, whatever the case
		call := decode[map[string]any](t, admin.get("/api/v1/activity-types/call"), http.StatusOK)
		call = decode[map[string]any](t, admin.json("PATCH", "/api/v1/activity-types/call", `{"version": `+fmt.Sprint(call["version"])+`, "icon": "☎"}`), http.StatusOK)
		is.Equal(call["name"], "Call") // a built-in keeps its translated name
		problemOf(t, admin.json("PATCH", "/api/v1/activity-types/nope", `{"version": 1, "icon": "x"}`), http.StatusNotFound)
		problemOf(t, admin.get("/api/v1/activity-types/nope"), http.StatusNotFound)
	})

	t.Run("managers, sales and read-only keys may not change them", func(t *testing.T) {
		list := decode[struct{ Data []api.FieldJSON }](t, admin.get("/api/v1/fields"), http.StatusOK)
		f := list.Data[0]
		for name, c := range map[string]*browser{"manager": manager, "sales": sales, "read key": reader} {
			for _, req := range [][3]string{
				{"POST", "/api/v1/fields", `{"entity": "contact", "label": "Nope", "type": "text"}`},
				{"PATCH", "/api/v1/fields/" + f.ID, `{"version": 1, "label": "Nope"}`},
				{"DELETE", "/api/v1/fields/" + f.ID, ``},
				{"POST", "/api/v1/activity-types", `{"name": "Nope"}`},
				{"PATCH", "/api/v1/activity-types/call", `{"version": 1, "archived": true}`},
			} {
				if res := c.json(req[0], req[1], req[2]); res.StatusCode != http.StatusForbidden {
					t.Errorf("%s: %s %s: %d %s", name, req[0], req[1], res.StatusCode, res.Body)
				}
			}
		}
	})
}
