package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// upload posts a sample file to /imports as the browser would.
func upload(t *testing.T, b *browser, name string, fields map[string]string) response {
	t.Helper()
	return b.postFiles("/imports", "file", "import", []string{name}, fields)
}

func TestImportPagesAndDownloads(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)

	res := upload(t, b, "broken.csv", map[string]string{"entity": "contact", "tag": "web"})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	preview := res.Header.Get("Location")
	res = b.get(preview)
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `data-line="3"`)) // the bad email, by line
	is.True(strings.Contains(res.Body, `data-line="6"`)) // the malformed row

	// Someone else cannot use the upload.
	other := ts.loginAs(t, app.RoleManager)
	is.Equal(other.get(preview).StatusCode, http.StatusNotFound)

	token := strings.TrimPrefix(strings.SplitN(preview, "?", 2)[0], "/imports/")
	form, _ := url.ParseQuery(strings.SplitN(preview, "?", 2)[1])
	res = b.post("/imports/"+token+"/run", form)
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // bad rows: nothing written
	list, err := ts.app.ListContacts(context.Background(), nil, app.ListQuery{Limit: 10})
	is.NoErr(err)
	is.Equal(list.Total, 0)
	form.Set("skip_invalid", "on")
	res = b.post("/imports/"+token+"/run", form)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	batches, err := ts.app.ImportBatches(context.Background(), nil, 5)
	is.NoErr(err)
	is.Equal(batches[0].Created, 5) // every row but the malformed one and the one that names nobody

	res = b.get("/imports/batches/" + batches[0].ID + "/failures")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.HasPrefix(res.Body, "line,problem")) // the failed rows to fix
	is.True(strings.Contains(res.Body, "not-an-email"))

	res = b.get("/export/contact?format=csv")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, "levin@example.ru"))
	is.True(strings.Contains(res.Header.Get("Content-Disposition"), "attachment"))

	res = b.get("/data-quality?list=no_phone")
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, "Konstantin Levin"))
}
