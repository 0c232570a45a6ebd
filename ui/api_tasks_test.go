package ui_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/matryer/is"

	"rolo/app"
)

type taskJSON struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	DueAt        *time.Time `json:"due_at"`
	DueDate      *string    `json:"due_date"`
	TimeZone     string     `json:"time_zone"`
	AssigneeID   *string    `json:"assignee_id"`
	Priority     string     `json:"priority"`
	Done         bool       `json:"done"`
	Recurrence   *string    `json:"recurrence"`
	SnoozedUntil *time.Time `json:"snoozed_until"`
	ContactIDs   []string   `json:"contact_ids"`
	CompanyIDs   []string   `json:"company_ids"`
	DealIDs      []string   `json:"deal_ids"`
	Version      int        `json:"version"`
}

type pageJSON[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
	Total      int     `json:"total"`
}

func decodeAs[T any](t *testing.T, res response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(res.Body), &v); err != nil {
		t.Fatalf("%v: %s", err, res.Body)
	}
	return v
}

func TestTasksAPI(t *testing.T) {
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
	var weekly taskJSON

	t.Run("create a timed weekly task", func(t *testing.T) {
		is := is.New(t)
		res := admin.json("POST", "/api/v1/tasks", `{"title": "Weekly call", "due_at": "2030-01-07T14:00:00Z", "time_zone": "America/New_York",
			"recurrence": "FREQ=WEEKLY;BYDAY=MO", "contact_ids": ["`+c.ID+`"], "priority": "high"}`)
		is.Equal(res.StatusCode, http.StatusCreated)
		weekly = decodeAs[taskJSON](t, res)
		is.Equal(res.Header.Get("Location"), "/api/v1/tasks/"+weekly.ID)
		is.Equal(weekly.DueAt.UTC(), time.Date(2030, 1, 7, 14, 0, 0, 0, time.UTC))
		is.True(weekly.DueDate == nil)      // a timed task has no due_date
		is.Equal(*weekly.AssigneeID, me.ID) // the caller does it by default
		is.Equal(*weekly.Recurrence, "FREQ=WEEKLY;BYDAY=MO")
		is.Equal(weekly.ContactIDs, []string{c.ID})
		is.Equal(weekly.CompanyIDs, []string{}) // lists, never null
		is.Equal(weekly.Priority, "high")
	})

	t.Run("an all-day task", func(t *testing.T) {
		is := is.New(t)
		res := admin.json("POST", "/api/v1/tasks", `{"title": "Renewal", "due_date": "2030-02-01", "assignee_id": null}`)
		is.Equal(res.StatusCode, http.StatusCreated)
		task := decodeAs[taskJSON](t, res)
		is.Equal(*task.DueDate, "2030-02-01")
		is.True(task.DueAt == nil)
		is.True(task.AssigneeID == nil) // null means nobody
	})

	t.Run("invalid values by field", func(t *testing.T) {
		is := is.New(t)
		res := admin.json("POST", "/api/v1/tasks", `{"title": "", "due_at": "tomorrow", "recurrence": "FREQ=SOMETIMES", "contact_ids": ["nope"]}`)
		is.Equal(res.StatusCode, http.StatusBadRequest+22) // 422
		p := decodeAs[struct{ Errors map[string]string }](t, res)
		is.True(p.Errors["due_at"] != "")
		res = admin.json("POST", "/api/v1/tasks", `{"title": "", "recurrence": "FREQ=SOMETIMES", "contact_ids": ["nope"]}`)
		p = decodeAs[struct{ Errors map[string]string }](t, res)
		is.True(p.Errors["title"] != "")
		is.True(p.Errors["recurrence"] != "")
		is.True(p.Errors["links.0"] != "")
		res = admin.json("POST", "/api/v1/tasks", `{"title": "x", "colour": "red"}`)
		is.Equal(res.StatusCode, http.StatusBadRequest) // unknown fields are refused
	})

	t.Run("filters", func(t *testing.T) {
		is := is.New(t)
		page := decodeAs[pageJSON[taskJSON]](t, admin.get("/api/v1/tasks?assignee=me&done=false"))
		is.Equal(page.Total, 1)
		is.Equal(page.Data[0].ID, weekly.ID)
		page = decodeAs[pageJSON[taskJSON]](t, admin.get("/api/v1/tasks?contact="+c.ID))
		is.Equal(len(page.Data), 1)
		page = decodeAs[pageJSON[taskJSON]](t, admin.get("/api/v1/tasks?due_after=2030-01-10&due_before=2030-03-01"))
		is.Equal(len(page.Data), 1)
		is.Equal(page.Data[0].Title, "Renewal")
		page = decodeAs[pageJSON[taskJSON]](t, admin.get("/api/v1/tasks?assignee=none"))
		is.Equal(page.Data[0].Title, "Renewal")
		res := admin.get("/api/v1/tasks?done=maybe&due_before=soon")
		is.Equal(res.StatusCode, 422)
		page = decodeAs[pageJSON[taskJSON]](t, admin.get("/api/v1/tasks?limit=1"))
		is.Equal(page.Total, 2)
		is.True(page.NextCursor != nil)
		next := decodeAs[pageJSON[taskJSON]](t, admin.get("/api/v1/tasks?limit=1&cursor="+*page.NextCursor))
		is.Equal(len(next.Data), 1)
		is.True(next.Data[0].ID != page.Data[0].ID) // the second page goes on
		is.True(next.NextCursor == nil)
	})

	t.Run("patch, complete, snooze, delete", func(t *testing.T) {
		is := is.New(t)
		res := admin.json("PATCH", "/api/v1/tasks/"+weekly.ID, `{"title": "Weekly call with Grace"}`)
		is.Equal(res.StatusCode, 422) // version required
		res = admin.json("PATCH", "/api/v1/tasks/"+weekly.ID, `{"title": "Weekly call with Grace", "version": 1}`)
		is.Equal(res.StatusCode, http.StatusOK)
		patched := decodeAs[taskJSON](t, res)
		is.Equal(patched.Title, "Weekly call with Grace")
		is.Equal(*patched.Recurrence, "FREQ=WEEKLY;BYDAY=MO") // untouched
		res = admin.json("PATCH", "/api/v1/tasks/"+weekly.ID, `{"title": "stale", "version": 1}`)
		is.Equal(res.StatusCode, http.StatusConflict)

		res = admin.json("POST", "/api/v1/tasks/"+weekly.ID+"/complete", `{}`)
		is.Equal(res.StatusCode, http.StatusOK)
		done := decodeAs[struct {
			Task taskJSON  `json:"task"`
			Next *taskJSON `json:"next"`
		}](t, res)
		is.True(done.Task.Done)
		is.True(done.Next != nil)
		is.Equal(done.Next.DueAt.UTC(), time.Date(2030, 1, 14, 14, 0, 0, 0, time.UTC)) // a week on, 9:00 in New York
		again := decodeAs[struct{ Next *taskJSON }](t, admin.json("POST", "/api/v1/tasks/"+weekly.ID+"/complete", `{}`))
		is.True(again.Next == nil) // completing twice adds nothing

		res = admin.json("POST", "/api/v1/tasks/"+done.Next.ID+"/snooze", `{"until": "2030-01-15T08:00:00Z"}`)
		is.Equal(res.StatusCode, http.StatusOK)
		snoozed := decodeAs[taskJSON](t, res)
		is.Equal(snoozed.SnoozedUntil.UTC(), time.Date(2030, 1, 15, 8, 0, 0, 0, time.UTC))
		res = admin.json("POST", "/api/v1/tasks/"+done.Next.ID+"/snooze", `{"option": "tomorrow"}`)
		is.Equal(res.StatusCode, http.StatusOK)
		res = admin.json("POST", "/api/v1/tasks/"+done.Next.ID+"/snooze", `{"option": "someday"}`)
		is.Equal(res.StatusCode, 422)

		res = admin.do("DELETE", "/api/v1/tasks/"+done.Next.ID, nil)
		is.Equal(res.StatusCode, http.StatusNoContent)
		is.Equal(admin.get("/api/v1/tasks/"+done.Next.ID).StatusCode, http.StatusNotFound)
	})

	t.Run("a viewer reads but does not write", func(t *testing.T) {
		is := is.New(t)
		viewer := ts.loginAs(t, app.RoleViewer)
		is.Equal(viewer.get("/api/v1/tasks").StatusCode, http.StatusOK)
		is.Equal(viewer.json("POST", "/api/v1/tasks", `{"title": "nope"}`).StatusCode, http.StatusForbidden)
		is.Equal(viewer.json("POST", "/api/v1/tasks/"+weekly.ID+"/complete", `{}`).StatusCode, http.StatusForbidden)
		is.Equal(viewer.json("POST", "/api/v1/activities", `{"type": "call", "contact_ids": ["`+c.ID+`"]}`).StatusCode, http.StatusForbidden)
	})
}

