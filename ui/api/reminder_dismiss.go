package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// dismissBody names the occurrence dismissed: the due_at that
// GET /reminders/due gave, so a snooze or a new due rings again.
type dismissBody struct {
	DueAt string `json:"due_at"`
}

// handleAPIReminderDismiss hides a task's reminder for the caller in every
// tab (the banner of notify.js); 204.
func handleAPIReminderDismiss(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := request.CurrentUser(r)
		var body dismissBody
		if _, err := decodeBody(w, r, &body); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		due, err := time.Parse(time.RFC3339, body.DueAt)
		if err != nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"due_at": "error.date_invalid"}))
			return
		}
		if err := s.app.DismissReminder(r.Context(), user, mux.Vars(r)["id"], due); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
