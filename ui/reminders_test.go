package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"
)

// TestReminders: a user's default lead time (profile), a task's own
// (form field and API member remind_minutes), reminders that ring at the
// due less the lead time, and a dismissal kept on the server so the
// banner goes from every tab of that user and no one else's.
func TestReminders(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	type taskJSON struct {
		ID            string    `json:"id"`
		RemindMinutes *int      `json:"remind_minutes"`
		DueAt         time.Time `json:"due_at"`
		Version       int       `json:"version"`
	}
	type dueList struct {
		Data []struct {
			ID       string    `json:"id"`
			Title    string    `json:"title"`
			DueAt    time.Time `json:"due_at"`
			RemindAt time.Time `json:"remind_at"`
		} `json:"data"`
	}
	due := func(b *browser) map[string]time.Time {
		t.Helper()
		out := map[string]time.Time{}
		for _, d := range decodeAs[dueList](t, b.get("/api/v1/reminders/due")).Data {
			out[d.Title] = d.RemindAt
		}
		return out
	}
	create := func(title string, in time.Duration, remind string) taskJSON {
		t.Helper()
		body := fmt.Sprintf(`{"title": %q, "due_at": %q`, title, time.Now().Add(in).UTC().Format(time.RFC3339))
		if remind != "" {
			body += `, "remind_minutes": ` + remind
		}
		res := admin.json("POST", "/api/v1/tasks", body+"}")
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create %s: %d %s", title, res.StatusCode, res.Body)
		}
		return decodeAs[taskJSON](t, res)
	}

	t.Run("the profile sets the default lead time of new tasks; 10 minutes until then", func(t *testing.T) {
		is := is.New(t)
		before := create("Made with the default", 3*time.Hour, "")
		is.True(before.RemindMinutes != nil && *before.RemindMinutes == 10) // a new user's default
		page := admin.get("/profile")
		is.True(strings.Contains(page.Body, `<option value="10" selected>`+ts.catalog.Count("en", "remind.minutes_before", 10)+`</option>`))
		res := admin.post("/profile", url.Values{"name": {"Ada Admin"}, "language": {"en"}, "time_zone": {"UTC"}, "remind_minutes": {"15"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		after := create("Made with 15", 3*time.Hour, "")
		is.Equal(*after.RemindMinutes, 15) // the new default
		res = admin.post("/profile", url.Values{"name": {"Ada Admin"}, "language": {"en"}, "time_zone": {"UTC"}, "remind_minutes": {"20000"}})
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity) // more than a week
		is.True(strings.Contains(res.Body, ts.catalog.T("en", "error.remind_invalid")))
		is.Equal(*create("Still 15", 3*time.Hour, "").RemindMinutes, 15)
	})

	t.Run("the task form offers the lead times and saves the one chosen", func(t *testing.T) {
		is := is.New(t)
		form := admin.get("/tasks/new")
		is.True(strings.Contains(form.Body, `name="remind_minutes"`))
		is.True(strings.Contains(form.Body, `<option value="15" selected>`)) // the profile's default, preselected
		for _, label := range []string{ts.catalog.T("en", "remind.none"), ts.catalog.T("en", "remind.at_due"), ts.catalog.Count("en", "remind.days_before", 1)} {
			is.True(strings.Contains(form.Body, ">"+label+"<")) // in words
		}
		res := admin.post("/tasks", url.Values{"title": {"Form task"}, "due_date": {"2031-03-04"}, "due_time": {"09:00"}, "time_zone": {"UTC"},
			"assignee_id": {""}, "priority": {"normal"}, "remind_minutes": {"60"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		id := res.Header.Get("Location")[strings.LastIndex(res.Header.Get("Location"), "/")+1:]
		task := decodeAs[taskJSON](t, admin.get("/api/v1/tasks/"+id))
		is.Equal(*task.RemindMinutes, 60)
		edit := admin.get("/tasks/" + id)
		is.True(strings.Contains(edit.Body, `<option value="60" selected>`+ts.catalog.Count("en", "remind.hours_before", 1)+`</option>`))
	})

	t.Run("the API takes a lead time, null for none, and PATCH changes only it", func(t *testing.T) {
		is := is.New(t)
		quiet := create("Quiet", 3*time.Hour, "null")
		is.True(quiet.RemindMinutes == nil) // no reminder
		task := create("Patched", 3*time.Hour, "5")
		res := admin.json("PATCH", "/api/v1/tasks/"+task.ID, fmt.Sprintf(`{"version": %d, "remind_minutes": 45}`, task.Version))
		is.Equal(res.StatusCode, http.StatusOK)
		patched := decodeAs[taskJSON](t, res)
		is.Equal(*patched.RemindMinutes, 45)
		is.True(patched.DueAt.Equal(task.DueAt)) // the rest kept
		res = admin.json("PATCH", "/api/v1/tasks/"+task.ID, fmt.Sprintf(`{"version": %d, "remind_minutes": -5}`, patched.Version))
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
		is.True(strings.Contains(res.Body, "remind_minutes"))
	})

	t.Run("a reminder rings at the due less its lead time, until dismissed, in every tab", func(t *testing.T) {
		is := is.New(t)
		rung := create("Rings now", 12*time.Minute, "15") // 15 before a due 12 minutes away: rung 3 minutes ago
		create("Not yet", 12*time.Minute, "10")           // rings in 2 minutes
		create("Silent", 1*time.Minute, "null")           // no reminder
		create("Day ahead", 20*time.Hour, "1440")         // a day before: rung 4 hours ago
		create("Late", -2*time.Hour, "0")                 // due two hours ago, not dismissed: still shown
		create("Long gone", -30*time.Hour, "0")           // more than a day after its due: not a reminder any more
		got := due(admin)
		_, ok := got["Rings now"]
		is.True(ok)
		is.True(got["Rings now"].Equal(rung.DueAt.Add(-15 * time.Minute))) // remind_at
		_, ok = got["Day ahead"]
		is.True(ok)
		_, ok = got["Late"]
		is.True(ok)
		for _, title := range []string{"Not yet", "Silent", "Long gone"} {
			_, ok := got[title]
			is.True(!ok) // not ringing
		}

		other := ts.browser(t) // a second browser of the same user: another tab, another device
		res := other.post("/login", url.Values{"email": {"ada@example.com"}, "password": {"correct horse"}})
		is.Equal(res.StatusCode, http.StatusSeeOther)
		_, ok = due(other)["Rings now"]
		is.True(ok)
		someoneElse := ts.loginAs(t, "sales")

		res = admin.json("POST", "/api/v1/reminders/"+rung.ID+"/dismiss", fmt.Sprintf(`{"due_at": %q}`, rung.DueAt.Format(time.RFC3339)))
		is.Equal(res.StatusCode, http.StatusNoContent)
		res = admin.json("POST", "/api/v1/reminders/"+rung.ID+"/dismiss", fmt.Sprintf(`{"due_at": %q}`, rung.DueAt.Format(time.RFC3339)))
		is.Equal(res.StatusCode, http.StatusNoContent) // twice is once
		_, ok = due(admin)["Rings now"]
		is.True(!ok) // gone here
		_, ok = due(other)["Rings now"]
		is.True(!ok) // and in the other tab
		_, ok = due(admin)["Late"]
		is.True(ok) // the others stay until dismissed

		res = someoneElse.json("POST", "/api/v1/reminders/"+rung.ID+"/dismiss", fmt.Sprintf(`{"due_at": %q}`, rung.DueAt.Format(time.RFC3339)))
		is.True(res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusNoContent) // a sales user's dismissal is theirs alone
		res = admin.json("POST", "/api/v1/reminders/"+rung.ID+"/dismiss", `{"due_at": "soon"}`)
		is.Equal(res.StatusCode, http.StatusUnprocessableEntity)

		// Snoozed to a moment already past, it is a new occurrence: it rings again.
		until := time.Now().Add(2 * time.Second).UTC().Format(time.RFC3339)
		res = admin.json("POST", "/api/v1/tasks/"+rung.ID+"/snooze", fmt.Sprintf(`{"until": %q}`, until))
		is.Equal(res.StatusCode, http.StatusOK)
		time.Sleep(3 * time.Second)
		_, ok = due(admin)["Rings now"]
		is.True(ok) // the snooze's end rings, however the due was dismissed
	})
}