type activityJSON struct {
	ID              string    `json:"id"`
	Type            string    `json:"type"`
	OccurredAt      time.Time `json:"occurred_at"`
	DurationMinutes *int      `json:"duration_minutes"`
	Outcome         string    `json:"outcome"`
	Notes           string    `json:"notes"`
	UserID          *string   `json:"user_id"`
	ContactIDs      []string  `json:"contact_ids"`
	CompanyIDs      []string  `json:"company_ids"`
	Version         int       `json:"version"`
}

func TestActivitiesAPI(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	co, err := ts.app.CreateCompany(t.Context(), me, app.CompanyInput{Name: "Engines"})
	is.NoErr(err)
	c, err := ts.app.CreateContact(t.Context(), me, app.ContactInput{FirstName: "Ada", CompanyID: co.ID})
	is.NoErr(err)

	res := admin.json("POST", "/api/v1/activities", `{"type": "call", "occurred_at": "2026-11-20T10:00:00+09:00", "duration_minutes": 15,
		"outcome": "Demo agreed", "notes": "Bring the engine", "contact_ids": ["`+c.ID+`"], "company_ids": ["`+co.ID+`"]}`)
	is.Equal(res.StatusCode, http.StatusCreated)
	call := decodeAs[activityJSON](t, res)
	is.Equal(call.Type, "call")
	is.Equal(call.OccurredAt, time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)) // stored and shown in UTC
	is.Equal(*call.DurationMinutes, 15)
	is.Equal(*call.UserID, me.ID) // who did it: the caller
	is.Equal(call.CompanyIDs, []string{co.ID})
	for range 3 {
		res = admin.json("POST", "/api/v1/activities", `{"type": "note", "outcome": "note", "company_ids": ["`+co.ID+`"]}`)
		is.Equal(res.StatusCode, http.StatusCreated)
	}
	res = admin.json("POST", "/api/v1/activities", `{"type": "telepathy", "contact_ids": []}`)
	is.Equal(res.StatusCode, 422)
	p := decodeAs[struct{ Errors map[string]string }](t, res)
	is.True(p.Errors["type"] != "")
	is.True(p.Errors["links"] != "") // an activity belongs somewhere

	page := decodeAs[pageJSON[activityJSON]](t, admin.get("/api/v1/activities?contact="+c.ID))
	is.Equal(page.Total, 1)
	page = decodeAs[pageJSON[activityJSON]](t, admin.get("/api/v1/activities?company="+co.ID+"&limit=2"))
	is.Equal(page.Total, 4)
	is.Equal(len(page.Data), 2)
	is.True(page.NextCursor != nil)
	rest := decodeAs[pageJSON[activityJSON]](t, admin.get("/api/v1/activities?company="+co.ID+"&limit=2&cursor="+*page.NextCursor))
	is.Equal(len(rest.Data), 2)
	is.Equal(rest.Data[1].ID, call.ID) // newest first, the backdated call last
	all := decodeAs[pageJSON[activityJSON]](t, admin.get("/api/v1/activities"))
	is.Equal(all.Total, 4) // the kept count
	byType := decodeAs[pageJSON[activityJSON]](t, admin.get("/api/v1/activities?type=note&occurred_after=2026-11-25"))
	is.Equal(byType.Total, 3)

	res = admin.json("PATCH", "/api/v1/activities/"+call.ID, `{"outcome": "Demo booked", "version": 1, "company_ids": []}`)
	is.Equal(res.StatusCode, http.StatusOK)
	patched := decodeAs[activityJSON](t, res)
	is.Equal(patched.Outcome, "Demo booked")
	is.Equal(patched.ContactIDs, []string{c.ID}) // untouched
	is.Equal(patched.CompanyIDs, []string{})     // unlinked
	is.Equal(admin.do("DELETE", "/api/v1/activities/"+call.ID, nil).StatusCode, http.StatusNoContent)
	is.Equal(admin.get("/api/v1/activities/"+call.ID).StatusCode, http.StatusNotFound)

	types := decodeAs[struct {
		Data []struct{ ID, Name string }
	}](t, admin.get("/api/v1/activity-types"))
	is.Equal(len(types.Data), 4)
	is.Equal(types.Data[1].Name, "Call")
}

