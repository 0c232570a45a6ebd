package ui_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// pipedriveExport is the Pipedrive-shaped export of testdata/migrate/pipedrive.
const pipedriveExport = "migrate/pipedrive"

// exportFiles lists the files of an export in testdata, by name.
func exportFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("..", "testdata", dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	return names
}

// zipExport packs the files of an export in testdata into a zip, as the
// CRM's download gives it, with any extra entries after them.
func zipExport(t *testing.T, dir string, extra map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range exportFiles(t, dir) {
		data, err := os.ReadFile(filepath.Join("..", "testdata", dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create("pipedrive-export/" + name)
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range extra {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// postZip sends one zip through the migration form, as a browser does.
func (b *browser) postZip(source, name string, data []byte) response {
	b.tb.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("source", source)
	part, err := w.CreateFormFile("files", name)
	if err != nil {
		b.tb.Fatal(err)
	}
	_, _ = part.Write(data)
	w.Close()
	return b.send(http.MethodPost, "/imports/migrate", w.FormDataContentType(), body.String())
}

// plannedExport is the engine's own dry run of an export, which the
// pages must show: the test's oracle, so no count is written down here.
func plannedExport(t *testing.T, ts *testServer, source, dir string, opt app.MigrateOptions) app.MigrationReport {
	t.Helper()
	files, err := app.ReadMigrationDir(filepath.Join("..", "testdata", dir))
	if err != nil {
		t.Fatal(err)
	}
	opt.Source, opt.Files, opt.DryRun = source, files, true
	rep, err := ts.app.Migrate(t.Context(), nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

var migrateToken = regexp.MustCompile(`^/imports/migrate/([0-9a-f]{32})$`)

// uploadPipedrive sends the Pipedrive export's CSV files through the
// imports page's migration form and returns the plan's address.
func uploadPipedrive(t *testing.T, b *browser) string {
	t.Helper()
	res := b.postFiles("/imports/migrate", "files", pipedriveExport, exportFiles(t, pipedriveExport), map[string]string{"source": "pipedrive"})
	if res.StatusCode != http.StatusSeeOther || !migrateToken.MatchString(res.Header.Get("Location")) {
		t.Fatalf("upload: %d to %q, want the plan", res.StatusCode, res.Header.Get("Location"))
	}
	return res.Header.Get("Location")
}

// addBo adds Bo, a user whom no owner of the export names.
func addBo(t *testing.T, ts *testServer) *app.User {
	t.Helper()
	bo, err := ts.app.CreateUser(t.Context(), nil, app.NewUser{Name: "Bo Rolo", Email: "bo.rolo@example.com", Role: app.RoleSales, Password: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	return bo
}

// migrateSetup is a server with Ada the admin signed in, Bo, and the
// engine's own plan of the Pipedrive export.
func migrateSetup(t *testing.T) (*testServer, *browser, *app.User, app.MigrationReport) {
	t.Helper()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	return ts, admin, addBo(t, ts), plannedExport(t, ts, "pipedrive", pipedriveExport, app.MigrateOptions{})
}

// TestMigratePlan uploads a Pipedrive export's CSV files as an admin and
// reads the plan: every stage to create, owner and count of the engine's
// own dry run; then maps an owner and a stage and sees the plan change.
func TestMigratePlan(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts, admin, bo, plan := migrateSetup(t)

	preview := uploadPipedrive(t, admin)
	res := admin.get(preview)
	is.Equal(res.StatusCode, http.StatusOK)
	page := html.UnescapeString(res.Body)

	// Every stage to create and every owner shows, each with its select.
	toCreate := 0
	for _, st := range planStages(plan) {
		row := rowOf(t, page, "data-stage", st.Key)
		if st.ExistingID == "" {
			toCreate++
			is.True(strings.Contains(row, `class="to-create"`)) // the stage to create is marked
		}
	}
	is.True(toCreate > 0) // the export has stages Rolo lacks
	unmatched := -1
	for i, o := range plan.Owners {
		rowOf(t, page, "data-owner", o.Key)
		if o.UserID == "" && unmatched < 0 {
			unmatched = i
		}
	}
	is.True(unmatched >= 0) // the export has an owner who is no user
	for kind, c := range plan.Counts {
		row := rowOf(t, page, "data-kind", kind)
		is.True(strings.Contains(row, fmt.Sprintf(">%d</td>", c.Rows))) // the rows of each kind
	}

	// Map the unmatched owner onto Bo and the first stage to create onto
	// an existing stage; the re-planned page says so.
	pipelines, err := ts.app.Pipelines(t.Context(), nil)
	is.NoErr(err)
	existing := pipelines[0].Stages[0]
	form, stageKey := mappedPlan(plan, unmatched, bo.ID, existing.ID)
	res = admin.post(preview, form)
	is.Equal(res.StatusCode, http.StatusOK)
	page = html.UnescapeString(res.Body)
	owner := rowOf(t, page, "data-owner", plan.Owners[unmatched].Key)
	is.True(strings.Contains(owner, `value="`+bo.ID+`" selected`))                   // Bo is chosen
	is.True(strings.Contains(owner, ts.catalog.T("en", "migrate_page.matched.map"))) // by hand
	stage := rowOf(t, page, "data-stage", stageKey)
	is.True(!strings.Contains(stage, "to-create"))                       // no longer created
	is.True(strings.Contains(stage, `value="`+existing.ID+`" selected`)) // but mapped
	for i, o := range plan.Owners {
		if i != unmatched {
			is.True(!strings.Contains(rowOf(t, page, "data-owner", o.Key), ts.catalog.T("en", "migrate_page.matched.map"))) // the others keep their own match
		}
	}

	// A stage mapped onto one that is not Rolo's is refused, by name.
	form.Set("stage.0", "no-such-stage")
	res = admin.post(preview, form)
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	refusal := html.UnescapeString(res.Body)
	is.True(strings.Contains(refusal, "<code>stages."+planStages(plan)[0].Key+"</code> — "+ts.catalog.T("en", "error.stage_unknown")))
}

// TestMigratePlanHubSpot uploads a HubSpot export's CSV files: each is
// read as what it holds, and the plan shows the engine's owners.
func TestMigratePlanHubSpot(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	const dir = "migrate/hubspot"
	plan := plannedExport(t, ts, "hubspot", dir, app.MigrateOptions{})
	res := admin.postFiles("/imports/migrate", "files", dir, exportFiles(t, dir), map[string]string{"source": "hubspot"})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = admin.get(res.Header.Get("Location"))
	is.Equal(res.StatusCode, http.StatusOK)
	page := html.UnescapeString(res.Body)
	is.True(strings.Contains(page, ts.catalog.T("en", "migrate_page.preview_heading", "HubSpot")))
	for _, f := range plan.Files {
		is.True(f.Kind != "ignored")                                                // every file of the export is recognised
		is.True(strings.Contains(page, `<li data-kind="`+f.Kind+`"><code>`+f.Name)) // and listed as what it holds
	}
	for _, o := range plan.Owners {
		rowOf(t, page, "data-owner", o.Key)
	}
	is.True(len(plan.Owners) > 0)
}

// mappedPlan is the preview form with the owner at index owner mapped
// onto userID and the first stage to create onto stageID; it returns the
// stage's key.
func mappedPlan(plan app.MigrationReport, owner int, userID, stageID string) (url.Values, string) {
	form, stageKey := planForm(plan), ""
	form.Set(fmt.Sprintf("owner.%d", owner), userID)
	for i, st := range planStages(plan) {
		if st.ExistingID == "" && stageKey == "" {
			stageKey = st.Key
			form.Set(fmt.Sprintf("stage.%d", i), stageID)
		}
	}
	return form, stageKey
}

// planStages lists the plan's stages in the page's order.
func planStages(plan app.MigrationReport) []app.MigrationStage {
	var out []app.MigrationStage
	for _, p := range plan.Pipelines {
		out = append(out, p.Stages...)
	}
	return out
}

// planForm is the preview form as the page sends it unchanged.
func planForm(plan app.MigrationReport) url.Values {
	form := url.Values{}
	for i, st := range planStages(plan) {
		form.Set(fmt.Sprintf("stage.%d.key", i), st.Key)
		form.Set(fmt.Sprintf("stage.%d.auto", i), st.ExistingID)
		form.Set(fmt.Sprintf("stage.%d", i), st.ExistingID)
	}
	for i, o := range plan.Owners {
		form.Set(fmt.Sprintf("owner.%d.key", i), o.Key)
		form.Set(fmt.Sprintf("owner.%d.auto", i), o.UserID)
		form.Set(fmt.Sprintf("owner.%d", i), o.UserID)
	}
	return form
}

// rowOf is the table row of page whose attr is value.
func rowOf(t *testing.T, page, attr, value string) string {
	t.Helper()
	start := strings.Index(page, "<tr "+attr+`="`+value+`"`)
	if start < 0 {
		t.Fatalf("no row %s=%q on the page", attr, value)
	}
	end := strings.Index(page[start:], "</tr>")
	return page[start : start+end]
}

// TestMigrateRefusals: roles that may not import are refused the form and
// another's upload; a zip that climbs out of its folder, or is no zip,
// is refused on the imports page with a message naming the entry.
func TestMigrateRefusals(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	data := zipExport(t, pipedriveExport, nil)
	res := admin.postZip("pipedrive", "pipedrive-export.zip", data)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload as admin: %d", res.StatusCode)
	}
	preview := res.Header.Get("Location")

	for _, role := range []app.Role{app.RoleViewer, app.RoleSales} {
		t.Run(string(role)+" may not import", func(t *testing.T) {
			is := is.New(t)
			b := ts.loginAs(t, role)
			is.Equal(b.postZip("pipedrive", "pipedrive-export.zip", data).StatusCode, http.StatusForbidden)
			is.Equal(b.get(preview).StatusCode, http.StatusForbidden)
			is.Equal(b.post(preview+"/run", nil).StatusCode, http.StatusForbidden)
			is.True(!strings.Contains(b.get("/imports").Body, `id="migrate-upload"`)) // no form to fill in
		})
	}
	t.Run("another importer cannot open the upload", func(t *testing.T) {
		is := is.New(t)
		b := ts.loginAs(t, app.RoleMarketing)
		is.Equal(b.get(preview).StatusCode, http.StatusNotFound)
		is.Equal(b.post(preview+"/run", nil).StatusCode, http.StatusNotFound)
	})
	t.Run("a zip entry climbing out of the folder", func(t *testing.T) {
		is := is.New(t)
		bad := zipExport(t, pipedriveExport, map[string]string{"../../etc/cron.d/deals.csv": "Title\nx\n"})
		res := admin.postZip("pipedrive", "export.zip", bad)
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		msg := html.UnescapeString(res.Body)
		is.True(strings.Contains(msg, ts.catalog.T("en", "error.migration_zip_unsafe"))) // says what is wrong
		is.True(strings.Contains(msg, "../../etc/cron.d/deals.csv"))                     // and with which entry
		is.True(strings.Contains(res.Body, `id="migrate-upload"`))                       // next to the form to try again
	})
	t.Run("a file that is no zip and no CSV", func(t *testing.T) {
		is := is.New(t)
		res := admin.postZip("pipedrive", "export.zip", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 64)...))
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(html.UnescapeString(res.Body), ts.catalog.T("en", "error.migration_zip_unreadable")))
	})
	t.Run("a file named .zip that is no zip at all", func(t *testing.T) {
		is := is.New(t)
		res := admin.postZip("pipedrive", "fake.zip", []byte("not a zip\n"))
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // not a plan of nothing
		body := html.UnescapeString(res.Body)
		is.True(strings.Contains(body, ts.catalog.T("en", "error.migration_zip_unreadable")))
		is.True(strings.Contains(body, "fake.zip"))
	})
	t.Run("a CSV that is no export file", func(t *testing.T) {
		is := is.New(t)
		res := admin.postZip("pipedrive", "budget.csv", []byte("Month,Budget\nJanuary,1200\n"))
		is.Equal(res.StatusCode, http.StatusSeeOther)
		plan := admin.get(res.Header.Get("Location")).Body
		is.True(strings.Contains(html.UnescapeString(plan), ts.catalog.T("en", "migrate_page.nothing_recognised")))
		is.True(!strings.Contains(plan, `id="migrate-run"`)) // nothing to import, no Import button
	})
	t.Run("no source chosen", func(t *testing.T) {
		is := is.New(t)
		res := admin.postZip("salesforce", "export.zip", data)
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(html.UnescapeString(res.Body), ts.catalog.T("en", "migrate_page.choose_source")))
	})
}
