package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestMigrateRunAndUndo imports the plan with an owner and a stage
// mapped, finds the result page and the deals the plan promised, then
// undoes the whole migration from the result page's batch.
func TestMigrateRunAndUndo(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts, admin, bo, plan := migrateSetup(t)
	pipelines, err := ts.app.Pipelines(t.Context(), nil)
	is.NoErr(err)
	unmatched := -1
	for i, o := range plan.Owners {
		if o.UserID == "" && o.Records > 0 && unmatched < 0 {
			unmatched = i
		}
	}
	is.True(unmatched >= 0) // the export has an owner who is no user
	form, _ := mappedPlan(plan, unmatched, bo.ID, pipelines[0].Stages[0].ID)

	preview := uploadPipedrive(t, admin)
	res := admin.post(preview+"/run", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	result := res.Header.Get("Location")
	res = admin.get(result)
	is.Equal(res.StatusCode, http.StatusOK)
	page := html.UnescapeString(res.Body)
	for kind, c := range plan.Counts {
		is.True(strings.Contains(rowOf(t, page, "data-kind", kind), fmt.Sprintf(">%d</td>", c.Created))) // what the plan said
	}
	deals, err := ts.app.ListDeals(t.Context(), nil, app.DealQuery{Limit: 500})
	is.NoErr(err)
	is.Equal(deals.Total, plan.Counts["deals"].Created) // the deals the plan promised
	boDeals, err := ts.app.ListDeals(t.Context(), nil, app.DealQuery{Owner: bo.ID, Limit: 500})
	is.NoErr(err)
	boContacts, err := ts.app.ListContacts(t.Context(), nil, app.ListQuery{Owner: bo.ID, Limit: 500})
	is.NoErr(err)
	owned := boDeals.Total + boContacts.Total
	is.True(owned > 0)                                           // the mapped owner's records are Bo's
	is.Equal(admin.get(preview).StatusCode, http.StatusNotFound) // the export is not kept once imported

	batch := regexp.MustCompile(`/imports/batches/([^/"]+)/undo`).FindStringSubmatch(res.Body)
	is.True(batch != nil) // the result offers the undo
	res = admin.post("/imports/batches/"+batch[1]+"/undo", nil)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	deals, err = ts.app.ListDeals(t.Context(), nil, app.DealQuery{Limit: 500})
	is.NoErr(err)
	is.Equal(deals.Total, 0) // the undo took every deal away
	contacts, err := ts.app.ListContacts(t.Context(), nil, app.ListQuery{Limit: 500})
	is.NoErr(err)
	is.Equal(contacts.Total, 0) // and every contact
	after, err := ts.app.Pipelines(t.Context(), nil)
	is.NoErr(err)
	is.Equal(len(after), len(pipelines)) // and the pipelines it created
	res = admin.get(result)
	is.True(strings.Contains(res.Body, `id="migrate-undone"`)) // the result page says it was undone
}
