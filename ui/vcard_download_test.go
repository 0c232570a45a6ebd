package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestVCardDownloadVersions: the vCard download is 4.0 unless
// ?version=3.0 asks for 3.0 (the imports page links both), for a whole
// list and for a segment; another version is not found.
func TestVCardDownloadVersions(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	b := ts.setupAdmin(t)
	_, err := ts.app.CreateContact(t.Context(), nil, app.ContactInput{FirstName: "민수", LastName: "김", Tags: []string{"vip", "Seoul, Korea"},
		Emails: []store.Labeled{{Label: "work", Value: "minsu@example.kr"}}, Birthday: "--04-12"})
	is.NoErr(err)
	res := b.post("/segments", url.Values{"entity": {"contact"}, "name": {"VIP"}, "query": {"tag:vip"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	segment := strings.TrimPrefix(res.Header.Get("Location"), "/contacts?segment=")

	is.True(strings.Contains(b.get("/imports").Body, `href="/export/contact?format=vcf&amp;version=3.0"`))
	for _, path := range []string{"/export/contact?format=vcf", "/export/contact?format=vcf&segment=" + segment} {
		four := b.get(path)
		is.Equal(four.StatusCode, http.StatusOK)
		is.True(strings.HasPrefix(four.Body, "BEGIN:VCARD\r\nVERSION:4.0\r\n"))
		is.True(strings.Contains(four.Body, "\r\nBDAY:--0412\r\n"))
		is.True(strings.Contains(four.Body, "\r\nCATEGORIES:Seoul\\, Korea,vip\r\n")) // two tags, the comma of one escaped

		three := b.get(path + "&version=3.0")
		is.Equal(three.StatusCode, http.StatusOK)
		is.True(strings.HasPrefix(three.Body, "BEGIN:VCARD\r\nVERSION:3.0\r\n"))
		is.True(strings.Contains(three.Body, "\r\nEMAIL;TYPE=INTERNET,work,pref:minsu@example.kr\r\n"))
		is.True(strings.Contains(three.Body, "\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12\r\n"))
	}
	is.Equal(b.get("/export/contact?format=vcf&version=2.1").StatusCode, http.StatusNotFound)
}
