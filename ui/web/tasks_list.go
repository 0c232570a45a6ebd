package web

import (
	"net/http"
	"net/url"

	"rolo/app"
)

// tasksPage lists tasks, the user's open ones unless filtered otherwise.
type tasksPage struct {
	Base
	Assignee string // me, all, none or a user id
	Status   string // open or done
	Rows     []taskRow
	Total    int
	NextURL  string
	Team     recordTeam
	CanWrite bool
}

// handleTasksList shows one page of tasks, soonest due first.
func handleTasksList(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "tasks.title")
		v := r.URL.Query()
		page := tasksPage{Base: b, Assignee: v.Get("assignee"), Status: v.Get("status"), CanWrite: app.CanDo(b.User, app.AreaActivities, app.LevelEdit)}
		if page.Assignee == "" {
			page.Assignee = "me"
		}
		if page.Status != "done" {
			page.Status = "open"
		}
		done := page.Status == "done"
		q := app.TaskQuery{Done: &done, Cursor: v.Get("cursor"), Limit: 50}
		switch page.Assignee {
		case "me":
			q.AssigneeID = b.User.ID
		case "all":
		default:
			q.AssigneeID = page.Assignee
		}
		list, err := s.app.ListTasks(r.Context(), b.User, q)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if page.Team, err = s.recordTeam(r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if page.Rows, err = s.taskRows(r, b.Lang, page.Team, list.Tasks, r.URL.RequestURI()); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page.Total = list.Total
		if list.NextCursor != "" {
			next := url.Values{"assignee": {page.Assignee}, "status": {page.Status}, "cursor": {list.NextCursor}}
			page.NextURL = s.recordPath("tasks") + "?" + next.Encode()
		}
		s.views.render(w, r, http.StatusOK, "tasks", b.Lang, page)
	})
}
