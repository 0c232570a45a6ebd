package api

import (
	"net/http"
	"rolo/ui/request"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
)

// The tasks API: list with filters, create, show, merge-patch, delete,
// complete and snooze. The app checks roles and rules.

func handleAPITaskList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		v := r.URL.Query()
		q := app.TaskQuery{Cursor: v.Get("cursor"), Limit: queryLimit(v), Record: queryRecord(v)}
		p := map[string]string{}
		switch a := v.Get("assignee"); a {
		case "me":
			q.AssigneeID = user.ID
		default:
			q.AssigneeID = a // an id, or "none"
		}
		var ok bool
		if q.Done, ok = queryBool(v.Get("done")); !ok {
			p["done"] = "error.bool_invalid"
		}
		loc := app.Location(user)
		if q.DueFrom, ok = parseMoment(v.Get("due_after"), loc); !ok {
			p["due_after"] = "error.date_invalid"
		}
		if q.DueTo, ok = parseMoment(v.Get("due_before"), loc); !ok {
			p["due_before"] = "error.date_invalid"
		}
		if len(p) > 0 {
			writeAPIError(w, r, s, app.Invalid(p))
			return
		}
		list, err := s.app.ListTasks(r.Context(), user, q)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		page := PageJSON[TaskJSON]{Data: make([]TaskJSON, 0, len(list.Tasks)), NextCursor: nullable(list.NextCursor), Total: list.Total}
		for _, t := range list.Tasks {
			page.Data = append(page.Data, NewTaskJSON(t))
		}
		request.Encode(w, http.StatusOK, page)
	})
}

func handleAPITaskCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body taskBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		user := request.CurrentUser(r)
		in := app.TaskInput{}
		if !m.has("assignee_id") {
			in.AssigneeID = user.ID // who adds a task does it, unless they say otherwise
		}
		if p := body.apply(&in, m); len(p) > 0 {
			writeAPIError(w, r, s, app.Invalid(p))
			return
		}
		t, err := s.app.CreateTask(r.Context(), user, in)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if body.Done != nil && *body.Done {
			if t, _, err = s.app.CompleteTask(r.Context(), user, t.ID); err != nil {
				writeAPIError(w, r, s, err)
				return
			}
		}
		if u, err := s.router.Get("api.task").URL("id", t.ID); err == nil {
			w.Header().Set("Location", u.String())
		}
		request.Encode(w, http.StatusCreated, NewTaskJSON(t))
	})
}

func handleAPITaskShow(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.app.Task(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, NewTaskJSON(t))
	})
}

// handleAPITaskUpdate applies a JSON merge patch; version (the one last
// read) is required. "done" completes or reopens the task.
func handleAPITaskUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		if !app.CanDo(user, app.AreaActivities, app.LevelEdit) {
			writeAPIError(w, r, s, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		var body taskBody
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if body.Version == nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"version": "error.version_required"}))
			return
		}
		id := mux.Vars(r)["id"]
		t, err := s.app.Task(r.Context(), user, id)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		in := app.TaskInputOf(t)
		if p := body.apply(&in, m); len(p) > 0 {
			writeAPIError(w, r, s, app.Invalid(p))
			return
		}
		if t, err = s.app.UpdateTask(r.Context(), user, id, *body.Version, in); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if body.Done != nil && *body.Done != t.Done() {
			if *body.Done {
				t, _, err = s.app.CompleteTask(r.Context(), user, id)
			} else {
				t, err = s.app.ReopenTask(r.Context(), user, id)
			}
			if err != nil {
				writeAPIError(w, r, s, err)
				return
			}
		}
		request.Encode(w, http.StatusOK, NewTaskJSON(t))
	})
}

func handleAPITaskDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.app.TrashTask(r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
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
	URL   string    `json:"url"`
}

// handleAPIRemindersDue lists the caller's timed tasks that came due in
// the last 15 minutes: notify.js polls it while a Rolo tab is open.
func handleAPIRemindersDue(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tasks, err := s.app.DueNow(r.Context(), request.CurrentUser(r), 15*time.Minute)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := struct {
			Data []dueJSON `json:"data"`
		}{Data: []dueJSON{}}
		for _, t := range tasks {
			at := t.DueAt
			if !t.SnoozedUntil.IsZero() {
				at = t.SnoozedUntil
			}
			out.Data = append(out.Data, dueJSON{ID: t.ID, Title: t.Title, DueAt: at.UTC(), URL: s.path("task.show", "id", t.ID)})
		}
		request.Encode(w, http.StatusOK, out)
	})
}
