package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// The top bar's badges, read in one statement, give what TodayCount and
// UnreadNotifications give, up to BadgeMost and one more.
func TestBadgesMatchTheirCounts(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ctx := context.Background()
	ta := mustOpenApp(t)
	u, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "Sam", Email: "sam@example.com", Role: app.RoleSales, Password: "long enough password"})
	is.NoErr(err)
	other, err := ta.CreateUser(ctx, nil, app.NewUser{Name: "Kim", Email: "kim@example.com", Role: app.RoleSales, Password: "long enough password"})
	is.NoErr(err)
	task := func(who *app.User, due string) app.Task {
		task, err := ta.CreateTask(ctx, nil, app.TaskInput{Title: "Call " + due, DueDate: due, AssigneeID: who.ID})
		is.NoErr(err)
		return task
	}
	check := func(wantToday int) {
		t.Helper()
		b, err := ta.Badges(ctx, u)
		is.NoErr(err)
		today, err := ta.TodayCount(ctx, u)
		is.NoErr(err)
		unread, err := ta.UnreadNotifications(ctx, u)
		is.NoErr(err)
		is.Equal(b.Today, min(today, app.BadgeMost+1)) // the Today badge counts what TodayCount does
		is.Equal(b.Unread, min(unread, app.BadgeMost+1))
		is.Equal(b.Today, wantToday)
	}
	check(0)
	task(u, "2026-11-26")         // overdue
	task(u, "2026-11-27")         // due today
	task(u, "2026-11-28")         // tomorrow: not yet
	task(other, "2026-11-20")     // someone else's
	done := task(u, "2026-11-25") // done
	_, _, err = ta.CompleteTask(ctx, u, done.ID)
	is.NoErr(err)
	check(2)
	for i := range app.BadgeMost + 5 {
		task(u, fmt.Sprintf("2026-10-%02d", i%28+1))
	}
	check(app.BadgeMost + 1) // counted up to one more than shown

	nobody, err := ta.Badges(ctx, nil)
	is.NoErr(err)
	is.Equal(nobody, app.Badges{}) // the system has no badges
}
