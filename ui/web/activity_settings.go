package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"rolo/app"
)

// activitySettingsPage lets admins manage activity types and date reminders.
type activitySettingsPage struct {
	Base
	Types     []activityTypeView
	Reminders []app.DateReminder
	Form      app.ActivityTypeInput // the new-type form as typed
	Errors    map[string]string
	ErrorsFor string // the type id whose form failed, "new" for the new one
}

func (s *site) renderActivitySettings(w http.ResponseWriter, r *http.Request, status int, page activitySettingsPage) {
	var err error
	if page.Types, err = s.activityTypes(r, page.Lang); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if page.Reminders, err = s.app.DateReminders(r.Context(), page.User); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	s.views.render(w, r, status, "activity_settings", page.Lang, page)
}

// handleActivitySettings shows the activity types and reminder rules.
func handleActivitySettings(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderActivitySettings(w, r, http.StatusOK, activitySettingsPage{Base: s.base(w, r, "activity_settings.title"),
			Form: app.ActivityTypeInput{Color: "#0ea5e9"}})
	})
}

func readActivityType(r *http.Request) app.ActivityTypeInput {
	return app.ActivityTypeInput{Name: r.PostForm.Get("name"), Icon: r.PostForm.Get("icon"), Color: r.PostForm.Get("color"),
		HasDuration: r.PostForm.Get("has_duration") != "", Archived: r.PostForm.Get("archived") != ""}
}

// handleActivityTypeCreate adds a type.
func handleActivityTypeCreate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activity_settings.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		in := readActivityType(r)
		_, err := s.app.CreateActivityType(r.Context(), b.User, in)
		if fields := fieldErrors(err); fields != nil {
			s.renderActivitySettings(w, r, http.StatusUnprocessableEntity, activitySettingsPage{Base: b, Form: in, Errors: fields, ErrorsFor: "new"})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "activity_settings.type_created")
		redirect(w, r, s.recordPath("activity_settings"))
	})
}

// handleActivityTypeUpdate changes or archives a type.
func handleActivityTypeUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activity_settings.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		err := s.app.UpdateActivityType(r.Context(), b.User, id, readActivityType(r))
		if fields := fieldErrors(err); fields != nil {
			s.renderActivitySettings(w, r, http.StatusUnprocessableEntity, activitySettingsPage{Base: b, Errors: fields, ErrorsFor: id,
				Form: app.ActivityTypeInput{Color: "#0ea5e9"}})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "activity_settings.type_saved")
		redirect(w, r, s.recordPath("activity_settings"))
	})
}

// handleDateReminderUpdate changes a date reminder's lead time or turns
// it off.
func handleDateReminderUpdate(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "activity_settings.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		days, err := strconv.Atoi(r.PostForm.Get("days_before"))
		if err != nil {
			days = -1
		}
		err = s.app.UpdateDateReminder(r.Context(), b.User, mux.Vars(r)["id"], days, r.PostForm.Get("enabled") != "")
		if fields := fieldErrors(err); fields != nil {
			s.renderActivitySettings(w, r, http.StatusUnprocessableEntity, activitySettingsPage{Base: b, Errors: fields,
				ErrorsFor: mux.Vars(r)["id"], Form: app.ActivityTypeInput{Color: "#0ea5e9"}})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "activity_settings.reminder_saved")
		redirect(w, r, s.recordPath("activity_settings"))
	})
}
