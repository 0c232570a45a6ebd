package ui_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestSearchAPIAndPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	for _, in := range []app.ContactInput{{FirstName: "민수", LastName: "김"}, {FirstName: "Zoë", LastName: "Müller"},
		{FirstName: `<script>alert(1)</script>`, LastName: "Evil"}} {
		if _, err := ts.app.CreateContact(ctx, nil, in); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Müller GmbH"}); err != nil {
		t.Fatal(err)
	}

	t.Run("API answers best first with links", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/api/v1/search?q=" + url.QueryEscape("민수"))
		is.Equal(res.StatusCode, http.StatusOK)
		var body struct {
			Data []struct{ Type, ID, Title, URL string }
		}
		is.NoErr(json.Unmarshal([]byte(res.Body), &body))
		is.Equal(len(body.Data), 1)
		is.Equal(body.Data[0].Title, "김민수")
		is.Equal(body.Data[0].Type, "contact")
		is.Equal(body.Data[0].URL, "/contacts/"+body.Data[0].ID)
	})

	t.Run("hostile queries never fail", func(t *testing.T) {
		for _, q := range []string{`"`, `*`, `NEAR(`, `' OR 1=1 --`, `{name}:x`, `^`} {
			is := is.New(t)
			res := admin.get("/api/v1/search?q=" + url.QueryEscape(q))
			is.Equal(res.StatusCode, http.StatusOK) // an answer, not a 500
		}
	})

	t.Run("a bad limit is named", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/api/v1/search?q=x&limit=500")
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, `"limit"`))
	})

	t.Run("the page groups by kind and escapes", func(t *testing.T) {
		is := is.New(t)
		res := admin.get("/search?q=muller")
		is.Equal(res.StatusCode, http.StatusOK)
		is.True(strings.Contains(res.Body, "Zoë Müller"))                                       // the contact
		is.True(strings.Contains(res.Body, "Müller GmbH"))                                      // and the company
		is.True(strings.Index(res.Body, "Zoë Müller") < strings.Index(res.Body, "Müller GmbH")) // contacts come first
		res = admin.get("/search?q=evil")
		is.True(!strings.Contains(res.Body, "<script>alert(1)</script>"))
		is.True(strings.Contains(res.Body, "&lt;script&gt;"))
	})

	t.Run("visitors must log in", func(t *testing.T) {
		is := is.New(t)
		is.Equal(ts.browser(t).get("/api/v1/search?q=x").StatusCode, http.StatusUnauthorized)
	})
}

// TestTooLongSearchSaysWhy: a search over the length limits is refused,
// and the page says what is wrong with it, not only that something is.
func TestTooLongSearchSaysWhy(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	res := admin.get("/search?q=" + strings.Repeat("smith+", 40))
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, html.EscapeString(ts.catalog.T("en", "error.query_too_long")))) // the reason, in words
}
