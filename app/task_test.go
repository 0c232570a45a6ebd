package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// mustContact adds a contact owned by owner.
func mustContact(tb testing.TB, ta *testApp, owner *app.User, name, birthday string) app.Contact {
	tb.Helper()
	c, err := ta.CreateContact(context.Background(), owner, app.ContactInput{FirstName: name, OwnerID: owner.ID, Birthday: birthday})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func openTasks(tb testing.TB, ta *testApp, actor *app.User, series string) []app.Task {
	tb.Helper()
	open := false
	list, err := ta.ListTasks(context.Background(), actor, store.TaskQuery{Done: &open, Limit: 500})
	if err != nil {
		tb.Fatal(err)
	}
	var out []app.Task
	for _, t := range list.Tasks {
		if t.SeriesID == series {
			out = append(out, t)
		}
	}
	return out
}

func TestRecurringTaskCompletesOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	c := mustContact(t, ta, admin, "Ada", "")
	weekly := func(t *testing.T) app.Task {
		task, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: "Weekly call", DueDate: "2026-11-30", DueTime: "09:00",
			TimeZone: "America/New_York", AssigneeID: admin.ID, Recurrence: "FREQ=WEEKLY;BYDAY=MO",
			Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		return task
	}

	t.Run("twice in a row", func(t *testing.T) {
		is := is.New(t)
		task := weekly(t)
		is.Equal(task.DueAt, time.Date(2026, 11, 30, 14, 0, 0, 0, time.UTC)) // 9:00 EST
		done, next, err := ta.CompleteTask(ctx, admin, task.ID)
		is.NoErr(err)
		is.True(done.Done())
		is.True(next != nil)
		is.Equal(next.DueAt.In(mustZone(t, "America/New_York")).Format("Mon 15:04"), "Mon 09:00")
		is.Equal(next.Links, task.Links) // the next one is linked like the first
		_, again, err := ta.CompleteTask(ctx, admin, task.ID)
		is.NoErr(err)
		is.True(again == nil)                              // a second click adds nothing
		is.Equal(len(openTasks(t, ta, admin, task.ID)), 1) // one open occurrence
	})

	t.Run("done, reopened and done again", func(t *testing.T) {
		is := is.New(t)
		task := weekly(t)
		_, _, err := ta.CompleteTask(ctx, admin, task.ID)
		is.NoErr(err)
		_, err = ta.ReopenTask(ctx, admin, task.ID)
		is.NoErr(err)
		_, next, err := ta.CompleteTask(ctx, admin, task.ID)
		is.NoErr(err)
		is.True(next == nil)                               // the next occurrence exists already
		is.Equal(len(openTasks(t, ta, admin, task.ID)), 1) // still one
	})

	t.Run("concurrently", func(t *testing.T) {
		is := is.New(t)
		task := weekly(t)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				_, _, err := ta.CompleteTask(ctx, admin, task.ID)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			is.NoErr(err)
		}
		is.Equal(len(openTasks(t, ta, admin, task.ID)), 1) // exactly one next occurrence
	})

	t.Run("across the start of daylight-saving time", func(t *testing.T) {
		is := is.New(t)
		task, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: "Standup", DueDate: "2027-03-08", DueTime: "09:00",
			TimeZone: "America/New_York", AssigneeID: admin.ID, Recurrence: "FREQ=WEEKLY"})
		is.NoErr(err)
		is.Equal(task.DueAt, time.Date(2027, 3, 8, 14, 0, 0, 0, time.UTC)) // 9:00 EST
		_, next, err := ta.CompleteTask(ctx, admin, task.ID)
		is.NoErr(err)
		is.Equal(next.DueAt, time.Date(2027, 3, 15, 13, 0, 0, 0, time.UTC)) // 9:00 EDT, an hour earlier in UTC
	})

	t.Run("a viewer may not complete it", func(t *testing.T) {
		is := is.New(t)
		task := weekly(t)
		viewer, err := ta.CreateUser(ctx, admin, app.NewUser{Name: "Vi", Email: "vi-" + task.ID[:8] + "@example.com", Role: app.RoleViewer, Password: "12345678"})
		is.NoErr(err)
		_, _, err = ta.CompleteTask(ctx, viewer, task.ID)
		is.Equal(app.ErrorCode(err), app.EForbidden)
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestTaskValidationAndSnooze(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	t.Run("problems by field", func(t *testing.T) {
		is := is.New(t)
		_, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: " ", DueDate: "2026-02-30", Recurrence: "FREQ=SECONDLY", Priority: "urgent",
			Links: []app.RecordRef{{Entity: "contact", ID: "nope"}}})
		is.Equal(fieldProblem(err, "title"), "error.required")
		is.Equal(fieldProblem(err, "due_date"), "error.date_invalid")
		is.Equal(fieldProblem(err, "recurrence"), "error.recurrence_invalid")
		is.Equal(fieldProblem(err, "priority"), "error.priority_invalid")
		is.Equal(fieldProblem(err, "links.0"), "error.link_unknown")
		_, err = ta.CreateTask(ctx, admin, app.TaskInput{Title: "x", Recurrence: "FREQ=DAILY"})
		is.Equal(fieldProblem(err, "recurrence"), "error.recurrence_needs_due")
	})
	t.Run("snooze choices in the user's zone", func(t *testing.T) {
		is := is.New(t)
		seoul := *admin
		seoul.TimeZone = "Asia/Seoul" // now is 2026-11-27 09:00 UTC, 18:00 in Seoul, a Friday
		later, err := ta.SnoozeUntil(&seoul, "later", "", "")
		is.NoErr(err)
		is.Equal(later.UTC(), time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
		tomorrow, err := ta.SnoozeUntil(&seoul, "tomorrow", "", "")
		is.NoErr(err)
		is.Equal(tomorrow.UTC(), time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)) // 9:00 KST
		monday, err := ta.SnoozeUntil(&seoul, "next_week", "", "")
		is.NoErr(err)
		is.Equal(monday.In(mustZone(t, "Asia/Seoul")).Format("2006-01-02 Mon 15:04"), "2026-11-30 Mon 09:00")
		task, err := ta.CreateTask(ctx, &seoul, app.TaskInput{Title: "Call back", DueDate: "2026-11-27", AssigneeID: admin.ID})
		is.NoErr(err)
		is.Equal(task.TimeZone, "Asia/Seoul") // stamped with the creator's zone
		task, err = ta.SnoozeTask(ctx, &seoul, task.ID, tomorrow)
		is.NoErr(err)
		is.Equal(task.DueKey, store.FormatTime(tomorrow))
		_, err = ta.SnoozeTask(ctx, &seoul, task.ID, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
		is.Equal(fieldProblem(err, "until"), "error.snooze_invalid") // not into the past
	})
}

func TestKeepInTouch(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	c := mustContact(t, ta, admin, "Grace", "")
	is.NoErr(ta.SetKeepInTouch(ctx, admin, c.ID, 30))
	today, err := ta.Today(ctx, admin)
	is.NoErr(err)
	is.Equal(len(today.KeepInTouch), 0) // not due yet

	ta.clock.Add(31 * 24 * time.Hour)
	today, err = ta.Today(ctx, admin)
	is.NoErr(err)
	is.Equal(len(today.KeepInTouch), 1) // 31 days without a word
	is.Equal(today.KeepInTouch[0].DisplayName, "Grace")

	_, err = ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "call", Outcome: "Caught up",
		OccurredAt: ta.clock.Now().Add(-2 * 24 * time.Hour), Links: []app.RecordRef{{Entity: "contact", ID: c.ID}}})
	is.NoErr(err)
	today, err = ta.Today(ctx, admin)
	is.NoErr(err)
	is.Equal(len(today.KeepInTouch), 0) // the call reset it
	k, ok, err := ta.KeepInTouchOf(ctx, admin, c.ID)
	is.NoErr(err)
	is.True(ok)
	is.Equal(k.DueAt, ta.clock.Now().Add(28*24*time.Hour).UTC()) // 30 days from the call, two days ago

	is.NoErr(ta.SetKeepInTouch(ctx, admin, c.ID, 0))
	_, ok, err = ta.KeepInTouchOf(ctx, admin, c.ID)
	is.NoErr(err)
	is.True(!ok) // cleared
}

