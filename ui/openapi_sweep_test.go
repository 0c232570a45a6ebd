package ui_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"rolo/app"
	"rolo/ui/api"
)

// TestOpenAPISweep calls every operation of the document so that its
// coverage does not depend on what the other tests happen to call: each
// one as the admin with a body the document describes (success), and with
// the errors every client meets — no login (401), a read-only key writing
// (403), a record that does not exist (404), a body that is not JSON
// (415), that is broken (400) or names a member the schema does not
// (400) — then every reading operation as a sales user and with a
// read-only key. The validating test server (openapi_validate_test.go)
// checks each exchange against the document; this test checks that the
// server answered the way the case means, and that every operation
// with a sample body succeeded once.
//
// A new operation gets a sample body in sweepBodies (and its record's id
// in sweep.ids); one without a sample is still swept for its errors.
func TestOpenAPISweep(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	sw := &sweep{t: t, admin: admin, ids: map[string]string{}}
	sw.setUp()

	sales := ts.loginAs(t, app.RoleSales)
	readKey := ts.browser(t)
	readKey.header.Set("Authorization", "Bearer "+sw.token)
	nobody := ts.browser(t)

	ops := append([]api.ApiOperation{}, api.ApiOperations...)
	// Deletions last, so the records the others need are still there.
	sort.SliceStable(ops, func(i, j int) bool { return ops[i].Method != "DELETE" && ops[j].Method == "DELETE" })
	succeeded := map[string]bool{}
	for _, op := range ops {
		key := op.Method + " " + op.Path
		path := "/api/v1" + sw.path(op)
		if res := nobody.json(op.Method, path, "{}"); res.StatusCode != http.StatusUnauthorized && !op.Public {
			t.Errorf("%s without login: %d, want 401", key, res.StatusCode)
		}
		if op.Method != http.MethodGet {
			if res := readKey.json(op.Method, path, "{}"); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s with a read-only key: %d, want 403", key, res.StatusCode)
			}
		}
		if _, known := sweepBodies[key]; strings.Contains(op.Path, "{id}") && op.Path != "/notifications/{id}/read" && (known || op.Request == "") {
			missing := "/api/v1" + strings.Replace(op.Path, "{id}", "no-such-id", 1)
			if res := admin.json(op.Method, missing, sw.fill(op, sweepBodies[key])); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s of a missing record: %d, want 404: %s", key, res.StatusCode, res.Body)
			}
		}
		if op.Request != "" && op.Method != "DELETE" {
			for _, bad := range []struct {
				contentType, body string
				status            int
			}{
				{"text/plain", "hello", http.StatusUnsupportedMediaType},
				{"application/json", `{"title":`, http.StatusBadRequest},
				{"application/json", `{"no_such_member":1}`, http.StatusBadRequest},
			} {
				if res := admin.send(op.Method, path, bad.contentType, bad.body); res.StatusCode != bad.status {
					t.Errorf("%s with %s %q: %d, want %d: %s", key, bad.contentType, bad.body, res.StatusCode, bad.status, res.Body)
				}
			}
		}
		body, known := sweepBodies[key]
		if op.Request != "" && !known {
			t.Logf("%s: no sample body in sweepBodies; swept for its errors only", key)
			continue
		}
		res := admin.json(op.Method, path, sw.fill(op, body))
		if res.StatusCode == op.Status {
			succeeded[key] = true
		} else {
			t.Errorf("%s as admin: %d, want %d: %s", key, res.StatusCode, op.Status, res.Body)
		}
		if op.Method == http.MethodGet {
			// A sales user reads: the data or a documented refusal, which the
			// validating server checks. The admin's read key reads it all.
			sales.get(path)
			if res := readKey.get(path); res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden {
				t.Errorf("%s with a read-only key: %d: %s", key, res.StatusCode, res.Body)
			}
		}
	}
	// Every report and the dashboard, for a custom period, and the other
	// breakdowns of win_rate.
	for _, query := range []string{"pipeline", "funnel", "win_rate?by=source", "win_rate?by=period&period=last_quarter", "time", "sources",
		"growth?period=this_year", "activity", "adoption", "pipeline?period=custom&from=2026-01-01&to=2026-12-31&owner=me"} {
		if res := admin.get("/api/v1/reports/" + query); res.StatusCode != http.StatusOK {
			t.Errorf("report %s: %d %.300s", query, res.StatusCode, res.Body)
		}
	}
	if res := sales.get("/api/v1/dashboard?owner=team&period=last_month"); res.StatusCode != http.StatusOK && res.StatusCode != http.StatusForbidden {
		t.Errorf("the team's dashboard as sales: %d %.300s", res.StatusCode, res.Body)
	}

	// The refusals no operation above met, on records not yet trashed.
	company := "/api/v1/companies/" + sw.create("", "/api/v1/companies", `{"name":"Stale Ltd"}`)["id"].(string)
	contact := "/api/v1/contacts/" + sw.create("", "/api/v1/contacts", `{"first_name":"Late"}`)["id"].(string)
	for _, c := range []struct {
		method, path, contentType, body string
		status                          int
	}{
		{"POST", "/api/v1/contacts", "application/json", `{"notes":"` + strings.Repeat("x", 1<<20) + `"}`, http.StatusRequestEntityTooLarge},
		{"POST", "/api/v1/contacts", "application/json", `{"birthday":"May 5th"}`, http.StatusUnprocessableEntity},
		{"PATCH", company, "application/merge-patch+json", `{"version":1000,"industry":"Old news"}`, http.StatusConflict},
		{"GET", "/api/v1/contacts?limit=0", "", "", http.StatusUnprocessableEntity},
		{"GET", "/api/v1/deals?status=sleeping", "", "", http.StatusUnprocessableEntity},
		{"GET", "/api/v1/contacts?segment=no-such-segment", "", "", http.StatusNotFound},
		{"GET", "/api/v1/reports/no-such-report", "", "", http.StatusNotFound},
		{"GET", "/api/v1/tasks?done=maybe", "", "", http.StatusUnprocessableEntity},
		{"PATCH", contact, "application/json", `{"title":"no version"}`, http.StatusUnprocessableEntity},
	} {
		if res := admin.send(c.method, c.path, c.contentType, c.body); res.StatusCode != c.status {
			t.Errorf("%s %.80s: %d, want %d: %.300s", c.method, c.path, res.StatusCode, c.status, res.Body)
		}
	}
	for key := range sweepBodies {
		if !succeeded[key] {
			t.Errorf("%s never succeeded in the sweep", key)
		}
	}
	if len(succeeded) < 60 {
		t.Errorf("only %d operations succeeded", len(succeeded))
	}
}

