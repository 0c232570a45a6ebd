package web

import (
	"net/http"
	"net/url"
	"time"

	"rolo/app"
)

// handleActivityCreate logs an activity, completes the task it answers,
// and goes back to the record page (or on to a follow-up task).
func handleActivityCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activities.new_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		form := readActivityForm(r.PostForm)
		if pickerSearching(r.PostForm) { // a picker's search without JavaScript: the form comes back with matches
			s.renderActivityForm(w, r, http.StatusOK, activityFormPage{Base: b, Form: form})
			return
		}
		in, problems := form.input(app.Location(b.User))
		if now := s.app.Now(); in.OccurredAt.Equal(now.Truncate(time.Minute)) {
			// The form's default is now to the minute: keep the seconds, so
			// the activity sorts after what happened earlier that minute.
			in.OccurredAt = now
		}
		var act app.Activity
		var err error
		if problems == nil {
			act, err = s.app.LogActivity(r.Context(), b.User, in)
			problems = fieldErrors(err)
		}
		if problems != nil {
			s.renderActivityForm(w, r, http.StatusUnprocessableEntity, activityFormPage{Base: b, Form: form, Errors: problems})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		flash := "activities.logged"
		if form.TaskID != "" {
			if _, _, err := s.app.CompleteTask(r.Context(), b.User, form.TaskID); err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			flash = "activities.logged_task_done"
		}
		back := returnPath(form.Return, "")
		if back == "" && len(act.Links) > 0 {
			back = s.recordURL(act.Links[0])
		}
		back = returnPath(back, "/")
		if form.FollowUp {
			q := url.Values{"return": {back}, "title": {s.catalog.T(b.Lang, "activities.follow_up_title", act.Outcome)}}
			for _, l := range act.Links {
				q.Add(l.Entity, l.ID)
			}
			if act.Outcome == "" {
				q.Set("title", s.catalog.T(b.Lang, "activities.follow_up_plain"))
			}
			setFlash(w, flash)
			redirect(w, r, s.recordPath("task.new")+"?"+q.Encode())
			return
		}
		setFlash(w, flash)
		redirect(w, r, back)
	})
}
