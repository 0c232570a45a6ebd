package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"
)

func TestLeadScoreOnContactPages(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	header := `<th>` + ts.catalog.T("en", "scoring.score") + `</th>`
	is.True(!strings.Contains(admin.get("/contacts").Body, header)) // no scoring rule yet: no column of zeros
	is.Equal(admin.post("/settings/scoring", url.Values{"name": {"VIP"}, "conditions": {"tag:vip"}, "points": {"45"}}).StatusCode, http.StatusSeeOther)
	hot := decode[map[string]any](t, admin.json("POST", "/api/v1/contacts", `{"first_name": "Hot", "tags": ["vip"]}`), http.StatusCreated)
	decode[map[string]any](t, admin.json("POST", "/api/v1/contacts", `{"first_name": "Cold"}`), http.StatusCreated)

	page := admin.get("/contacts/" + hot["id"].(string))
	is.Equal(page.StatusCode, http.StatusOK)
	is.True(strings.Contains(page.Body, `id="lead-score"><strong>45</strong>`)) // the score
	is.True(strings.Contains(page.Body, "VIP &#43;45"))                         // and why (+45)

	list := admin.get("/contacts?sort=-score")
	is.Equal(list.StatusCode, http.StatusOK)
	is.True(strings.Index(list.Body, ">Hot<") < strings.Index(list.Body, ">Cold<")) // highest first
	is.True(strings.Contains(list.Body, `<option value="-score" selected>`))
	is.True(strings.Contains(admin.get("/contacts").Body, header)) // with a rule, lists show the score
	filtered := admin.get("/contacts?q=" + url.QueryEscape("score:>40"))
	is.True(strings.Contains(filtered.Body, ">Hot<"))
	is.True(!strings.Contains(filtered.Body, ">Cold<"))
	is.Equal(admin.get("/contacts?q="+url.QueryEscape("score:>many")).StatusCode, http.StatusUnprocessableEntity)

	api := decode[struct{ Data []map[string]any }](t, admin.get("/api/v1/contacts?sort=-score&q="+url.QueryEscape("score:>=0")), http.StatusOK)
	is.Equal(len(api.Data), 2)
	is.Equal(api.Data[0]["first_name"], "Hot") // the API sorts and filters by score too
}