func TestTodayBirthdaysAndSections(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t) // 2026-11-27 09:00 UTC
	admin := mustSetup(t, ta)
	mustContact(t, ta, admin, "NoYear", "--11-30")
	mustContact(t, ta, admin, "WithYear", "1980-11-27")
	mustContact(t, ta, admin, "Later", "--12-25")
	add := func(title, date string) {
		if _, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: title, DueDate: date, TimeZone: "UTC", AssigneeID: admin.ID}); err != nil {
			t.Fatal(err)
		}
	}
	add("late", "2026-11-20")
	add("today", "2026-11-27")
	add("soon", "2026-12-02")
	add("far", "2027-01-20")
	utc := *admin
	utc.TimeZone = "UTC"
	today, err := ta.Today(ctx, &utc)
	is.NoErr(err)
	is.Equal(len(today.Dates), 2) // within the 7 days of the birthday rule
	is.Equal(today.Dates[0].Name, "WithYear")
	is.Equal(today.Dates[0].Years, 46)
	is.Equal(today.Dates[1].Name, "NoYear")
	is.Equal(today.Dates[1].InDays, 3)
	is.Equal(today.Overdue.Tasks[0].Title, "late")
	is.Equal(today.DueToday.Tasks[0].Title, "today")
	is.Equal(today.Upcoming.Tasks[0].Title, "soon")
	is.Equal(today.Upcoming.Total, 1) // "far" is beyond the week
	n, err := ta.TodayCount(ctx, &utc)
	is.NoErr(err)
	is.Equal(n, 2) // overdue and today
}

