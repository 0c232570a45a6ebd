package app_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// TestRecordsOpenTasksFollowEveryWrite: a record's open tasks are read
// from its links' copies (migration 0031); after each kind of change, by
// this server or another process, they are the tasks that truly are open,
// soonest first.
func TestRecordsOpenTasksFollowEveryWrite(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Tasked"})
	is.NoErr(err)
	ref := app.RecordRef{Entity: "contact", ID: c.ID}
	add := func(title, due string) app.Task {
		task, err := ta.CreateTask(ctx, admin, app.TaskInput{Title: title, DueDate: due, Links: []app.RecordRef{ref}})
		is.NoErr(err)
		return task
	}
	call, visit, undated, invoice := add("Call", "2026-12-03"), add("Visit", "2026-12-01"), add("Undated", ""), add("Invoice", "2026-12-02")
	open := func() []string {
		t.Helper()
		no := false
		list, err := ta.ListTasks(ctx, admin, store.TaskQuery{Record: ref, Done: &no})
		is.NoErr(err)
		var titles []string
		for _, task := range list.Tasks {
			titles = append(titles, task.Title)
		}
		// The same as every task of the record, filtered and sorted here.
		all, err := ta.ListTasks(ctx, admin, store.TaskQuery{Record: ref})
		is.NoErr(err)
		var want []app.Task
		for _, task := range all.Tasks {
			if !task.Done() {
				want = append(want, task)
			}
		}
		slices.SortFunc(want, func(a, b app.Task) int {
			if a.DueKey != b.DueKey {
				return map[bool]int{true: -1, false: 1}[a.DueKey < b.DueKey]
			}
			return map[bool]int{true: -1, false: 1}[a.ID < b.ID]
		})
		var wantTitles []string
		for _, task := range want {
			wantTitles = append(wantTitles, task.Title)
		}
		is.Equal(titles, wantTitles)
		return titles
	}
	is.Equal(open(), []string{"Visit", "Invoice", "Call", "Undated"})

	_, _, err = ta.CompleteTask(ctx, admin, visit.ID)
	is.NoErr(err)
	is.Equal(open(), []string{"Invoice", "Call", "Undated"}) // done
	_, err = ta.ReopenTask(ctx, admin, visit.ID)
	is.NoErr(err)
	is.Equal(open(), []string{"Visit", "Invoice", "Call", "Undated"}) // open again
	_, err = ta.SnoozeTask(ctx, admin, visit.ID, time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC))
	is.NoErr(err)
	is.Equal(open(), []string{"Invoice", "Call", "Visit", "Undated"}) // later now
	is.NoErr(ta.TrashTask(ctx, admin, invoice.ID))
	is.Equal(open(), []string{"Call", "Visit", "Undated"}) // in the trash
	_, err = ta.UpdateTask(ctx, admin, undated.ID, undated.Version, app.TaskInput{Title: "Undated", DueDate: "2026-11-30", Links: []app.RecordRef{ref}})
	is.NoErr(err)
	is.Equal(open(), []string{"Undated", "Call", "Visit"}) // given a day

	// Another process marks a task done.
	otherProcess(t, ta, `UPDATE tasks SET done_at = '2026-11-27T09:00:00.000Z' WHERE id = ?`, call.ID)
	is.Equal(open(), []string{"Undated", "Visit"})

	// A copy made wrong behind the triggers' back is what doctor finds and mends.
	otherProcess(t, ta, `UPDATE task_links SET open = 1 WHERE task_id = ?`, call.ID)
	r, err := app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.Equal(len(r.Cards), 1)
	is.True(r.OnlyDerivedDiffers())
	_, err = ta.DB().RebuildContactCards(ctx)
	is.NoErr(err)
	r, err = app.Doctor(ctx, ta.dbPath)
	is.NoErr(err)
	is.Equal(len(r.Cards), 0)
}
