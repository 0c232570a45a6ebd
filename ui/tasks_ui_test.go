package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
)

// hostileText is what a careless page would run; every page must show it as text.
const hostileText = `<script>alert("x")</script><img src=x onerror=alert(1)>`

func TestTaskPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ts.app.CreateContact(t.Context(), me, app.ContactInput{FirstName: "Grace"})
	if err != nil {
		t.Fatal(err)
	}
	loc := app.Location(me)
	today := ts.app.Now().In(loc).Format("2006-01-02")

	t.Run("a weekly task from the form, completed from Today", func(t *testing.T) {
		is := is.New(t)
		form := url.Values{"title": {hostileText}, "due_date": {today}, "due_time": {"23:59"}, "assignee_id": {me.ID},
			"priority": {"high"}, "repeat": {"weekly"}, "weekdays": {"MO", "TH"}, "ends": {"count"}, "count": {"5"},
			"links": {"contact:" + c.ID}, "return": {"/contacts/" + c.ID}}
		res := admin.post("/tasks", form)
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), "/contacts/"+c.ID) // back where the form came from
		open := false
		list, err := ts.app.ListTasks(t.Context(), nil, app.TaskQuery{Record: app.RecordRef{Entity: "contact", ID: c.ID}, Done: &open})
		is.NoErr(err)
		is.Equal(len(list.Tasks), 1)
		task := list.Tasks[0]
		is.Equal(task.Recurrence, "FREQ=WEEKLY;COUNT=5;BYDAY=MO,TH") // the form's parts became an RRULE

		page := admin.get("/tasks/" + task.ID)
		is.Equal(page.StatusCode, http.StatusOK)
		is.True(strings.Contains(page.Body, `<option value="weekly" selected>`)) // and back into the form
		is.True(strings.Contains(page.Body, `value="TH" checked`))
		is.True(strings.Contains(page.Body, `name="count" min="1" max="10000" value="5"`))

		home := admin.get("/")
		is.True(!strings.Contains(home.Body, hostileText)) // never raw
		is.True(strings.Contains(home.Body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"))
		is.True(strings.Contains(home.Body, `class="nav-count"`)) // the badge counts it

		res = admin.post("/tasks/"+task.ID+"/complete", url.Values{"return": {"/"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), "/")
		home = admin.get("/")
		is.True(strings.Contains(home.Body, ts.catalog.T("en", "tasks.completed_next")))
		list, err = ts.app.ListTasks(t.Context(), nil, app.TaskQuery{Record: app.RecordRef{Entity: "contact", ID: c.ID}, Done: &open})
		is.NoErr(err)
		is.Equal(len(list.Tasks), 1)
		is.True(list.Tasks[0].ID != task.ID) // the next occurrence
		res = admin.post("/tasks/"+task.ID+"/complete", url.Values{})
		is.Equal(res.StatusCode, http.StatusSeeOther) // a second click is harmless
		list, _ = ts.app.ListTasks(t.Context(), nil, app.TaskQuery{Record: app.RecordRef{Entity: "contact", ID: c.ID}, Done: &open})
		is.Equal(len(list.Tasks), 1) // and adds nothing

		next := list.Tasks[0]
		res = admin.post("/tasks/"+next.ID+"/snooze", url.Values{"option": {"next_week"}, "return": {"/tasks"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		snoozed, err := ts.app.Task(t.Context(), nil, next.ID)
		is.NoErr(err)
		is.Equal(snoozed.SnoozedUntil.In(loc).Format("Mon 15:04"), "Mon 09:00")
		is.True(strings.Contains(admin.get("/tasks").Body, "snoozed until"))
	})

	t.Run("problems keep what was typed", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/tasks", url.Values{"title": {"Call back"}, "due_time": {"9am"}, "repeat": {"weekly"}, "interval": {"0"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, `value="Call back"`))
		is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.interval_invalid")))
		res = admin.post("/tasks", url.Values{"title": {"Call back"}, "due_time": {"9am"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.due_date_for_time")))
	})

	t.Run("the task list filters and deletes", func(t *testing.T) {
		is := is.New(t)
		task, err := ts.app.CreateTask(t.Context(), me, app.TaskInput{Title: "Nobody's task", Unassigned: true})
		is.NoErr(err)
		is.True(!strings.Contains(admin.get("/tasks").Body, "Nobody&#39;s task"))              // mine only
		is.True(strings.Contains(admin.get("/tasks?assignee=none").Body, "Nobody&#39;s task")) // unassigned
		res := admin.post("/tasks/"+task.ID+"/delete", url.Values{})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(admin.get("/tasks/"+task.ID).StatusCode, http.StatusNotFound)
	})
}

func TestActivityPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	co, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Engines Ltd"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ts.app.CreateContact(t.Context(), me, app.ContactInput{FirstName: "Ada", CompanyID: co.ID})
	if err != nil {
		t.Fatal(err)
	}
	contactPath := "/contacts/" + c.ID

	t.Run("log a call on a contact and its company", func(t *testing.T) {
		is := is.New(t)
		page := admin.get(contactPath)
		is.True(strings.Contains(page.Body, `name="links" value="company:`+co.ID+`" checked`)) // its company is offered
		res := admin.post("/activities", url.Values{"type": {"call"}, "occurred_at": {"2026-11-20T10:30"}, "duration_minutes": {"20"},
			"outcome": {hostileText}, "notes": {"line one\n" + hostileText}, "links": {"contact:" + c.ID, "company:" + co.ID}, "return": {contactPath}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), contactPath)
		page = admin.get(contactPath)
		is.True(!strings.Contains(page.Body, hostileText))
		is.True(strings.Contains(page.Body, "&lt;img src=x onerror=alert(1)&gt;"))
		is.True(strings.Contains(page.Body, "20 min"))
		is.True(strings.Contains(admin.get("/companies/"+co.ID).Body, "&lt;img src=x onerror=alert(1)&gt;")) // on the company too
	})

	t.Run("a log without a record, or of an unknown type, is refused", func(t *testing.T) {
		is := is.New(t)
		res := admin.post("/activities", url.Values{"type": {"séance"}, "occurred_at": {"yesterday"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.date_invalid")))
		res = admin.post("/activities", url.Values{"type": {"séance"}})
		is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.activity_type_unknown")))
		is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.link_required")))
	})

	t.Run("logging the activity that answers a task completes it", func(t *testing.T) {
		is := is.New(t)
		task, err := ts.app.CreateTask(t.Context(), me, app.TaskInput{Title: "Call Ada", DueDate: "2026-11-27", AssigneeID: me.ID,
			Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		is.NoErr(err)
		form := admin.get("/activities/new?task=" + task.ID + "&contact=" + c.ID)
		is.Equal(form.StatusCode, http.StatusOK)
		is.True(strings.Contains(form.Body, "Call Ada"))
		res := admin.post("/activities", url.Values{"type": {"call"}, "task": {task.ID}, "links": {"contact:" + c.ID}, "follow_up": {"1"}, "outcome": {"Reached her"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.True(strings.HasPrefix(res.Header.Get("Location"), "/tasks/new?")) // on to the follow-up
		is.True(strings.Contains(res.Header.Get("Location"), "contact="+c.ID))
		done, err := ts.app.Task(t.Context(), nil, task.ID)
		is.NoErr(err)
		is.True(done.Done())
	})

	t.Run("edit and delete", func(t *testing.T) {
		is := is.New(t)
		act, err := ts.app.LogActivity(t.Context(), me, app.ActivityInput{TypeID: "note", Outcome: "Typo", Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		is.NoErr(err)
		page := admin.get("/activities/" + act.ID + "/edit")
		is.Equal(page.StatusCode, http.StatusOK)
		res := admin.post("/activities/"+act.ID, url.Values{"version": {"1"}, "type": {"note"}, "outcome": {"Fixed"},
			"occurred_at": {act.OccurredAt.In(app.Location(me)).Format("2006-01-02T15:04")}, "links": {"contact:" + c.ID}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		is.Equal(res.Header.Get("Location"), contactPath)
		res = admin.post("/activities/"+act.ID, url.Values{"version": {"1"}, "type": {"note"}, "links": {"contact:" + c.ID}})
		is.Equal(res.StatusCode, http.StatusConflict) // someone saved in between
		is.Equal(admin.post("/activities/"+act.ID+"/delete", url.Values{"return": {contactPath}}).StatusCode, http.StatusSeeOther)
		is.True(!strings.Contains(admin.get(contactPath).Body, "Fixed"))
	})

	t.Run("a deal's timeline and tasks", func(t *testing.T) {
		is := is.New(t)
		deal, err := ts.app.CreateDeal(t.Context(), me, app.DealInput{Title: "Engine order", ContactIDs: []string{c.ID}, CompanyID: co.ID})
		is.NoErr(err)
		res := admin.post("/activities", url.Values{"type": {"meeting"}, "outcome": {"Walked through the quote"},
			"links": {"deal:" + deal.ID}, "return": {"/deals/" + deal.ID}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		_, err = ts.app.CreateTask(t.Context(), me, app.TaskInput{Title: "Send the revised quote", Links: []app.RecordRef{{Entity: "deal", ID: deal.ID}}})
		is.NoErr(err)
		page := admin.get("/deals/" + deal.ID)
		is.Equal(page.StatusCode, http.StatusOK)
		is.True(strings.Contains(page.Body, "Walked through the quote")) // on the deal's timeline
		is.True(strings.Contains(page.Body, "Send the revised quote"))   // in its tasks
		is.True(strings.Contains(page.Body, `name="links" value="deal:`+deal.ID+`"`))
	})

	t.Run("the timeline pages", func(t *testing.T) {
		is := is.New(t)
		base := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
		for i := range 30 {
			_, err := ts.app.LogActivity(t.Context(), me, app.ActivityInput{TypeID: "email", Outcome: fmt.Sprintf("mail %02d", i),
				OccurredAt: base.Add(time.Duration(i) * time.Hour), Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
			is.NoErr(err)
		}
		first := admin.get(contactPath).Body
		is.True(strings.Contains(first, "mail 29"))
		is.True(!strings.Contains(first, "mail 00"))
		i := strings.Index(first, `id="timeline-older"`)
		is.True(i > 0)
		start := strings.LastIndex(first[:i], `href="`) + len(`href="`)
		href := strings.ReplaceAll(first[start:start+strings.Index(first[start:], `"`)], "&amp;", "&")
		older := admin.get(href).Body
		is.True(strings.Contains(older, "mail 00")) // the oldest mail is on the next page
		is.True(!strings.Contains(older, "mail 29"))
	})
}

func TestKeepInTouchAndZonePages(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	c, err := ts.app.CreateContact(t.Context(), me, app.ContactInput{FirstName: "Linus"})
	is.NoErr(err)

	res := admin.post("/contacts/"+c.ID+"/keep-in-touch", url.Values{"keep_in_touch_days": {"30"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(admin.get("/contacts/"+c.ID).Body, "Every 30 days"))
	res = admin.post("/contacts/"+c.ID+"/keep-in-touch", url.Values{"keep_in_touch_days": {"0x"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	res = admin.post("/contacts/"+c.ID+"/keep-in-touch", url.Values{"keep_in_touch_days": {"30"}, "clear": {"1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(strings.Contains(admin.get("/contacts/"+c.ID).Body, ts.catalog.T("en", "keep_in_touch.none")))

	res = admin.post("/profile", url.Values{"name": {"Ada Admin"}, "time_zone": {"Mars/Olympus"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.time_zone_invalid")))
	res = admin.post("/profile", url.Values{"name": {"Ada Admin"}, "time_zone": {"Asia/Seoul"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	me, err = ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	is.Equal(me.TimeZone, "Asia/Seoul")

	// A first login takes the browser's zone; a chosen one stays.
	_, err = ts.app.CreateUser(t.Context(), nil, app.NewUser{Name: "Bo", Email: "bo@example.com", Role: app.RoleSales, Password: "bo password"})
	is.NoErr(err)
	bo := ts.browser(t)
	res = bo.post("/login", url.Values{"email": {"bo@example.com"}, "password": {"bo password"}, "time_zone": {"Europe/Berlin"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	u, err := ts.app.UserByEmail(t.Context(), "bo@example.com")
	is.NoErr(err)
	is.Equal(u.TimeZone, "Europe/Berlin")
	bo.post("/logout", nil)
	res = ts.browser(t).post("/login", url.Values{"email": {"bo@example.com"}, "password": {"bo password"}, "time_zone": {"America/New_York"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	u, _ = ts.app.UserByEmail(t.Context(), "bo@example.com")
	is.Equal(u.TimeZone, "Europe/Berlin")
}

func TestActivitySettingsPage(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	c, err := ts.app.CreateContact(t.Context(), me, app.ContactInput{FirstName: "Grace"})
	is.NoErr(err)

	res := admin.post("/settings/activity-types", url.Values{"name": {"Site visit"}, "icon": {"🏭"}, "color": {"#b45309"}, "has_duration": {"1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	res = admin.post("/settings/activity-types", url.Values{"name": {"site VISIT"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // names are unique, whatever the case
	types, err := ts.app.ActivityTypes(t.Context(), me)
	is.NoErr(err)
	visit := types[len(types)-1]
	is.Equal(visit.Name, "Site visit")
	is.True(strings.Contains(admin.get("/contacts/"+c.ID).Body, `value="`+visit.ID+`"`)) // offered in the log form

	res = admin.post("/settings/activity-types/"+visit.ID, url.Values{"name": {"Site visit"}, "color": {"#b45309"}, "archived": {"1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.True(!strings.Contains(admin.get("/contacts/"+c.ID).Body, `value="`+visit.ID+`"`)) // archived: no longer offered

	res = admin.post("/settings/date-reminders/birthday", url.Values{"days_before": {"14"}, "enabled": {"1"}})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	rules, err := ts.app.DateReminders(t.Context(), me)
	is.NoErr(err)
	is.Equal(rules[0].DaysBefore, 14)
	res = admin.post("/settings/date-reminders/birthday", url.Values{"days_before": {"400"}})
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)

	sales := ts.loginAs(t, app.RoleSales)
	is.Equal(sales.get("/settings/activities").StatusCode, http.StatusForbidden) // admins only
}

// TestBadgeShowsNinetyNinePlus: the Today badge reads at most a hundred
// tasks, so a long list of overdue ones shows "99+", not a slow exact count.
func TestBadgeShowsNinetyNinePlus(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	yesterday := ts.app.Now().Add(-24 * time.Hour)
	for i := range app.BadgeMost + 5 {
		_, err := ts.app.CreateTask(t.Context(), me, app.TaskInput{Title: fmt.Sprintf("Call back %d", i), DueAt: yesterday})
		is.NoErr(err)
	}
	home := admin.get("/")
	is.True(strings.Contains(home.Body, `>99&#43;</span>`))                // capped, with a plus
	is.True(strings.Contains(home.Body, `aria-label="99&#43; tasks due"`)) // and read out so
}
