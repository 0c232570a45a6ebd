package ui_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"rolo/app"
	"rolo/ui"
)

// catalogKeyShape is what a catalog key looks like: lower-case words
// joined by dots (error.login_required, nav.contacts, field.first_name).
var catalogKeyShape = regexp.MustCompile(`\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b`)

// rawKeys lists the catalog keys that appear as they are in body: text
// the reader should have seen translated.
func rawKeys(body string, keys map[string]string) []string {
	var found []string
	for _, m := range catalogKeyShape.FindAllString(body, -1) {
		if _, ok := keys[m]; ok {
			found = append(found, m)
		}
	}
	return found
}

// sweepClient is one of the callers the sweep plays.
type sweepClient struct {
	name string
	b    *browser
	// setLanguage makes lang the caller's language: its Accept-Language,
	// and for a signed-in user also the language of their profile.
	setLanguage func(lang string)
}

// TestNoRawCatalogKeys walks every route as a visitor, with a read-only
// API key, as a sales user and as an admin, in every UI language, with
// good and bad bodies, and fails when any answer — page, problem, text —
// shows a catalog key instead of its translation.
func TestNoRawCatalogKeys(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	keys := ts.catalog.Keys("en")
	ctx := t.Context()

	readKey := decode[apiKeyBody](t, admin.json("POST", "/api/v1/api-keys", `{"name": "sweep", "scope": "read"}`), http.StatusCreated)
	const salesEmail = "sweep-sales@example.com"
	if _, err := ts.app.CreateUser(ctx, nil, app.NewUser{Name: "Sweep Sales", Email: salesEmail, Role: app.RoleSales, Password: "sweep password"}); err != nil {
		t.Fatal(err)
	}
	sales := ts.browser(t)
	if res := sales.post("/login", url.Values{"email": {salesEmail}, "password": {"sweep password"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", res.StatusCode)
	}
	company, err := ts.app.CreateCompany(ctx, nil, app.CompanyInput{Name: "Sweep Co"})
	if err != nil {
		t.Fatal(err)
	}
	contact, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Sweep", CompanyID: company.ID, Tags: []string{"sweep"}})
	if err != nil {
		t.Fatal(err)
	}
	task, err := ts.app.CreateTask(ctx, nil, app.TaskInput{Title: "Sweep task", DueDate: "2026-12-01", Links: []app.RecordRef{{Entity: "contact", ID: contact.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	pipeline, err := ts.app.CreatePipeline(ctx, nil, "Sweep", []string{"Open", "Later"})
	if err != nil {
		t.Fatal(err)
	}
	deal, err := ts.app.CreateDeal(ctx, nil, app.DealInput{Title: "Sweep deal", StageID: pipeline.Stages[0].ID, ContactIDs: []string{contact.ID}})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{"/contacts/": contact.ID, "/api/v1/contacts/": contact.ID,
		"/companies/": company.ID, "/api/v1/companies/": company.ID, "/tasks/": task.ID, "/api/v1/tasks/": task.ID,
		"/deals/": deal.ID, "/api/v1/deals/": deal.ID, "/pipelines/": pipeline.ID, "/settings/pipelines/": pipeline.ID,
		"/settings/stages/": pipeline.Stages[1].ID, "/settings/activity-types/": "call"}
	path := func(tpl string) string {
		for prefix, id := range ids {
			if strings.HasPrefix(tpl, prefix+"{id}") {
				tpl = strings.Replace(tpl, "{id}", id, 1)
			}
		}
		return strings.NewReplacer("{id}", "nope", "{hash}", "x", "{name:.+}", "app.css", "{name:[a-z_]+}", "pipeline",
			"{name}", "nope", "{entity}", "contacts", "{token}", "nope", "{audit}", "nope",
			"{token:[A-Za-z0-9_-]+}", "nope").Replace(tpl)
	}

	speak := func(b *browser) func(string) {
		return func(lang string) { b.header.Set("Accept-Language", lang) }
	}
	speakAndChoose := func(b *browser, email string) func(string) {
		return func(lang string) {
			// The profile's language wins over the browser's, so the
			// header says English: only the profile of the user (or of
			// the key's owner) can give lang.
			b.header.Set("Accept-Language", "en")
			u, err := ts.app.UserByEmail(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ts.app.UpdateProfile(ctx, u, app.Profile{Name: u.Name, Language: lang}); err != nil {
				t.Fatal(err)
			}
		}
	}
	anonymous, bot := ts.browser(t), ts.bearer(t, readKey.Token)
	clients := []sweepClient{
		{"anonymous", anonymous, speak(anonymous)},
		{"read-only key", bot, speakAndChoose(bot, "ada@example.com")}, // the key's owner's language
		{"sales", sales, speakAndChoose(sales, salesEmail)},
		{"admin", admin, speak(admin)},
	}

	routes, err := ui.RouteList(ts.app)
	if err != nil {
		t.Fatal(err)
	}
	var lang string
	check := func(what string, res response) {
		t.Helper()
		if found := rawKeys(res.Body, keys); len(found) > 0 {
			t.Errorf("%s: %d answer shows catalog keys %v", what, res.StatusCode, found)
		}
		if lang == "en" || res.StatusCode < 400 {
			return
		}
		// A problem's detail in Korean, Japanese or Chinese has letters
		// of that script; English there means the catalog was not asked.
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
			return
		}
		var p struct{ Detail string }
		if err := json.Unmarshal([]byte(res.Body), &p); err != nil {
			t.Errorf("%s: problem does not decode: %v", what, err)
		}
		if !inScript(p.Detail) {
			t.Errorf("%s: %d problem is not in %s: %q", what, res.StatusCode, lang, p.Detail)
		}
	}
	for _, lang = range app.Languages {
		for _, c := range clients {
			c.setLanguage(lang)
			for _, r := range routes {
				method, tpl, _ := strings.Cut(r, " ")
				if tpl == "/logout" {
					continue // would end the session the walk goes on with
				}
				p := path(tpl)
				what := r + " as " + c.name + " in " + lang
				switch {
				case method == http.MethodGet || method == http.MethodHead:
					check(what, c.b.do(method, p, nil))
				case strings.HasPrefix(tpl, "/api/"):
					check(what+", unknown member", c.b.json(method, p, `{"nope": 1}`))
					check(what+", broken JSON", c.b.json(method, p, `{"first_name": `))
					check(what+", not JSON", c.b.send(method, p, "text/plain", "hello"))
					check(what+", empty object", c.b.json(method, p, `{}`))
				default:
					check(what+", empty form", c.b.post(p, url.Values{}))
					check(what+", odd values", c.b.post(p, url.Values{"name": {strings.Repeat("x", 5000)}, "email": {"not an email"},
						"due_date": {"yesterday"}, "amount": {"lots"}, "role": {"king"}, "version": {"x"}}))
				}
			}
			// Answers from before any handler: no such page, a body
			// too large, a post from another site.
			check("unknown API path as "+c.name+" in "+lang, c.b.get("/api/v1/nope"))
			check("unknown page as "+c.name+" in "+lang, c.b.get("/nope"))
			check("body too large as "+c.name+" in "+lang, c.b.json("POST", "/api/v1/contacts", `{"first_name": "`+strings.Repeat("x", 1<<20)+`"}`))
			// A method a page does not take (the API answers its own
			// not-found problem for those, checked with the unknown path).
			res := c.b.json("PUT", "/contacts", `{}`)
			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("PUT /contacts: %d, want 405", res.StatusCode)
			}
			check("PUT /contacts as "+c.name+" in "+lang, res)
			// (A key does not sign in to pages: its page answers follow the
			// header, which says English for it.)
			if lang != "en" && c.b != bot && !inScript(res.Body) {
				t.Errorf("PUT /contacts as %s: refusal not in %s: %q", c.name, lang, res.Body)
			}
			// The refusal comes before the session is looked up: the
			// browser's language is what it can go by.
			for _, p := range []string{"/api/v1/contacts", "/contacts"} {
				c.b.header.Set("Sec-Fetch-Site", "cross-site")
				c.b.header.Set("Accept-Language", lang)
				res := c.b.post(p, url.Values{})
				c.b.header.Del("Sec-Fetch-Site")
				c.setLanguage(lang)
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("cross-site post to %s: %d, want 403", p, res.StatusCode)
				}
				check("cross-site post to "+p+" as "+c.name+" in "+lang, res)
				if lang != "en" && !inScript(res.Body) {
					t.Errorf("cross-site post to %s as %s: refusal not in %s: %q", p, c.name, lang, res.Body)
				}
			}
		}
	}
}

// inScript tells whether text has letters beyond Latin: Korean, Japanese
// or Chinese text does, an English sentence does not.
func inScript(text string) bool {
	return strings.ContainsFunc(text, func(r rune) bool { return r > unicode.MaxLatin1 })
}
