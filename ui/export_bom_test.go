package ui_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestCSVDownloadsCarryABOM: every CSV the browser downloads — a whole
// list, a segment, a report — starts with a UTF-8 byte-order mark, so
// Excel on Windows shows Korean, Japanese and Chinese names; ?bom=0 (a
// link on the imports page) leaves it out, and JSON and vCard never have
// one. What follows the mark is the same file either way.
func TestCSVDownloadsCarryABOM(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	for _, in := range []app.ContactInput{
		{FirstName: "민수", LastName: "김", Tags: []string{"vip"}},
		{FirstName: "花子", LastName: "山田", Tags: []string{"vip"}},
		{FirstName: "伟", LastName: "王"},
	} {
		_, err := ts.app.CreateContact(t.Context(), nil, in)
		is.NoErr(err)
	}
	res := b.post("/segments", url.Values{"entity": {"contact"}, "name": {"VIP 고객"}, "query": {"tag:vip"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	segment := strings.TrimPrefix(res.Header.Get("Location"), "/contacts?segment=")

	page := b.get("/imports").Body
	is.True(strings.Contains(page, `href="/export/contact?format=csv&amp;bom=0"`)) // the way to turn it off
	for _, path := range []string{"/export/contact?format=csv", "/export/company?format=csv", "/export/deal?format=csv",
		"/export/contact?format=csv&segment=" + segment, "/reports/pipeline.csv?period=this_month&owner=team"} {
		with := b.get(path)
		is.Equal(with.StatusCode, http.StatusOK)
		is.True(strings.HasPrefix(with.Body, "\xEF\xBB\xBF")) // on by default
		without := b.get(path + "&bom=0")
		is.Equal(without.StatusCode, http.StatusOK)
		is.True(!strings.HasPrefix(without.Body, "\xEF\xBB\xBF")) // off when asked
		is.Equal(with.Body, "\uFEFF"+without.Body)
		r := csv.NewReader(strings.NewReader(without.Body))
		r.FieldsPerRecord = -1 // a report holds several tables
		rows, err := r.ReadAll()
		is.NoErr(err) // and still well-formed CSV
		is.True(len(rows) > 0)
	}
	all := b.get("/export/contact?format=csv").Body
	is.True(strings.Contains(all, "민수") && strings.Contains(all, "花子") && strings.Contains(all, "伟"))
	for _, path := range []string{"/export/contact?format=json", "/export/contact?format=vcf"} {
		is.True(!strings.HasPrefix(b.get(path).Body, "\xEF\xBB\xBF")) // a CSV thing only
	}
}
