package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestWebFormEditPage changes a form in its builder: the page shows what
// the form has, saving keeps its address and adds the consent box to the
// public form, a refused change shows what was typed, and a role that may
// only view forms cannot open it.
func TestWebFormEditPage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	rep, err := ts.app.CreateUser(t.Context(), nil, app.NewUser{Name: "Rep One", Email: "one@example.com", Role: app.RoleSales, Password: "password1"})
	is.NoErr(err)
	res := admin.post("/settings/forms", url.Values{"name": {"Demo request"}, "fields": {"first_name", "company"}, "owner_ids": {rep.ID},
		"origins": {"https://www.example.com"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	settingsPath := res.Header.Get("Location")
	id := strings.TrimPrefix(settingsPath, "/settings/forms/")
	is.True(strings.Contains(admin.get(settingsPath).Body, `href="/settings/forms/`+id+`/edit"`)) // the form's page links its editor

	edit := admin.get(settingsPath + "/edit")
	is.Equal(edit.StatusCode, http.StatusOK)
	is.True(strings.Contains(edit.Body, `value="Demo request"`))
	is.True(strings.Contains(edit.Body, `value="company" checked`))
	is.True(strings.Contains(edit.Body, `<option value="`+rep.ID+`" selected>`)) // the owner chosen
	is.True(strings.Contains(edit.Body, `action="/settings/forms/`+id+`/edit"`))
	opened, err := ts.app.WebForm(t.Context(), id)
	is.NoErr(err)
	is.True(strings.Contains(edit.Body, fmt.Sprintf(`name="version" value="%d"`, opened.Version))) // saved only over what was opened
	is.True(strings.Contains(edit.Body, `<footer class="footer">Rolo test</footer>`))              // the form's version is not Rolo's

	words := "Send me the product newsletter, about once a month."
	values := url.Values{"name": {"Demo request"}, "fields": {"first_name", "company"}, "owner_ids": {rep.ID}, "origins": {"https://www.example.com"},
		"consent_text": {words}, "version": {fmt.Sprint(opened.Version)}}
	res = admin.post(settingsPath+"/edit", values)
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), settingsPath) // same form, same address
	public := ts.browser(t).get("/f/" + id)
	is.True(strings.Contains(public.Body, `name="consent" value="true">`)) // an optional box now
	is.True(strings.Contains(public.Body, html.EscapeString(words)))

	saved, err := ts.app.WebForm(t.Context(), id)
	is.NoErr(err)
	values.Set("version", fmt.Sprint(saved.Version))
	values.Set("consent_required", "1")
	values.Set("consent_text", "")
	values.Set("name", "Demo request, renamed")
	refused := admin.post(settingsPath+"/edit", values)
	is.Equal(refused.StatusCode, http.StatusUnprocessableEntity) // a required box needs words
	is.True(strings.Contains(refused.Body, `value="Demo request, renamed"`))
	f, err := ts.app.WebForm(t.Context(), id)
	is.NoErr(err)
	is.Equal(f.Name, "Demo request") // nothing saved
	is.Equal(f.ConsentText, words)

	// A tab opened before that save would undo it: refused, with why.
	values.Set("consent_required", "")
	values.Set("version", fmt.Sprint(opened.Version))
	stale := admin.post(settingsPath+"/edit", values)
	is.Equal(stale.StatusCode, http.StatusConflict)
	is.True(strings.Contains(stale.Body, html.EscapeString(ts.catalog.T("en", "error.stale"))))
	f, err = ts.app.WebForm(t.Context(), id)
	is.NoErr(err)
	is.Equal(f.ConsentText, words) // the first save stands

	sales := ts.loginAs(t, app.RoleSales)
	is.Equal(sales.get(settingsPath+"/edit").StatusCode, http.StatusForbidden)
	is.Equal(sales.post(settingsPath+"/edit", values).StatusCode, http.StatusForbidden)
}
