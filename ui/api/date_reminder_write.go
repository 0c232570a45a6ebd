package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// The date reminders of the activity settings: how many days ahead a
// birthday (or another date) reminds its record's owner, or not at all.
// Admins only, as on the page.

// DateReminderJSON is one reminder rule.
type DateReminderJSON struct {
	ID         string `json:"id"`
	Entity     string `json:"entity"`
	Field      string `json:"field"` // birthday
	DaysBefore int    `json:"days_before"`
	Enabled    bool   `json:"enabled"`
}

// DateReminderPatch changes a rule; an absent member stays.
type DateReminderPatch struct {
	DaysBefore *int  `json:"days_before"` // 0 to 60
	Enabled    *bool `json:"enabled"`
}

func (s *apiSite) dateReminders(r *http.Request) ([]DateReminderJSON, error) {
	list, err := s.app.DateReminders(r.Context(), request.CurrentUser(r))
	out := []DateReminderJSON{}
	for _, d := range list {
		out = append(out, DateReminderJSON{ID: d.ID, Entity: d.Entity, Field: d.Field, DaysBefore: d.DaysBefore, Enabled: d.Enabled})
	}
	return out, err
}

func handleAPIDateReminders(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !apiAllowed(w, r, s, app.AreaSettings, app.LevelManage) {
			return
		}
		list, err := s.dateReminders(r)
		answer(w, r, s, http.StatusOK, listJSON[DateReminderJSON]{Data: list}, err)
	})
}

func handleAPIDateReminderUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in DateReminderPatch
		if _, ok := readSettingsBody(w, r, s, app.AreaSettings, app.LevelManage, &in); !ok {
			return
		}
		list, err := s.dateReminders(r)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		id := mux.Vars(r)["id"]
		for _, d := range list {
			if d.ID != id {
				continue
			}
			applyPatch(&d.DaysBefore, in.DaysBefore)
			applyPatch(&d.Enabled, in.Enabled)
			if err := s.app.UpdateDateReminder(r.Context(), request.CurrentUser(r), id, d.DaysBefore, d.Enabled); err != nil {
				writeAPIError(w, r, s, err)
				return
			}
			request.Encode(w, http.StatusOK, d)
			return
		}
		writeAPIError(w, r, s, &app.Error{Code: app.ENotFound, Message: "error.not_found"})
	})
}
