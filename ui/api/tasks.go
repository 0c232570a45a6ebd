package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// The tasks API: the generic record handlers (records.go) with the list's
// filters and "done", and the task's own actions, complete and snooze. The
// app checks roles and rules.

// listTasks answers GET /tasks: filters assignee (an id, "me" or "none"),
// done, due_after and due_before, and a linked record.
func listTasks(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
	q := app.TaskQuery{Cursor: v.Get("cursor"), Limit: queryLimit(v), Record: queryRecord(v)}
	p := map[string]string{}
	switch who := v.Get("assignee"); who {
	case "me":
		q.AssigneeID = actor.ID
	default:
		q.AssigneeID = who // an id, or "none"
	}
	var ok bool
	if q.Done, ok = queryBool(v.Get("done")); !ok {
		p["done"] = "error.bool_invalid"
	}
	q.DueFrom, q.DueTo = queryPeriod(v, app.Location(actor), "due_after", "due_before", p)
	if len(p) > 0 {
		return nil, app.Invalid(p)
	}
	list, err := a.ListTasks(ctx, actor, q)
	if err != nil {
		return nil, err
	}
	return pageOf(list.Tasks, list.NextCursor, list.Total, NewTaskJSON), nil
}

// taskDone completes or reopens a task just created or changed when the
// body's "done" says otherwise.
func taskDone(a *app.App, ctx context.Context, actor app.Actor, b taskBody, t app.Task) (app.Task, error) {
	if b.Done == nil || *b.Done == t.Done() {
		return t, nil
	}
	if *b.Done {
		t, _, err := a.CompleteTask(ctx, actor, t.ID)
		return t, err
	}
	return a.ReopenTask(ctx, actor, t.ID)
}

// completedJSON answers a completion: the task, and the next occurrence a
// recurring task got (null otherwise, or when it already had it).
type completedJSON struct {
	Task TaskJSON  `json:"task"`
	Next *TaskJSON `json:"next"`
}

func handleAPITaskComplete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, next, err := s.app.CompleteTask(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := completedJSON{Task: NewTaskJSON(t)}
		if next != nil {
			n := NewTaskJSON(*next)
			out.Next = &n
		}
		request.Encode(w, http.StatusOK, out)
	})
}

// snoozeBody says until when: an exact moment, a choice (later, tomorrow,
// next_week), or a day (and time) in the caller's zone.
type snoozeBody struct {
	Until  string `json:"until"`
	Option string `json:"option"`
	Date   string `json:"date"`
	Time   string `json:"time"`
}

func handleAPITaskSnooze(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		if !app.CanDo(user, app.AreaActivities, app.LevelEdit) {
			writeAPIError(w, r, s, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		if _, err := s.app.Task(r.Context(), user, mux.Vars(r)["id"]); err != nil { // not visible: not found, before the body
			writeAPIError(w, r, s, err)
			return
		}
		var body snoozeBody
		if _, err := decodeBody(w, r, &body); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		var until time.Time
		var err error
		if body.Until != "" {
			if until, err = time.Parse(time.RFC3339, body.Until); err != nil {
				err = app.Invalid(map[string]string{"until": "error.date_invalid"})
			}
		} else {
			option := body.Option
			if option == "" {
				option = "date"
			}
			until, err = s.app.SnoozeUntil(user, option, body.Date, body.Time)
		}
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		t, err := s.app.SnoozeTask(r.Context(), user, mux.Vars(r)["id"], until)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, NewTaskJSON(t))
	})
}

// dueJSON is a task that just came due, for notify.js.
type dueJSON struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	DueAt time.Time `json:"due_at"`
	// RemindAt is when it rang: due_at less the task's lead time.
	RemindAt time.Time `json:"remind_at"`
	URL      string    `json:"url"`
}

// handleAPIRemindersDue lists the caller's reminders that have rung (due
// minus the task's lead time has passed) and that they have not dismissed,
// up to a day after the due: notify.js polls it while a Rolo tab is open
// and keeps the banner until POST /reminders/{id}/dismiss.
func handleAPIRemindersDue(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		due, err := s.app.DueReminders(r.Context(), request.CurrentUser(r))
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := listJSON[dueJSON]{Data: []dueJSON{}}
		for _, d := range due {
			out.Data = append(out.Data, dueJSON{ID: d.Task.ID, Title: d.Task.Title, DueAt: d.DueAt.UTC(), RemindAt: d.RemindAt.UTC(),
				URL: s.path("task.show", "id", d.Task.ID)})
		}
		request.Encode(w, http.StatusOK, out)
	})
}
