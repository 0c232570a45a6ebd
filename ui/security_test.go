package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/ui"
)

func TestCrossOriginWritesRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	for name, header := range map[string][2]string{
		"fetch metadata says cross-site": {"Sec-Fetch-Site", "cross-site"},
		"origin is another site":         {"Origin", "http://evil.example"},
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			admin.header.Set(header[0], header[1])
			defer admin.header.Del(header[0])
			res := admin.post("/settings/users", url.Values{"name": {"Eve"}, "email": {"eve@example.com"}, "role": {"admin"}, "password": {"12345678"}})
			is.Equal(res.StatusCode, http.StatusForbidden)
			_, err := ts.app.UserByEmail(t.Context(), "eve@example.com")
			is.True(err != nil) // nothing was written
		})
	}
	t.Run("same-origin posts work", func(t *testing.T) {
		is := is.New(t)
		admin.header.Set("Origin", ts.URL)
		admin.header.Set("Sec-Fetch-Site", "same-origin")
		defer admin.header.Del("Origin")
		defer admin.header.Del("Sec-Fetch-Site")
		res := admin.post("/settings/users", url.Values{"name": {"Bo"}, "email": {"bo@example.com"}, "role": {"sales"}, "password": {"12345678"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
	})
}

func TestSecurityHeadersAndHostCheck(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	b := ts.browser(t)
	for _, path := range []string{"/setup", "/no-such-page", "/api/v1/me"} {
		t.Run(path, func(t *testing.T) {
			is := is.New(t)
			res := b.get(path)
			csp := res.Header.Get("Content-Security-Policy")
			is.True(strings.Contains(csp, "script-src 'self'"))
			is.True(strings.Contains(csp, "frame-ancestors 'none'"))
			is.Equal(res.Header.Get("X-Content-Type-Options"), "nosniff")
			is.Equal(res.Header.Get("Referrer-Policy"), "same-origin")
		})
	}
	t.Run("a rebinding host name is refused", func(t *testing.T) {
		is := is.New(t)
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/setup", nil)
		req.Host = "attacker.example:8080"
		res, err := http.DefaultClient.Do(req)
		is.NoErr(err)
		res.Body.Close()
		is.Equal(res.StatusCode, http.StatusMisdirectedRequest)
	})
}

func TestAPIAuth(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	anon := ts.browser(t)
	res := anon.get("/api/v1/me")
	is.Equal(res.StatusCode, http.StatusUnauthorized)
	is.Equal(res.Header.Get("Content-Type"), "application/problem+json")
	var p struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
	}
	is.NoErr(json.Unmarshal([]byte(res.Body), &p))
	is.Equal(p.Code, "unauthorized")

	res = admin.get("/api/v1/me")
	is.Equal(res.StatusCode, http.StatusOK)
	var me struct{ Email, Role string }
	is.NoErr(json.Unmarshal([]byte(res.Body), &me))
	is.Equal(me.Email, "ada@example.com")
	is.Equal(me.Role, "admin")

	res = admin.get("/api/v1/nothing-here")
	is.Equal(res.StatusCode, http.StatusNotFound)
	is.Equal(res.Header.Get("Content-Type"), "application/problem+json")
}

// access is who may use a route.
type access int

const (
	anyone  access = iota // no login needed
	user                  // any logged-in user
	writer                // any role but viewer
	manager               // admins and managers
	admin                 // admins only
	special               // tested by its own test (logout ends the session)
	// Levels read from the default permission matrix, for areas whose
	// grants do not follow the role order.
	automationView     // view the automation area (rules and their runs)
	automationManage   // manage the automation area (rules, scoring)
	integrationsCreate // own webhooks (those who manage integrations see everyone's)
	settingsManage     // manage settings
	formsView          // see web forms
	formsManage        // build web forms
	importsView        // the imports page and exports
	importsCreate      // upload and run an import
	importsDelete      // undo an import
	contactsDelete     // trash, restore and delete contacts, companies, tags
	contactsManage     // erase a person for good
	dealsCreate        // add deals
	dealsEdit          // change, move, win and lose deals
	dealsDelete        // trash and restore deals
	activitiesDelete   // trash activities and tasks
)

// routeAccess declares who may use every route. TestEveryRouteAsEveryRole
// fails when a route is missing here, so a new route cannot skip its check.
var routeAccess = map[string]access{
	"GET /static/{hash}/{name:.+}": anyone, "HEAD /static/{hash}/{name:.+}": anyone, "GET /healthz": anyone,
	"GET /setup": anyone, "POST /setup": anyone, "GET /login": anyone, "POST /login": anyone, "POST /logout": special,
	// Phones by region (issue 23): the setup form's proposal, one's own region, re-reading (admins: every record; others: their own)
	"GET /setup/region": anyone, "POST /profile/phone-region": user, "GET /phones/reparse": writer, "POST /phones/reparse": writer,
	"GET /": user, "GET /settings": user, "GET /profile": user, "POST /profile": user, "POST /profile/password": user,
	"GET /settings/users": admin, "POST /settings/users": admin, "POST /settings/users/{id}/role": admin,
	"POST /settings/users/{id}/disable": admin, "POST /settings/users/{id}/unlock": admin, "POST /settings/users/{id}/enable": admin, "POST /settings/users/{id}/password": admin,
	"GET /contacts": user, "GET /contacts/count": user, "POST /contacts": writer, "GET /contacts/new": writer, "POST /contacts/bulk": writer,
	"GET /contacts/{id}": user, "POST /contacts/{id}": writer, "GET /contacts/{id}/edit": writer,
	"POST /contacts/{id}/delete": contactsDelete, "POST /contacts/{id}/restore": contactsDelete,
	"GET /contacts/{id}/photo": user, "POST /contacts/{id}/photo": writer, "POST /contacts/{id}/photo/delete": writer,
	"GET /companies": user, "POST /companies": writer, "GET /companies/new": writer,
	"GET /companies/{id}": user, "POST /companies/{id}": writer, "GET /companies/{id}/edit": writer,
	"POST /companies/{id}/delete": contactsDelete, "POST /companies/{id}/restore": contactsDelete,
	"GET /settings/tags": user, "POST /settings/tags/{id}": writer, "POST /settings/tags/{id}/merge": writer,
	"POST /settings/tags/{id}/delete": contactsDelete, "GET /trash": user, "POST /trash/empty": admin,
	"GET /settings/audit": admin, "POST /settings/phone-region": admin,
	"GET /api/v1/me": user, "GET /api/v1/contacts": user, "POST /api/v1/contacts": writer,
	"GET /api/v1/contacts/{id}": user, "PATCH /api/v1/contacts/{id}": writer, "DELETE /api/v1/contacts/{id}": contactsDelete,
	"GET /api/v1/companies": user, "POST /api/v1/companies": writer, "GET /api/v1/companies/{id}": user,
	"PATCH /api/v1/companies/{id}": writer, "DELETE /api/v1/companies/{id}": contactsDelete, "GET /api/v1/tags": user,
	"GET /search": user, "GET /api/v1/search": user, "GET /pick": user,
	// Privacy, the permission matrix and retention (issue 10)
	"POST /contacts/{id}/consent": writer, "GET /contacts/{id}/export": user, "GET /contacts/{id}/erase": contactsManage,
	"POST /contacts/{id}/erase": contactsManage, "GET /api/v1/contacts/{id}/export": user, "POST /api/v1/contacts/{id}/erase": contactsManage,
	"GET /settings/permissions": admin, "POST /settings/permissions": admin, "POST /settings/retention": admin,
	"POST /settings/field-protection": admin,
	// Reports, goals and the dashboard
	"GET /dashboard": user, "GET /reports": user, "GET /reports/{name:[a-z_]+}.csv": user, "GET /reports/{name:[a-z_]+}": user,
	"GET /goals": user, "POST /goals": writer, "GET /goals/{id}": user, "POST /goals/{id}/delete": writer,
	"GET /api/v1/reports/{name}": user, "GET /api/v1/dashboard": user, "GET /api/v1/goals": user,
	"POST /api/v1/goals": writer, "GET /api/v1/goals/{id}": user, "DELETE /api/v1/goals/{id}": writer,
	// Custom fields (admins) and segments (private ones for everyone)
	"GET /settings/fields": admin, "POST /settings/fields": admin, "POST /settings/fields/restore/{audit}": admin,
	"GET /settings/fields/{id}": admin, "POST /settings/fields/{id}": admin, "POST /settings/fields/{id}/delete": admin,
	"GET /segments": user, "POST /segments": user, "POST /segments/{id}/delete": user, "GET /segments/{id}/count": user,
	"GET /segments/{id}/edit": user, "POST /segments/{id}": user, "POST /list-columns": user,
	"GET /api/v1/fields": user, "GET /api/v1/segments": user, "POST /api/v1/segments": user, "GET /api/v1/segments/{id}": user,
	"PATCH /api/v1/segments/{id}": user, "DELETE /api/v1/segments/{id}": user,
	// Activities, tasks, reminders, calendar feed
	"GET /tasks": user, "POST /tasks": writer, "GET /tasks/new": writer, "GET /tasks/{id}": user, "POST /tasks/{id}": writer,
	"POST /tasks/{id}/complete": writer, "POST /tasks/{id}/reopen": writer, "POST /tasks/{id}/snooze": writer,
	"POST /tasks/{id}/delete": activitiesDelete, "POST /activities": writer, "GET /activities/new": writer, "POST /activities/{id}": writer,
	"GET /activities/{id}/edit": writer, "POST /activities/{id}/delete": activitiesDelete, "POST /contacts/{id}/keep-in-touch": writer,
	"GET /settings/activities": admin, "POST /settings/activity-types": admin, "POST /settings/activity-types/{id}": admin,
	"POST /settings/date-reminders/{id}": admin, "GET /profile/calendar.ics": user, "POST /profile/calendar": user,
	"GET /calendar/{token:[A-Za-z0-9_-]+}.ics": anyone, "HEAD /calendar/{token:[A-Za-z0-9_-]+}.ics": anyone,
	"GET /api/v1/activities": user, "POST /api/v1/activities": writer, "GET /api/v1/activities/{id}": user,
	"PATCH /api/v1/activities/{id}": writer, "DELETE /api/v1/activities/{id}": activitiesDelete, "GET /api/v1/activity-types": user,
	"GET /api/v1/tasks": user, "POST /api/v1/tasks": writer, "GET /api/v1/tasks/{id}": user, "PATCH /api/v1/tasks/{id}": writer,
	"DELETE /api/v1/tasks/{id}": activitiesDelete, "POST /api/v1/tasks/{id}/complete": writer, "POST /api/v1/tasks/{id}/snooze": writer,
	"GET /api/v1/reminders/due": user, "POST /api/v1/reminders/{id}/dismiss": user,
	// Pipelines and deals
	"GET /deals": user, "POST /deals": dealsCreate, "GET /deals/new": dealsCreate, "GET /deals/{id}": user, "POST /deals/{id}": dealsEdit,
	"GET /deals/{id}/edit": dealsEdit, "POST /deals/{id}/move": dealsEdit, "POST /deals/{id}/won": dealsEdit, "POST /deals/{id}/lost": dealsEdit,
	"POST /deals/{id}/reopen": dealsEdit, "POST /deals/{id}/delete": dealsDelete, "POST /deals/{id}/restore": dealsDelete,
	"GET /pipelines/{id}/board": user, "GET /pipelines/{id}/board/more": user, "GET /pipelines/{id}/list": user,
	"GET /settings/pipelines": manager, "POST /settings/pipelines": manager, "GET /settings/pipelines/{id}": manager,
	"POST /settings/pipelines/{id}": manager, "POST /settings/pipelines/{id}/move": manager, "POST /settings/pipelines/{id}/archive": manager,
	"POST /settings/pipelines/{id}/unarchive": manager, "POST /settings/pipelines/{id}/delete": manager,
	"POST /settings/pipelines/{id}/restore": manager, "POST /settings/pipelines/{id}/stages": manager, "POST /settings/stages/{id}": manager,
	"POST /settings/stages/{id}/move": manager, "POST /settings/stages/{id}/archive": manager, "POST /settings/stages/{id}/unarchive": manager,
	"POST /settings/stages/{id}/delete": manager, "POST /settings/stages/{id}/restore": manager, "POST /settings/deals": manager,
	"GET /api/v1/pipelines": user, "GET /api/v1/deals": user, "POST /api/v1/deals": dealsCreate, "GET /api/v1/deals/{id}": user,
	"PATCH /api/v1/deals/{id}": dealsEdit, "DELETE /api/v1/deals/{id}": dealsDelete, "POST /api/v1/deals/{id}/move": dealsEdit,
	"GET /api/v1/deals/{id}/history": user,
	// Automation and integrations: API keys are every user's own
	"GET /api/v1/api-keys": user, "POST /api/v1/api-keys": user, "DELETE /api/v1/api-keys/{id}": user,
	"GET /api/v1/automation/rules": automationView, "POST /api/v1/automation/rules": automationManage,
	"GET /api/v1/automation/rules/{id}": automationView, "PUT /api/v1/automation/rules/{id}": automationManage,
	"DELETE /api/v1/automation/rules/{id}": automationManage, "GET /api/v1/automation/rules/{id}/runs": automationView,
	"GET /api/v1/scoring/rules": automationManage, "POST /api/v1/scoring/rules": automationManage,
	"DELETE /api/v1/scoring/rules/{id}": automationManage, "GET /api/v1/contacts/{id}/score": user,
	"GET /api/v1/webhooks": integrationsCreate, "POST /api/v1/webhooks": integrationsCreate,
	"PATCH /api/v1/webhooks/{id}": integrationsCreate, "DELETE /api/v1/webhooks/{id}": integrationsCreate,
	"GET /api/v1/webhooks/{id}/messages": integrationsCreate, "POST /api/v1/webhook-messages/{id}/resend": integrationsCreate,
	"GET /api/v1/notifications": user, "POST /api/v1/notifications/{id}/read": user,
	"GET /notifications": user, "POST /notifications/read": user, "POST /notifications/preferences": user,
	"GET /api/v1/openapi.json": anyone, "GET /settings/api": user, // the document holds no data
	"GET /settings/forms": formsView, "POST /settings/forms": formsManage, "GET /settings/forms/{id}": formsView,
	"POST /settings/forms/{id}/delete": formsManage, "GET /settings/forms/{id}/edit": formsManage, "POST /settings/forms/{id}/edit": formsManage,
	// the public web form: guarded by honeypot, rate limit, size limit and allowed origins (web_form_test.go)
	"GET /f/{id}": anyone, "POST /f/{id}": anyone, "OPTIONS /f/{id}": anyone,
	"GET /profile/api-keys": user, "POST /profile/api-keys": user, "POST /profile/api-keys/{id}/revoke": user,
	"GET /settings/automation": automationView, "POST /settings/automation": automationManage, "GET /settings/automation/{id}": automationView,
	"POST /settings/automation/{id}/enable": automationManage, "POST /settings/automation/{id}/disable": automationManage,
	"POST /settings/automation/{id}/delete": automationManage, "POST /settings/automation/{id}": automationManage, "GET /settings/automation/{id}/edit": automationManage,
	"GET /settings/scoring": automationManage, "POST /settings/scoring": automationManage, "POST /settings/scoring/{id}/delete": automationManage,
	"GET /settings/webhooks": integrationsCreate, "POST /settings/webhooks": integrationsCreate, "POST /settings/webhooks/private": settingsManage,
	"GET /settings/webhooks/{id}": integrationsCreate, "POST /settings/webhooks/{id}/resend": integrationsCreate,
	"POST /settings/webhooks/{id}/enable": integrationsCreate, "POST /settings/webhooks/{id}/disable": integrationsCreate,
	"POST /settings/webhooks/{id}/delete": integrationsCreate,
	// Imports and exports, by the default matrix: sales export, marketing imports, support and viewers neither
	"GET /imports": importsView, "POST /imports": importsCreate, "GET /imports/{token}": importsCreate,
	"POST /imports/{token}/run": importsCreate, "POST /imports/batches/{id}/undo": importsDelete,
	"GET /imports/batches/{id}/failures": importsCreate, "GET /export/{entity}": importsView,
	// Leaving another CRM (issue 17): uploading, planning and running a migration is importing
	"POST /imports/migrate": importsCreate, "GET /imports/migrate/{token}": importsCreate, "POST /imports/migrate/{token}": importsCreate,
	"POST /imports/migrate/{token}/run": importsCreate, "GET /imports/migrate/{token}/result": importsCreate,
	"GET /data-quality": user, "POST /duplicates/merge": contactsDelete, "POST /merges/{id}/undo": contactsDelete,
	"GET /contacts/merge": contactsDelete, "POST /contacts/merge": contactsDelete, "POST /contacts/merge/undo": contactsDelete,
	"GET /api/v1/contacts/duplicates": writer,
	// Email in the timeline: logging a message is logging an activity; a mailbox import is an import
	"GET /emails/new": user, "POST /emails/drop": writer, "POST /emails/import": importsCreate,
	"GET /profile/email": user, "POST /profile/email": writer, "POST /profile/email/check": user, "POST /profile/email/delete": user,
	"POST /settings/email-logging": admin,
	// The API's settings endpoints, with their pages' rights (api_settings_*_test.go)
	"GET /api/v1/tags/{id}": user, "PATCH /api/v1/tags/{id}": writer, "POST /api/v1/tags/merge": writer, "DELETE /api/v1/tags/{id}": contactsDelete,
	"POST /api/v1/fields": admin, "GET /api/v1/fields/{id}": user, "PATCH /api/v1/fields/{id}": admin, "DELETE /api/v1/fields/{id}": admin,
	"GET /api/v1/fields/deleted": admin, "POST /api/v1/fields/deleted/{id}/restore": admin,
	"POST /api/v1/pipelines": manager, "GET /api/v1/pipelines/trash": manager, "POST /api/v1/pipelines/order": manager,
	"GET /api/v1/pipelines/{id}": user, "PATCH /api/v1/pipelines/{id}": manager, "DELETE /api/v1/pipelines/{id}": manager,
	"POST /api/v1/pipelines/{id}/restore": manager, "POST /api/v1/pipelines/{id}/stages": manager,
	"GET /api/v1/pipelines/{id}/stages/trash": manager, "POST /api/v1/pipelines/{id}/stages/order": manager,
	"GET /api/v1/stages/{id}": user, "PATCH /api/v1/stages/{id}": manager, "DELETE /api/v1/stages/{id}": manager,
	"POST /api/v1/stages/{id}/restore": manager, "GET /api/v1/deal-settings": user, "PATCH /api/v1/deal-settings": manager,
	"POST /api/v1/activity-types": admin, "GET /api/v1/activity-types/{id}": user, "PATCH /api/v1/activity-types/{id}": admin,
	"GET /api/v1/date-reminders": admin, "PATCH /api/v1/date-reminders/{id}": admin, "PATCH /api/v1/goals/{id}": writer,
	"GET /api/v1/users": admin, "POST /api/v1/users": admin, "GET /api/v1/users/{id}": admin, "PATCH /api/v1/users/{id}": admin,
	"POST /api/v1/users/{id}/reset-password": admin, "POST /api/v1/users/{id}/unlock": admin,
	"GET /api/v1/permissions": admin, "PATCH /api/v1/permissions": admin, "GET /api/v1/field-protection": admin,
	"PATCH /api/v1/field-protection": admin, "GET /api/v1/settings": admin, "PATCH /api/v1/settings": admin,
	"GET /api/v1/web-forms": formsView, "POST /api/v1/web-forms": formsManage, "GET /api/v1/web-forms/{id}": formsView,
	"PATCH /api/v1/web-forms/{id}": formsManage, "DELETE /api/v1/web-forms/{id}": formsManage,
	// Settings → Currencies (issue 23): reading the rates is reading reports; admins change them
	"GET /settings/currencies": admin, "POST /settings/currencies/home": admin, "POST /settings/currencies/rates": admin,
	"POST /settings/currencies/rates/{id}": admin, "POST /settings/currencies/rates/{id}/delete": admin,
	"GET /api/v1/currencies": user, "PATCH /api/v1/currencies": admin, "POST /api/v1/currencies/rates": admin,
	"GET /api/v1/currencies/rates/{id}": user, "PATCH /api/v1/currencies/rates/{id}": admin, "DELETE /api/v1/currencies/rates/{id}": admin,
}

// minimumRole is the lowest role an access level admits.
func (a access) admits(role app.Role) bool {
	switch a {
	case automationView:
		return app.CanDo(&app.User{Role: role}, app.AreaAutomation, app.LevelView)
	case automationManage:
		return app.CanDo(&app.User{Role: role}, app.AreaAutomation, app.LevelManage)
	case integrationsCreate:
		return app.CanDo(&app.User{Role: role}, app.AreaIntegrations, app.LevelCreate)
	case importsView:
		return app.CanDo(&app.User{Role: role}, app.AreaImports, app.LevelView)
	case importsCreate:
		return app.CanDo(&app.User{Role: role}, app.AreaImports, app.LevelCreate)
	case contactsDelete:
		return app.CanDo(&app.User{Role: role}, app.AreaContacts, app.LevelDelete)
	case contactsManage:
		return app.CanDo(&app.User{Role: role}, app.AreaContacts, app.LevelManage)
	case dealsCreate:
		return app.CanDo(&app.User{Role: role}, app.AreaDeals, app.LevelCreate)
	case dealsEdit:
		return app.CanDo(&app.User{Role: role}, app.AreaDeals, app.LevelEdit)
	case dealsDelete:
		return app.CanDo(&app.User{Role: role}, app.AreaDeals, app.LevelDelete)
	case activitiesDelete:
		return app.CanDo(&app.User{Role: role}, app.AreaActivities, app.LevelDelete)
	case importsDelete:
		return app.CanDo(&app.User{Role: role}, app.AreaImports, app.LevelDelete)
	case formsView:
		return app.CanDo(&app.User{Role: role}, app.AreaForms, app.LevelView)
	case formsManage:
		return app.CanDo(&app.User{Role: role}, app.AreaForms, app.LevelManage)
	case settingsManage:
		return app.CanDo(&app.User{Role: role}, app.AreaSettings, app.LevelManage)
	case anyone, user:
		return true
	case writer:
		return role != app.RoleViewer
	case manager:
		return role == app.RoleAdmin || role == app.RoleManager
	}
	return role == app.RoleAdmin
}

// TestEveryRouteAsEveryRole walks every registered route as an anonymous
// visitor and as each role, on real records: routes a role may not use
// must refuse it (403, or the login page for visitors), the others must
// let it through. The app enforces the roles; this proves every route
// asks it.
func TestEveryRouteAsEveryRole(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.setupAdmin(t)
	routes, err := ui.RouteList(ts.app)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range routes {
		if _, ok := routeAccess[r]; !ok {
			t.Errorf("route %s has no entry in routeAccess: declare who may use it", r)
		}
	}
	ctx := t.Context()
	target, err := ts.app.CreateUser(ctx, nil, app.NewUser{Name: "Target", Email: "target@example.com", Role: app.RoleSales, Password: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	company, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Walk Co"})
	if err != nil {
		t.Fatal(err)
	}
	contact, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Walk", CompanyID: company.ID, Tags: []string{"walk", "other"}})
	if err != nil {
		t.Fatal(err)
	}
	tag, err := ts.app.TagByName(ctx, "walk")
	if err != nil {
		t.Fatal(err)
	}
	task, err := ts.app.CreateTask(ctx, nil, app.TaskInput{Title: "Walk task", DueDate: "2026-12-01", Links: []app.RecordRef{{Entity: "contact", ID: contact.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	activity, err := ts.app.LogActivity(ctx, nil, app.ActivityInput{TypeID: "call", Links: []app.RecordRef{{Entity: "contact", ID: contact.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	walkPipeline, err := ts.app.CreatePipeline(ctx, nil, "Walk", []string{"Held", "Empty"})
	if err != nil {
		t.Fatal(err)
	}
	deal, err := ts.app.CreateDeal(ctx, nil, app.DealInput{Title: "Walk deal", StageID: walkPipeline.Stages[0].ID, ContactIDs: []string{contact.ID}})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{"/settings/users/": target.ID, "/contacts/": contact.ID, "/api/v1/contacts/": contact.ID,
		"/companies/": company.ID, "/api/v1/companies/": company.ID, "/settings/tags/": tag.ID,
		"/tasks/": task.ID, "/api/v1/tasks/": task.ID, "/activities/": activity.ID, "/api/v1/activities/": activity.ID,
		"/settings/activity-types/": "call", "/settings/date-reminders/": "birthday",
		"/deals/": deal.ID, "/api/v1/deals/": deal.ID, "/pipelines/": walkPipeline.ID, "/settings/pipelines/": walkPipeline.ID,
		"/settings/stages/": walkPipeline.Stages[1].ID}
	path := func(tpl string) string {
		for prefix, id := range ids {
			if strings.HasPrefix(tpl, prefix+"{id}") {
				return strings.Replace(tpl, "{id}", id, 1)
			}
		}
		return strings.NewReplacer("{hash}", "x", "{name:.+}", "app.css", "{name:[a-z_]+}", "pipeline").Replace(tpl)
	}
	// The walk runs twice: as the default matrix has it, then with every
	// role but admin limited to "only records I own or am assigned to".
	// The walk's records have no owner, so the second time every route
	// about one of them must answer as if it did not exist.
	for _, ownOnly := range []bool{false, true} {
		if ownOnly {
			own := map[app.Role]string{}
			for _, role := range app.Roles {
				own[role] = app.SeeOwn
			}
			if err := ts.app.SetPermissions(ctx, nil, app.PermissionChange{Visible: own}); err != nil {
				t.Fatal(err)
			}
		}
		for _, role := range append([]app.Role{""}, app.Roles...) {
			name := string(role)
			if name == "" {
				name = "anonymous"
			}
			if ownOnly {
				if role == "" || role == app.RoleAdmin {
					continue // admins always see everything; visitors were walked
				}
				name += " own records only"
			}
			t.Run(name, func(t *testing.T) {
				b := ts.browser(t)
				if role != "" {
					b = ts.loginAs(t, role)
				}
				for _, r := range routes {
					level := routeAccess[r]
					if level == special || level == anyone {
						continue
					}
					method, tpl, _ := strings.Cut(r, " ")
					var res response
					if strings.HasPrefix(tpl, "/api/") && method != "GET" {
						res = b.json(method, path(tpl), `{"version": 1}`)
					} else if method == "POST" {
						res = b.post(path(tpl), url.Values{})
					} else {
						res = b.do(method, path(tpl), nil)
					}
					if i := strings.Index(res.Body, "%!"); i >= 0 {
						// fmt's mark of a message given the wrong arguments
						t.Errorf("%s as %s: a message with wrong arguments: %q", r, role, res.Body[i:min(i+40, len(res.Body))])
					}
					switch {
					case role == "" && strings.HasPrefix(tpl, "/api/"):
						if res.StatusCode != http.StatusUnauthorized {
							t.Errorf("%s as a visitor: %d, want 401", r, res.StatusCode)
						}
					case role == "":
						if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
							t.Errorf("%s as a visitor: %d to %q, want the login page", r, res.StatusCode, res.Header.Get("Location"))
						}
					case !level.admits(role) && ownOnly:
						if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
							t.Errorf("%s as %s, own records only: %d, want 403 or 404", r, role, res.StatusCode)
						}
					case !level.admits(role):
						if res.StatusCode != http.StatusForbidden {
							t.Errorf("%s as %s: %d, want 403", r, role, res.StatusCode)
						}
					case ownOnly && aboutOneRecord(tpl):
						if res.StatusCode != http.StatusNotFound {
							t.Errorf("%s as %s, own records only: %d, want 404 (another's record)", r, role, res.StatusCode)
						}
					default:
						if res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusUnauthorized || res.StatusCode >= 500 {
							t.Errorf("%s as %s: %d, want it let through", r, role, res.StatusCode)
						}
					}
				}
			})
		}
	}
}

// aboutOneRecord tells whether a route reads or changes one contact,
// company, deal, task or activity, which "own records only" hides.
func aboutOneRecord(tpl string) bool {
	for _, prefix := range []string{"/contacts/", "/companies/", "/deals/", "/tasks/", "/activities/"} {
		if strings.HasPrefix(strings.TrimPrefix(tpl, "/api/v1"), prefix+"{id}") {
			return true
		}
	}
	return false
}

func TestValuesAreEscaped(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	hostile := `<script>alert("x")</script><img src=x onerror=alert(1)>`
	res := admin.post("/settings/users", url.Values{"name": {hostile}, "email": {"h@example.com"}, "role": {"viewer"}, "password": {"12345678"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = admin.get("/settings/users")
	is.True(!strings.Contains(res.Body, hostile))                           // never raw
	is.True(strings.Contains(res.Body, "&lt;script&gt;alert(&#34;x&#34;)")) // shown as text
}

func TestStaticFilesAreCachedByHash(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.browser(t)
	page := b.get("/setup").Body
	start := strings.Index(page, `href="/static/`)
	is.True(start > 0)
	href := page[start+6:]
	href = href[:strings.Index(href, `"`)]
	res := b.get(href)
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Header.Get("Cache-Control"), "immutable"))
	is.True(strings.HasPrefix(res.Header.Get("Content-Type"), "text/css"))
	is.Equal(b.get("/static/abc/nope.css").StatusCode, http.StatusNotFound)
	is.True(b.get("/static/abc/..%2f..%2fmain.go").StatusCode != http.StatusOK) // no way out of static/
}