// sweepBodies are bodies the document describes, per operation. ID,
// STAGE, TYPE, CONTACT and VERSION are filled in from the records the
// sweep made (VERSION: the record's version, read just before).
var sweepBodies = map[string]string{
	"POST /contacts":                     `{"first_name":"Grace","last_name":"Hopper","emails":[{"label":"work","value":"grace@example.com"}],"phones":[{"label":"mobile","value":"+1 202 555 0143"}],"address":{"city":"Arlington","country":"US"},"birthday":"1906-12-09","tags":["vip"],"owner_id":null}`,
	"PATCH /contacts/{id}":               `{"version":VERSION,"title":"Rear Admiral","address":{"region":"VA"},"company_id":null}`,
	"POST /contacts/{id}/erase":          `{"confirm":"Erase Me"}`,
	"POST /companies":                    `{"name":"Navy Labs","domain":"navy.example","size":"11-50"}`,
	"PATCH /companies/{id}":              `{"version":VERSION,"industry":"Research"}`,
	"POST /segments":                     `{"entity":"contact","name":"VIPs","query":"tag:vip","shared":true}`,
	"PATCH /segments/{id}":               `{"name":"Very important"}`,
	"POST /deals":                        `{"title":"Compiler","value":250000,"currency":"USD","contact_ids":["CONTACT"],"expected_close_date":"2026-06-30"}`,
	"PATCH /deals/{id}":                  `{"version":VERSION,"title":"Compiler, phase 2","notes":"signed"}`,
	"POST /deals/{id}/move":              `{"stage_id":"STAGE"}`,
	"POST /activities":                   `{"type":"TYPE","notes":"Called about the compiler","duration_minutes":15,"contact_ids":["CONTACT"]}`,
	"PATCH /activities/{id}":             `{"version":VERSION,"outcome":"interested"}`,
	"POST /tasks":                        `{"title":"Send the proposal","due_date":"2026-12-10","priority":"high","contact_ids":["CONTACT"]}`,
	"PATCH /tasks/{id}":                  `{"version":VERSION,"notes":"with prices","due_at":"2026-12-10T09:00:00Z"}`,
	"POST /tasks/{id}/snooze":            `{"option":"tomorrow"}`,
	"POST /goals":                        `{"name":"New contacts","metric":"new_contacts","target":12,"deadline":"2026-12-31"}`,
	"POST /api-keys":                     `{"name":"spreadsheet","scope":"read","expires_at":null}`,
	"POST /automation/rules":             `{"name":"Tag leads","enabled":false,"trigger":{"event":"contact.created"},"conditions":"","delay_minutes":0,"actions":[{"type":"add_tag","value":"lead"}]}`,
	"PUT /automation/rules/{id}":         `{"version":VERSION,"name":"Tag new leads","enabled":false,"trigger":{"event":"contact.created"},"conditions":"","delay_minutes":0,"actions":[{"type":"add_tag","value":"lead"}]}`,
	"POST /scoring/rules":                `{"name":"VIP","conditions":"tag:vip","points":10}`,
	"POST /webhooks":                     `{"url":"https://hooks.example.com/rolo","description":"sheet","events":["contact.created"]}`,
	"PATCH /webhooks/{id}":               `{"enabled":true}`,
	"POST /tasks/{id}/complete":          ``,
	"POST /webhook-messages/{id}/resend": ``,
	"POST /notifications/{id}/read":      ``,
}

type sweep struct {
	t     *testing.T
	admin *browser
	ids   map[string]string // the record each path's {id} names, by the path before it
	token string            // a read-only key's
}

