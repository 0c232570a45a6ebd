package web

import (
	"net/http"

	"rolo/app"
)

// notificationsPage is the bell's page: the latest notifications.
type notificationsPage struct {
	Base
	Notifications []app.Notification
	Kinds         []string
	Muted         map[string]bool
}

// handleNotifications shows the user's latest notifications.
func handleNotifications(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "notifications.title")
		list, _, err := s.app.Notifications(r.Context(), b.User, 100)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		muted, err := s.app.NotificationMutes(r.Context(), b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "notifications", b.Lang, notificationsPage{Base: b, Notifications: list, Kinds: app.NotificationKinds, Muted: muted})
	})
}

// handleNotificationsRead marks one notification read (form field id) and
// follows its link, or marks all read and comes back.
func handleNotificationsRead(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "notifications.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := r.PostForm.Get("id")
		if err := s.app.MarkNotificationsRead(r.Context(), b.User, id); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if link := r.PostForm.Get("link"); id != "" && link != "" {
			redirect(w, r, safeNext(link))
			return
		}
		redirect(w, r, "/notifications")
	})
}

// handleNotificationPrefs saves which kinds of notification the user wants.
func handleNotificationPrefs(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "notifications.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		var muted []string
		for _, k := range app.NotificationKinds {
			if r.PostForm.Get("want."+k) == "" {
				muted = append(muted, k)
			}
		}
		if err := s.app.SetNotificationMutes(r.Context(), b.User, muted); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "notifications.prefs_saved")
		redirect(w, r, "/notifications")
	})
}
