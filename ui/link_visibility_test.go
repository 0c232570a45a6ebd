package ui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestWritesCannotReachHiddenRecords walks every API write that names
// other records, as a sales user limited to their own records, with the
// id of a colleague's record and with an id nobody has: both must get the
// same answer, so a write neither links what its writer may not see nor
// tells whether it exists (issue 24).
func TestWritesCannotReachHiddenRecords(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	_ = admin
	ctx := context.Background()
	if err := ts.app.SetPermissions(ctx, nil, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}); err != nil {
		t.Fatal(err)
	}
	adminUser, err := ts.app.UserByEmail(ctx, "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	theirs := func(t *testing.T) (contact, company, deal string) {
		co, err := ts.app.CreateCompany(ctx, adminUser, app.CompanyInput{Name: "Hidden Co", OwnerID: adminUser.ID})
		if err != nil {
			t.Fatal(err)
		}
		c, err := ts.app.CreateContact(ctx, adminUser, app.ContactInput{FirstName: "Hidden", LastName: "Person", OwnerID: adminUser.ID, CompanyID: co.ID})
		if err != nil {
			t.Fatal(err)
		}
		pipelines, err := ts.app.Pipelines(ctx, adminUser)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ts.app.CreateDeal(ctx, adminUser, app.DealInput{Title: "Hidden deal", PipelineID: pipelines[0].ID, StageID: pipelines[0].Stages[0].ID, OwnerID: adminUser.ID})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID, co.ID, d.ID
	}
	contact, company, deal := theirs(t)
	const nobody = "01900000-0000-7000-8000-000000000000"
	sales := ts.loginAs(t, app.RoleSales)

	writes := []struct {
		name, method, path, body string
		id                       string // the hidden record, replaced by nobody for the second try
	}{
		{"task linked to a contact", "POST", "/api/v1/tasks", `{"title":"t","due_at":"2030-01-01T09:00:00Z","contact_ids":["ID"]}`, contact},
		{"task linked to a company", "POST", "/api/v1/tasks", `{"title":"t","due_at":"2030-01-01T09:00:00Z","company_ids":["ID"]}`, company},
		{"task linked to a deal", "POST", "/api/v1/tasks", `{"title":"t","due_at":"2030-01-01T09:00:00Z","deal_ids":["ID"]}`, deal},
		{"activity linked to a contact", "POST", "/api/v1/activities", `{"type":"note","notes":"b","contact_ids":["ID"]}`, contact},
		{"activity linked to a deal", "POST", "/api/v1/activities", `{"type":"note","notes":"b","deal_ids":["ID"]}`, deal},
		{"contact at a company", "POST", "/api/v1/contacts", `{"first_name":"New","company_id":"ID"}`, company},
		{"deal with a contact", "POST", "/api/v1/deals", `{"title":"New","contact_ids":["ID"]}`, contact},
		{"deal at a company", "POST", "/api/v1/deals", `{"title":"New","company_id":"ID"}`, company},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			is := is.New(t)
			hidden := sales.json(w.method, w.path, strings.ReplaceAll(w.body, "ID", w.id))
			missing := sales.json(w.method, w.path, strings.ReplaceAll(w.body, "ID", nobody))
			is.True(hidden.StatusCode >= 400 && hidden.StatusCode < 500)          // refused
			is.Equal(hidden.StatusCode, missing.StatusCode)                       // like an id nobody has
			is.Equal(strings.ReplaceAll(hidden.Body, w.id, nobody), missing.Body) // word for word
			is.True(!strings.Contains(hidden.Body, "Hidden"))                     // and names nothing of it
		})
	}

	t.Run("nothing was written", func(t *testing.T) {
		is := is.New(t)
		res := sales.get("/api/v1/tasks")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(!strings.Contains(res.Body, `"title":"t"`))
	})
}