// create posts body to path and keeps the new record's id for key.
func (s *sweep) create(key, path, body string) map[string]any {
	s.t.Helper()
	res := s.admin.json("POST", path, body)
	if res.StatusCode != http.StatusCreated {
		s.t.Fatalf("set up %s: %d %s", path, res.StatusCode, res.Body)
	}
	var v map[string]any
	_ = json.Unmarshal([]byte(res.Body), &v)
	if key != "" {
		s.ids[key] = v["id"].(string)
	}
	return v
}

// setUp makes one record of every kind the operations name.
func (s *sweep) setUp() {
	s.create("webhooks", "/api/v1/webhooks", `{"url":"https://hooks.example.com/setup","events":["contact.created"]}`)
	s.create("contacts", "/api/v1/contacts", `{"first_name":"Ada","last_name":"Lovelace","tags":["vip"]}`)
	s.ids["contact-erase"] = s.create("", "/api/v1/contacts", `{"first_name":"Erase","last_name":"Me"}`)["id"].(string)
	s.create("companies", "/api/v1/companies", `{"name":"Analytical Engines"}`)
	s.create("segments", "/api/v1/segments", `{"entity":"contact","name":"Leads","query":"status:lead"}`)
	s.create("deals", "/api/v1/deals", `{"title":"Engine"}`)
	var pipelines struct {
		Data []struct {
			Stages []struct{ ID string } `json:"stages"`
		} `json:"data"`
	}
	_ = json.Unmarshal([]byte(s.admin.get("/api/v1/pipelines").Body), &pipelines)
	s.ids["STAGE"] = pipelines.Data[0].Stages[1].ID
	var types struct {
		Data []struct{ ID string } `json:"data"`
	}
	_ = json.Unmarshal([]byte(s.admin.get("/api/v1/activity-types").Body), &types)
	s.ids["TYPE"] = types.Data[0].ID
	s.create("activities", "/api/v1/activities", `{"type":"`+s.ids["TYPE"]+`","notes":"Met","contact_ids":["`+s.ids["contacts"]+`"]}`)
	s.create("tasks", "/api/v1/tasks", `{"title":"Call back"}`)
	s.ids["task-complete"] = s.create("", "/api/v1/tasks", `{"title":"Send notes"}`)["id"].(string)
	s.create("goals", "/api/v1/goals", `{"name":"Wins","metric":"deals_won","target":"3","deadline":"2026-12-31"}`)
	s.create("api-keys", "/api/v1/api-keys", `{"name":"to revoke","scope":"write"}`)
	s.token = s.create("", "/api/v1/api-keys", `{"name":"reader","scope":"read"}`)["token"].(string)
	s.create("automation/rules", "/api/v1/automation/rules", `{"name":"Notify","trigger":{"event":"deal.created"},"actions":[{"type":"add_tag","value":"new"}]}`)
	s.create("scoring/rules", "/api/v1/scoring/rules", `{"name":"Leads","conditions":"status:lead","points":5}`)
	var msgs struct {
		Data []struct{ ID string } `json:"data"`
	}
	_ = json.Unmarshal([]byte(s.admin.get("/api/v1/webhooks/"+s.ids["webhooks"]+"/messages").Body), &msgs)
	if len(msgs.Data) == 0 {
		s.t.Fatal("set up: no webhook message to resend")
	}
	s.ids["webhook-messages"] = msgs.Data[len(msgs.Data)-1].ID // Ada's: erasing a person deletes their messages
	s.ids["notifications"] = "all"
	for _, more := range sweepSetUps {
		more(s)
	}
}

// sweepSetUps make the records of operations added from other files
// (each keeps its ids in s.ids, as setUp does).
var sweepSetUps []func(*sweep)

// path is op's path with the sweep's records in it.
func (s *sweep) path(op api.ApiOperation) string {
	before, after, ok := strings.Cut(op.Path, "/{")
	if !ok {
		return op.Path
	}
	key := strings.TrimPrefix(before, "/")
	switch op.Method + " " + op.Path {
	case "POST /contacts/{id}/erase":
		key = "contact-erase"
	case "POST /tasks/{id}/complete":
		key = "task-complete"
	}
	id := s.ids[key]
	if op.Path == "/reports/{name}" {
		id = "pipeline"
	}
	if id == "" {
		id = "unknown"
	}
	_, rest, _ := strings.Cut(after, "}")
	return before + "/" + id + rest
}

// fill puts the sweep's ids and the record's current version in body.
func (s *sweep) fill(op api.ApiOperation, body string) string {
	if strings.Contains(body, "VERSION") {
		var rec struct{ Version int }
		_ = json.Unmarshal([]byte(s.admin.get("/api/v1"+s.path(op)).Body), &rec)
		body = strings.ReplaceAll(body, "VERSION", strconv.Itoa(rec.Version))
	}
	for _, k := range []string{"STAGE", "TYPE"} {
		body = strings.ReplaceAll(body, `"`+k+`"`, `"`+s.ids[k]+`"`)
	}
	return strings.ReplaceAll(body, `"CONTACT"`, `"`+s.ids["contacts"]+`"`)
}