func TestTimelineMergesAndPages(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	c := mustContact(t, ta, admin, "Timeline", "") // one audit entry at 09:00
	ref := app.RecordRef{Entity: "contact", ID: c.ID}
	for i := range 7 {
		ta.clock.Add(time.Hour)
		_, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "note", Outcome: "note " + string(rune('A'+i)), Links: []app.RecordRef{ref}})
		is.NoErr(err)
		if i == 3 {
			_, err = ta.UpdateContact(ctx, admin, c.ID, 1, app.ContactInput{FirstName: "Timeline", Title: "Boss", OwnerID: admin.ID})
			is.NoErr(err)
		}
	}
	// A backdated call goes below the contact's creation.
	_, err := ta.LogActivity(ctx, admin, app.ActivityInput{TypeID: "call", Outcome: "old call", OccurredAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Links: []app.RecordRef{ref}})
	is.NoErr(err)

	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		is.True(pages < 10) // paging ends
		page, err := ta.Timeline(ctx, admin, ref, cursor, 3)
		is.NoErr(err)
		for _, item := range page.Items {
			if item.Activity != nil {
				got = append(got, item.Activity.Outcome)
			} else {
				got = append(got, item.Change.Action)
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	is.Equal(strings.Join(got, ","), "note G,note F,note E,contact.updated,note D,note C,note B,note A,contact.created,old call")
}

func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	_, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: "Weekly <review>", DueDate: "2026-11-30", DueTime: "09:00",
		TimeZone: "Europe/Berlin", AssigneeID: admin.ID, Recurrence: "FREQ=WEEKLY;BYDAY=MO;COUNT=4"})
	is.NoErr(err)
	_, err = ta.CreateTask(ctx, admin, app.TaskInput{Title: "Renewal", DueDate: "2026-12-01", AssigneeID: admin.ID})
	is.NoErr(err)
	_, err = ta.CreateTask(ctx, admin, app.TaskInput{Title: "Undated", AssigneeID: admin.ID})
	is.NoErr(err)

	token, err := ta.CalendarFeedToken(ctx, admin)
	is.NoErr(err)
	again, err := ta.CalendarFeedToken(ctx, admin)
	is.NoErr(err)
	is.Equal(token, again) // the same URL until regenerated
	u, err := ta.CalendarFeedUser(ctx, token)
	is.NoErr(err)
	is.Equal(u.ID, admin.ID)
	_, err = ta.CalendarFeedUser(ctx, strings.Repeat("x", 32))
	is.Equal(app.ErrorCode(err), app.ENotFound) // a wrong token finds nobody

	var b strings.Builder
	is.NoErr(ta.WriteCalendar(ctx, u, func(id string) string { return "http://127.0.0.1:8080/tasks/" + id }, &b))
	cal, err := ical.ParseCalendar(strings.NewReader(b.String()))
	is.NoErr(err)
	events := cal.Events()
	is.Equal(len(events), 2) // the undated task is not in a calendar
	byTitle := map[string]*ical.VEvent{}
	for _, e := range events {
		byTitle[e.GetProperty(ical.ComponentPropertySummary).Value] = e
	}
	weekly := byTitle["Weekly <review>"]
	is.True(weekly != nil)
	is.Equal(weekly.GetProperty(ical.ComponentPropertyRrule).Value, "FREQ=WEEKLY;COUNT=4;BYDAY=MO")
	start, err := weekly.GetStartAt()
	is.NoErr(err)
	is.Equal(start.UTC(), time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)) // 9:00 in Berlin
	is.True(strings.HasPrefix(weekly.GetProperty(ical.ComponentPropertyUrl).Value, "http://127.0.0.1:8080/tasks/"))
	is.Equal(len(cal.Timezones()), 1) // Europe/Berlin described for apps that need it
	renewal := byTitle["Renewal"]
	day, err := renewal.GetAllDayStartAt()
	is.NoErr(err)
	is.Equal(day.Format("2006-01-02"), "2026-12-01") // an all-day event

	renewed, err := ta.RegenerateCalendarFeed(ctx, admin)
	is.NoErr(err)
	is.True(renewed != token)
	_, err = ta.CalendarFeedUser(ctx, token)
	is.Equal(app.ErrorCode(err), app.ENotFound) // the old URL stops working
	_, err = ta.CalendarFeedUser(ctx, renewed)
	is.NoErr(err)
}
