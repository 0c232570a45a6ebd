package api

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/ui/request"
)

type notificationJSON struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	Text      string     `json:"text"`
	Link      string     `json:"link"`
	ReadAt    *time.Time `json:"read_at"`
	CreatedAt time.Time  `json:"created_at"`
}

// handleAPINotifications answers GET /api/v1/notifications: the latest
// and the unread count (the bell).
func handleAPINotifications(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		list, unread, err := s.app.Notifications(r.Context(), request.CurrentUser(r), 50)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := []notificationJSON{}
		for _, n := range list {
			out = append(out, notificationJSON{ID: n.ID, Kind: n.Kind, Text: n.Text, Link: n.Link, ReadAt: timeOrNil(n.ReadAt), CreatedAt: n.CreatedAt})
		}
		request.Encode(w, http.StatusOK, map[string]any{"data": out, "unread": unread})
	})
}

// handleAPINotificationRead answers POST /api/v1/notifications/{id}/read
// ("all" marks every one read).
func handleAPINotificationRead(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := mux.Vars(r)["id"]
		if id == "all" {
			id = ""
		}
		if err := s.app.MarkNotificationsRead(r.Context(), request.CurrentUser(r), id); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