func TestCalendarFeedHTTP(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	me, err := ts.app.UserByEmail(t.Context(), "ada@example.com")
	is.NoErr(err)
	_, err = ts.app.CreateTask(t.Context(), me, app.TaskInput{Title: "Board <meeting>", DueDate: "2030-03-02", DueTime: "10:00",
		TimeZone: "Europe/Berlin", AssigneeID: me.ID, Recurrence: "FREQ=MONTHLY;BYDAY=1MO"})
	is.NoErr(err)

	feedURL := decodeAs[struct {
		CalendarFeedURL string `json:"calendar_feed_url"`
	}](t, admin.get("/api/v1/me")).CalendarFeedURL
	is.True(strings.HasPrefix(feedURL, ts.URL+"/calendar/")) // absolute, for calendar apps
	is.True(strings.HasSuffix(feedURL, ".ics"))

	// A calendar app has no session: the token alone lets it in.
	res, err := http.Get(feedURL)
	is.NoErr(err)
	defer res.Body.Close()
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar"))
	cal, err := ical.ParseCalendar(res.Body)
	is.NoErr(err)
	events := cal.Events()
	is.Equal(len(events), 1)
	is.Equal(events[0].GetProperty(ical.ComponentPropertySummary).Value, "Board <meeting>")
	is.Equal(events[0].GetProperty(ical.ComponentPropertyRrule).Value, "FREQ=MONTHLY;BYDAY=+1MO")
	is.True(strings.HasPrefix(events[0].GetProperty(ical.ComponentPropertyUrl).Value, ts.URL+"/tasks/"))

	wrong := feedURL[:strings.LastIndex(feedURL, "/")+1] + strings.Repeat("A", 32) + ".ics"
	res2, err := http.Get(wrong)
	is.NoErr(err)
	res2.Body.Close()
	is.Equal(res2.StatusCode, http.StatusNotFound) // a wrong token is refused

	is.Equal(admin.post("/profile/calendar", nil).StatusCode, http.StatusSeeOther) // regenerate
	res3, err := http.Get(feedURL)
	is.NoErr(err)
	res3.Body.Close()
	is.Equal(res3.StatusCode, http.StatusNotFound) // the old URL stops working
	renewed := decodeAs[struct {
		CalendarFeedURL string `json:"calendar_feed_url"`
	}](t, admin.get("/api/v1/me")).CalendarFeedURL
	is.True(renewed != feedURL)
	profile := admin.get("/profile")
	is.True(strings.Contains(profile.Body, renewed)) // the profile shows the new one

	download := admin.get("/profile/calendar.ics")
	is.Equal(download.StatusCode, http.StatusOK)
	is.True(strings.Contains(download.Header.Get("Content-Disposition"), "rolo-tasks.ics"))
	is.True(strings.Contains(download.Body, "SUMMARY:Board <meeting>"))
	anon := ts.browser(t)
	is.Equal(anon.get("/profile/calendar.ics").StatusCode, http.StatusSeeOther) // the download needs a login
}
